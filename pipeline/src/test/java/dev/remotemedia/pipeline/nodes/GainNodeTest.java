package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GainNodeTest {

    @Test
    void scales_every_sample_by_ten_to_the_db_over_twenty() {
        final AudioData in = AudioData.of(new float[] {0.5f, -0.25f, 0.1f, 0f}, 48_000, 2, 777);
        for (double db : new double[] {-6, 6, -20, 20, -120}) {
            final AudioData out = (AudioData) run(new GainNode(db), in).get(0);
            final double factor = Math.pow(10, db / 20);
            for (int i = 0; i < in.sampleCount(); i++) {
                assertThat(out.sample(i)).isCloseTo((float) (in.sample(i) * factor), within(1e-6f));
            }
            assertThat(out.channels()).isEqualTo(2);
            assertThat(out.timestampUs()).isEqualTo(777);
        }
    }

    @Test
    void minus_six_db_halves_the_amplitude_of_a_tone() {
        final AudioData tone = AudioData.wrap(Signals.sine(1000, 0.8, 48_000, 960), 48_000, 1, 0);
        final AudioData out = (AudioData) run(new GainNode(-6.0206), tone).get(0);
        assertThat(Signals.amplitudeAt(out.toArray(), 0, 960, 48_000, 1000)).isCloseTo(0.4, within(0.001));
    }

    @Test
    void zero_db_and_other_kinds_pass_the_same_instance() {
        final AudioData audio = AudioData.of(new float[] {0.3f}, 8_000, 1, 0);
        assertThat(run(new GainNode(0), audio).get(0)).isSameAs(audio);
        final TextData text = TextData.of("x");
        assertThat(run(new GainNode(-6), text).get(0)).isSameAs(text);
    }

    @Test
    void the_shipped_gain_manifest_attenuates_by_six_db() {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final AudioData in = AudioData.of(new float[] {1f, -1f}, 48_000, 1, 0).withMetadata(Map.of("k", "v"));
            final AudioData out = (AudioData) runner.executeUnary(Manifests.builtIn("gain"), in).get(0);
            assertThat(out.sample(0)).isCloseTo(0.501187f, within(1e-5f));
            assertThat(out.sample(1)).isCloseTo(-0.501187f, within(1e-5f));
            assertThat(out.metadata()).containsEntry("k", "v");
        }
    }

    static List<RuntimeData> run(GainNode node, RuntimeData in) {
        final List<RuntimeData> out = new ArrayList<>();
        node.process(in, out::add);
        return out;
    }
}
