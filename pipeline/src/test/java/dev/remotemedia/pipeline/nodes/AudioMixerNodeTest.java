package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.pipeline.runtime.StreamSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AudioMixerNodeTest {
    private static final int RATE = 48_000;

    @Test
    void sums_inputs_aligned_by_timestamp() {
        final AudioMixerNode mixer = new AudioMixerNode(2, RATE, 1, 40);
        final float[] a = Signals.sine(1000, 0.3, RATE, 9600);
        final float[] b = Signals.sine(3000, 0.2, RATE, 9600);
        final List<RuntimeData> out = new ArrayList<>();
        // Input 1 starts 10 ms (480 frames) after input 0; both arrive in 20 ms frames, interleaved.
        for (int f = 0; f < 10; f++) {
            mixer.process(0, AudioData.wrap(java.util.Arrays.copyOfRange(a, f * 960, (f + 1) * 960), RATE, 1,
                                            f * 20_000L), out::add);
            mixer.process(1, AudioData.wrap(java.util.Arrays.copyOfRange(b, f * 960, (f + 1) * 960), RATE, 1,
                                            10_000 + f * 20_000L), out::add);
        }
        mixer.flush(out::add);
        final float[] y = Signals.concat(out);
        assertThat(y).hasSize(9600 + 480);
        assertThat(((AudioData) out.get(0)).timestampUs()).isZero();
        for (int i = 0; i < y.length; i++) {
            final float expected = (i < 9600 ? a[i] : 0) + (i >= 480 ? b[i - 480] : 0);
            assertThat(y[i]).isCloseTo(expected, within(1e-6f));
        }
    }

    @Test
    void waits_for_a_late_input_only_max_wait_ms() {
        final AudioMixerNode mixer = new AudioMixerNode(2, RATE, 1, 40);
        final List<RuntimeData> out = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            mixer.process(0, AudioData.wrap(filled(960, 0.25f), RATE, 1, f * 20_000L), out::add);
        }
        // 100 ms of input 0 and nothing from input 1: everything older than 40 ms went out as input 0 alone.
        assertThat(Signals.concat(out)).hasSize(48 * 60).containsOnly(0.25f);
    }

    @Test
    void a_pipeline_mixes_two_branches_of_one_input() throws Exception {
        final Manifest m = Manifest.builder().node("input", "Input").node("dry", "Passthrough")
                                   .node("half", "Gain", Map.of("gain_db", 20 * Math.log10(0.5)))
                                   .node("mix", "AudioMixer", Map.of("sample_rate", RATE))
                                   .node("output", "Output").connect("input", "dry").connect("input", "half")
                                   .connect("dry", "mix").connect("half", "mix").connect("mix", "output").build();
        final float[] x = Signals.sine(440, 0.5, RATE, 960 * 5);
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(m);
            for (int f = 0; f < 5; f++) {
                s.sendInput(AudioData.wrap(java.util.Arrays.copyOfRange(x, f * 960, (f + 1) * 960), RATE, 1,
                                           f * 20_000L));
            }
            s.sendInput(TextData.of("passes"));
            s.close();
            final List<RuntimeData> out = new ArrayList<>();
            RuntimeData d;
            while ((d = s.receiveOutput(10, TimeUnit.SECONDS)) != null) {
                out.add(d);
            }
            // The text passes through both branches.
            assertThat(out).filteredOn(TextData.class::isInstance).hasSize(2);
            final float[] y = Signals.concat(out);
            assertThat(y).hasSize(x.length);
            for (int i = 0; i < x.length; i++) {
                assertThat(y[i]).isCloseTo(1.5f * x[i], within(1e-5f));
            }
        }
    }

    @Test
    void refuses_audio_of_another_rate() {
        final AudioMixerNode mixer = new AudioMixerNode(2, RATE, 1, 40);
        assertThatThrownBy(() -> mixer.process(1, AudioData.of(new float[160], 16_000, 1, 0), d -> { }))
                .hasMessage("input 1: audio of 16000 Hz, 1 channels (expected: 48000 Hz, 1 channels; resample "
                            + "before mixing)");
    }

    private static float[] filled(int n, float v) {
        final float[] s = new float[n];
        java.util.Arrays.fill(s, v);
        return s;
    }
}
