package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.node.SourceNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToneGeneratorNodeTest {

    @Test
    void emits_frames_when_the_clock_reaches_them() {
        final ToneGeneratorNode tone = new ToneGeneratorNode(1000, 0.5, 48_000, 1, 20, 0);
        final List<RuntimeData> out = new ArrayList<>();
        assertThat(tone.produce(0, out::add)).isEqualTo(20_000);
        assertThat(out).hasSize(1);
        assertThat(tone.produce(19_999, out::add)).isEqualTo(20_000);
        assertThat(out).hasSize(1);
        assertThat(tone.produce(100_000, out::add)).isEqualTo(120_000);
        assertThat(out).hasSize(6).allSatisfy(d -> assertThat(((AudioData) d).frames()).isEqualTo(960));
        assertThat(out).extracting(d -> ((AudioData) d).timestampUs())
                       .containsExactly(0L, 20_000L, 40_000L, 60_000L, 80_000L, 100_000L);
    }

    @Test
    void the_tone_is_continuous_across_frames_at_the_set_frequency_and_amplitude() {
        final ToneGeneratorNode tone = new ToneGeneratorNode(1000, 0.5, 48_000, 2, 20, 0);
        final List<RuntimeData> out = new ArrayList<>();
        tone.produce(180_000, out::add);
        final float[] stereo = Signals.concat(out);
        final float[] left = new float[stereo.length / 2];
        for (int i = 0; i < left.length; i++) {
            left[i] = stereo[2 * i];
            assertThat(stereo[2 * i + 1]).isEqualTo(stereo[2 * i]);
        }
        final float[] expected = Signals.sine(1000, 0.5, 48_000, left.length);
        for (int i = 0; i < left.length; i++) {
            assertThat(left[i]).isCloseTo(expected[i], within(1e-4f));
        }
        assertThat(Signals.amplitudeAt(left, 0, left.length, 48_000, 1000)).isCloseTo(0.5, within(0.005));
    }

    @Test
    void stops_after_its_duration() {
        final ToneGeneratorNode tone = new ToneGeneratorNode(440, 0.5, 16_000, 1, 20, 50);
        final List<RuntimeData> out = new ArrayList<>();
        assertThat(tone.produce(1_000_000, out::add)).isEqualTo(SourceNode.DONE);
        assertThat(out).extracting(d -> ((AudioData) d).frames()).containsExactly(320, 320, 160);
    }

    @Test
    void refuses_a_frequency_at_or_above_nyquist() {
        assertThatThrownBy(() -> new ToneGeneratorNode(8000, 0.5, 16_000, 1, 20, 0))
                .hasMessage("frequency_hz: 8000.0 (expected: below half of sample_rate 16000)");
    }
}
