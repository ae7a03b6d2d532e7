package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resample by content, streamed in 20 ms frames through a session. */
class ResampleNodeTest {
    private static final int RATE = 48_000;
    private static final int FRAME = 960;

    /** 1 s of a 1 kHz tone plus a 20 kHz tone, each at amplitude 0.4. */
    private static float[] input() {
        final float[] low = Signals.sine(1000, 0.4, RATE, RATE);
        final float[] high = Signals.sine(20_000, 0.4, RATE, RATE);
        final float[] mix = new float[RATE];
        for (int i = 0; i < RATE; i++) {
            mix[i] = low[i] + high[i];
        }
        return mix;
    }

    @Test
    void down_to_16k_keeps_1khz_and_does_not_fold_20khz_back_to_4khz() throws Exception {
        final List<AudioData> out = stream(Manifest.builder().node("input", "Input")
                .node("down", "Resample", Map.of("output_rate", 16_000)).node("output", "Output")
                .chain("input", "down", "output").build());
        final float[] y = Signals.concat(out);
        assertThat(y).hasSize(16_000);
        assertThat(out).allSatisfy(a -> assertThat(a.sampleRate()).isEqualTo(16_000));
        assertContiguous(out, 16_000);
        // 20 kHz sampled at 16 kHz without a filter would appear at 4 kHz.
        assertThat(Signals.amplitudeAt(y, 4_000, 12_000, 16_000, 1000)).isCloseTo(0.4, within(0.004));
        assertThat(Signals.amplitudeAt(y, 4_000, 12_000, 16_000, 4000)).isLessThan(4e-4);
    }

    @Test
    void down_to_16k_and_back_to_48k_keeps_1khz_in_place_and_removes_20khz() throws Exception {
        final List<AudioData> out = stream(Manifest.builder().node("input", "Input")
                .node("down", "Resample", Map.of("output_rate", 16_000))
                .node("up", "Resample", Map.of("output_rate", 48_000)).node("output", "Output")
                .chain("input", "down", "up", "output").build());
        final float[] y = Signals.concat(out);
        assertThat(y).hasSize(RATE);
        assertContiguous(out, RATE);
        assertThat(Signals.amplitudeAt(y, 12_000, 36_000, RATE, 1000)).isCloseTo(0.4, within(0.004));
        assertThat(Signals.amplitudeAt(y, 12_000, 36_000, RATE, 20_000)).isLessThan(4e-4);
        assertThat(Signals.amplitudeAt(y, 12_000, 36_000, RATE, 4000)).isLessThan(4e-4);
        // The filter delay is taken out: the output is the 1 kHz tone, sample for sample.
        final float[] low = Signals.sine(1000, 0.4, RATE, RATE);
        for (int i = 12_000; i < 36_000; i++) {
            assertThat(y[i]).isCloseTo(low[i], within(0.006f));
        }
    }

    @Test
    void audio_already_at_the_rate_and_other_data_pass_unchanged() {
        final List<RuntimeData> out = new ArrayList<>();
        final ResampleNode node = new ResampleNode(16_000);
        final AudioData same = AudioData.of(new float[160], 16_000, 1, 0);
        final TextData text = TextData.of("t");
        node.process(same, out::add);
        node.process(text, out::add);
        assertThat(out).containsExactly(same, text);
        assertThat(out.get(0)).isSameAs(same);
    }

    private static List<AudioData> stream(Manifest manifest) throws Exception {
        final float[] x = input();
        final List<RuntimeData> in = new ArrayList<>();
        for (int f = 0; f < RATE / FRAME; f++) {
            in.add(AudioData.wrap(java.util.Arrays.copyOfRange(x, f * FRAME, (f + 1) * FRAME), RATE, 1,
                                  5_000_000L + f * 20_000L));
        }
        final List<AudioData> out = new ArrayList<>();
        Sessions.stream(manifest, in).forEach(d -> out.add((AudioData) d));
        return out;
    }

    private static void assertContiguous(List<AudioData> blocks, int rate) {
        long frames = 0;
        for (AudioData a : blocks) {
            assertThat(a.timestampUs()).isEqualTo(5_000_000L + frames * 1_000_000 / rate);
            frames += a.frames();
        }
    }
}
