package dev.remotemedia.pipeline.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MixerCoreTest {

    private static final long T0 = 1_700_000_000_000_000L;   // wall-clock-like microseconds

    private static float[] ramp(int frames, float start, float step) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = start + i * step;
        }
        return x;
    }

    @Test
    void twoAlignedInputsSumSampleExactly() {
        MixerCore mixer = MixerCore.of(2, 48_000, 1, 100_000);
        float[] a = ramp(480, 0.001f, 0.001f);
        float[] b = ramp(480, -0.25f, 0.0005f);
        mixer.push(0, a, T0);
        assertThat(mixer.poll(T0)).as("input 1 has not covered the span yet").isEmpty();
        mixer.push(1, b, T0);

        List<MixedBlock> blocks = mixer.poll(T0);

        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).timestampUs()).isEqualTo(T0);
        float[] expected = new float[480];
        for (int i = 0; i < 480; i++) {
            expected[i] = a[i] + b[i];
        }
        assertThat(blocks.get(0).interleaved()).containsExactly(expected);
    }

    @Test
    void inputsWithOffsetTimestampsAlignToTheSample() {
        MixerCore mixer = MixerCore.of(2, 48_000, 1, 1_000_000);
        float[] a = ramp(960, 1, 1);                   // 20 ms from T0
        float[] b = ramp(960, 1000, 1);                // 20 ms from T0 + 5 ms = 240 samples later
        mixer.push(1, b, T0 + 5_000);
        mixer.push(0, a, T0);

        List<MixedBlock> blocks = mixer.poll(T0);

        // Every input has covered [T0, T0 + 20 ms): input 1 starts at sample 240.
        float[] out = blocks.get(0).interleaved();
        assertThat(blocks.get(0).timestampUs()).isEqualTo(T0);
        assertThat(out).hasSize(960);
        assertThat(out[239]).isEqualTo(240f);
        assertThat(out[240]).isEqualTo(241f + 1000f);
        assertThat(out[959]).isEqualTo(960f + 1719f);

        mixer.push(0, ramp(240, 2000, 0), T0 + 20_000);
        List<MixedBlock> rest = mixer.poll(T0);
        assertThat(rest.get(0).timestampUs()).isEqualTo(T0 + 20_000);
        assertThat(rest.get(0).interleaved()).containsExactly(ramp(240, 2000 + 1720, 1));
    }

    @Test
    void aMissingInputTimesOutAfterMaxWaitAndCountsAsSilence() {
        MixerCore mixer = MixerCore.of(3, 16_000, 1, 50_000);
        float[] a = ramp(320, 0.01f, 0.001f);          // 20 ms
        mixer.push(0, a, T0);
        mixer.push(1, new float[320], T0);             // input 2 never sends

        assertThat(mixer.poll(T0 + 20_000)).isEmpty();
        assertThat(mixer.poll(T0 + 50_062)).as("not even one frame (62.5 us) is 50 ms old").isEmpty();
        List<MixedBlock> first = mixer.poll(T0 + 60_000);     // the first 10 ms are due
        List<MixedBlock> second = mixer.poll(T0 + 70_000);    // and then the rest

        assertThat(first.get(0).timestampUs()).isEqualTo(T0);
        assertThat(first.get(0).interleaved()).containsExactly(java.util.Arrays.copyOf(a, 160));
        assertThat(second.get(0).timestampUs()).isEqualTo(T0 + 10_000);
        assertThat(second.get(0).interleaved()).containsExactly(java.util.Arrays.copyOfRange(a, 160, 320));
        assertThat(mixer.poll(T0 + 1_000_000)).as("nothing is invented past the data").isEmpty();
    }

    @Test
    void lateDataForAnEmittedSpanIsDroppedAndCounted() {
        MixerCore mixer = MixerCore.of(2, 16_000, 1, 50_000);
        mixer.push(0, ramp(320, 1, 0), T0);
        assertThat(mixer.poll(T0 + 70_000)).hasSize(1);

        // Input 1's 30 ms from T0: 20 ms were emitted without it, the last 10 ms are still open.
        mixer.push(1, ramp(480, 5, 0), T0);
        mixer.push(0, ramp(160, 1, 0), T0 + 20_000);
        List<MixedBlock> blocks = mixer.poll(T0 + 70_000);

        assertThat(mixer.droppedLateSamples()).isEqualTo(320);
        assertThat(blocks.get(0).timestampUs()).isEqualTo(T0 + 20_000);
        assertThat(blocks.get(0).interleaved()).containsExactly(ramp(160, 6, 0));
    }

    @Test
    void duplicateAndOverlappingPushesKeepTheFirstDataAndGapsAreSilence() {
        MixerCore mixer = MixerCore.of(1, 8_000, 1, 0);
        mixer.push(0, ramp(80, 1, 0), T0);                     // [0, 80)
        mixer.push(0, ramp(80, 9, 0), T0);                     // duplicate
        mixer.push(0, ramp(80, 2, 0), T0 + 5_000);             // [40, 120): half overlaps
        mixer.push(0, ramp(40, 3, 0), T0 + 20_000);            // [160, 200): gap [120, 160)

        float[] out = mixer.poll(T0).get(0).interleaved();

        assertThat(mixer.droppedOverlapSamples()).isEqualTo(120);
        float[] expected = new float[200];
        java.util.Arrays.fill(expected, 0, 80, 1);
        java.util.Arrays.fill(expected, 80, 120, 2);
        java.util.Arrays.fill(expected, 160, 200, 3);
        assertThat(out).containsExactly(expected);
    }

    @Test
    void anInputFarAheadIsCappedAndCounted() {
        MixerCore mixer = MixerCore.of(2, 8_000, 1, 0);
        int capacity = mixer.capacityFrames();
        assertThat(capacity).isEqualTo(16_000);                  // maxWait 0 + 2 s at 8 kHz

        mixer.push(0, new float[capacity + 800], T0);            // 2.1 s at once
        assertThat(mixer.droppedOverflowSamples()).isEqualTo(800);

        mixer.push(1, new float[capacity], T0);
        assertThat(mixer.poll(T0).get(0).interleaved()).hasSize(capacity);
        mixer.push(0, ramp(8, 1, 0), T0 + 2_000_000);            // room again once emitted
        mixer.push(1, ramp(8, 2, 0), T0 + 2_000_000);
        assertThat(mixer.poll(T0).get(0).interleaved()).containsExactly(ramp(8, 3, 0));
    }

    @Test
    void keepsStereoFramesTogether() {
        MixerCore mixer = MixerCore.of(2, 48_000, 2, 0);
        mixer.push(0, new float[] {1, -1, 2, -2, 3, -3}, T0);
        mixer.push(1, new float[] {10, 20}, T0 + 21);          // 21 us = sample 1 at 48 kHz

        float[] out = mixer.poll(T0).get(0).interleaved();

        assertThat(out).containsExactly(1, -1, 12, 18);
    }

    @Test
    void anEarlierInputArrivingBeforeTheFirstBlockMovesTheStartBack() {
        MixerCore mixer = MixerCore.of(2, 16_000, 1, 1_000_000);
        mixer.push(0, ramp(160, 1, 0), T0 + 10_000);           // [160, 320) relative to T0
        mixer.push(1, ramp(320, 2, 0), T0);                    // [0, 320)

        List<MixedBlock> blocks = mixer.poll(T0);

        assertThat(mixer.droppedLateSamples()).isZero();
        assertThat(blocks.get(0).timestampUs()).isEqualTo(T0);
        float[] expected = new float[320];
        java.util.Arrays.fill(expected, 0, 160, 2);
        java.util.Arrays.fill(expected, 160, 320, 3);
        assertThat(blocks.get(0).interleaved()).containsExactly(expected);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> MixerCore.of(0, 48_000, 1, 0)).hasMessage("inputs: 0 (expected: 1..64)");
        assertThatThrownBy(() -> MixerCore.of(2, 48_000, 1, -1)).hasMessage("maxWaitUs: -1 (expected: 0..10000000)");
        assertThatThrownBy(() -> MixerCore.of(64, 384_000, 8, 10_000_000))
                .hasMessage("inputs * channels * (maxWaitUs + 2 s) * sampleRate: 2359296000 samples (expected: at most 67108864)");
        MixerCore mixer = MixerCore.of(2, 48_000, 2, 0);
        assertThatThrownBy(() -> mixer.push(2, new float[2], 0)).hasMessage("input: 2 (expected: 0..1)");
        assertThatThrownBy(() -> mixer.push(0, new float[3], 0))
                .hasMessage("interleaved.length: 3 (expected: a multiple of channels = 2)");
    }
}
