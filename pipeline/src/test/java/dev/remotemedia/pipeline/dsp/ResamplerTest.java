package dev.remotemedia.pipeline.dsp;

import static dev.remotemedia.pipeline.dsp.Signals.amplitudeAt;
import static dev.remotemedia.pipeline.dsp.Signals.concat;
import static dev.remotemedia.pipeline.dsp.Signals.db;
import static dev.remotemedia.pipeline.dsp.Signals.residualRms;
import static dev.remotemedia.pipeline.dsp.Signals.rms;
import static dev.remotemedia.pipeline.dsp.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static final int[] STANDARD_RATES = {
            8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 88_200, 96_000, 176_400, 192_000};

    /** Resamples the whole signal at once and drops the filter delay, so frame n is time n / rate. */
    private static float[] resampleAligned(float[] in, int from, int to, int channels) {
        Resampler r = Resampler.of(from, to, channels);
        float[] all = concat(r.process(in), r.flush());
        int skip = (int) r.latencyFrames() * channels;
        return java.util.Arrays.copyOfRange(all, skip, all.length);
    }

    @Test
    void roundTripThrough16kKeepsA1kHzToneAtItsLevelAndFrequency() {
        float[] in = tone(1000, 0.5, 48_000, 48_000);
        float[] down = resampleAligned(in, 48_000, 16_000, 1);
        float[] back = resampleAligned(down, 16_000, 48_000, 1);

        // 0.5 s from the middle: whole periods of 1 kHz, far from the start and end transients.
        int from = 12_000;
        int to = 36_000;
        assertThat(db(amplitudeAt(back, from, to, 1000, 48_000) / 0.5)).isCloseTo(0, within(0.5));
        // The tone is where it was: after removing the 1 kHz component nothing is left
        // (a frequency or phase shift would leave most of the tone in the residual).
        assertThat(db(residualRms(back, from, to, 1000, 48_000) / rms(back, from, to))).isLessThan(-60);
        assertThat(db(amplitudeAt(down, 4_000, 12_000, 1000, 16_000) / 0.5)).isCloseTo(0, within(0.5));
    }

    @Test
    void downsamplingTo16kRemovesA20kHzToneInsteadOfFoldingItTo4kHz() {
        float[] in = tone(20_000, 0.5, 48_000, 48_000);
        float[] down = resampleAligned(in, 48_000, 16_000, 1);
        float[] back = resampleAligned(down, 16_000, 48_000, 1);

        assertThat(db(rms(down, 2_000, 14_000) / rms(in, 0, in.length))).isLessThan(-60);
        assertThat(db(amplitudeAt(down, 2_000, 14_000, 4_000, 16_000) / 0.5)).isLessThan(-60);
        assertThat(db(rms(back, 6_000, 42_000) / rms(in, 0, in.length))).isLessThan(-60);
    }

    @Test
    void from44100To48000KeepsATone() {
        float[] in = tone(1000, 0.5, 44_100, 44_100);
        float[] out = resampleAligned(in, 44_100, 48_000, 1);

        assertThat(out).hasSize(48_000);
        assertThat(db(amplitudeAt(out, 12_000, 36_000, 1000, 48_000) / 0.5)).isCloseTo(0, within(0.5));
        assertThat(db(residualRms(out, 12_000, 36_000, 1000, 48_000) / rms(out, 12_000, 36_000))).isLessThan(-60);
        // Same phase as the ideal tone at 48 kHz: the delay is compensated exactly.
        float[] ideal = tone(1000, 0.5, 48_000, 48_000);
        for (int i = 12_000; i < 36_000; i++) {
            assertThat((double) out[i]).isCloseTo(ideal[i], within(1e-3));
        }
    }

    @Test
    void from48000To44100KeepsAToneAndRemovesOneAboveTheNewNyquist() {
        float[] low = resampleAligned(tone(3000, 0.5, 48_000, 48_000), 48_000, 44_100, 1);
        float[] high = resampleAligned(tone(23_000, 0.5, 48_000, 48_000), 48_000, 44_100, 1);

        assertThat(low).hasSize(44_100);
        assertThat(db(amplitudeAt(low, 11_025, 33_075, 3000, 44_100) / 0.5)).isCloseTo(0, within(0.5));
        assertThat(db(rms(high, 4_000, 40_000) / 0.35)).isLessThan(-60);
    }

    @Test
    void chunkedProcessingGivesExactlyTheSamplesOfOneShotProcessing() {
        Random random = new Random(7);
        float[] in = Signals.whiteNoise(3, 0.3, 20_000);
        for (int[] rates : new int[][] {{48_000, 16_000}, {16_000, 48_000}, {44_100, 48_000}, {48_000, 44_100}, {8_000, 11_025}}) {
            Resampler oneShot = Resampler.of(rates[0], rates[1], 1);
            float[] expected = concat(oneShot.process(in), oneShot.flush());

            Resampler chunked = Resampler.of(rates[0], rates[1], 1);
            List<float[]> parts = new ArrayList<>();
            int pos = 0;
            while (pos < in.length) {
                int n = Math.min(in.length - pos, random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(1500));
                parts.add(chunked.process(java.util.Arrays.copyOfRange(in, pos, pos + n)));
                pos += n;
            }
            parts.add(chunked.flush());
            float[] actual = parts.stream().reduce(new float[0], Signals::concat);

            assertThat(actual).as("%d -> %d", rates[0], rates[1]).containsExactly(expected);
        }
    }

    @Test
    void outputHoldsTheDelayPlusTheScaledInputLength() {
        Resampler r = Resampler.of(44_100, 48_000, 1);
        assertThat(new int[] {r.inputRate(), r.outputRate(), r.channels()}).containsExactly(44_100, 48_000, 1);
        int produced = r.process(new float[1000]).length + r.process(new float[333]).length + r.flush().length;

        // ceil(1333 * 160 / 147) = 1451
        assertThat(produced).isEqualTo(r.latencyFrames() + 1451);
    }

    @Test
    void anImpulseComesOutAfterExactlyTheReportedLatency() {
        for (int[] rates : new int[][] {{48_000, 16_000}, {16_000, 48_000}, {44_100, 48_000}, {48_000, 24_000}}) {
            Resampler r = Resampler.of(rates[0], rates[1], 1);
            float[] in = new float[rates[0] / 10];
            int at = rates[0] / 20;                      // 50 ms
            in[at] = 1;
            float[] out = concat(r.process(in), r.flush());
            int peak = 0;
            for (int i = 1; i < out.length; i++) {
                if (Math.abs(out[i]) > Math.abs(out[peak])) {
                    peak = i;
                }
            }
            assertThat(peak).as("%d -> %d", rates[0], rates[1]).isEqualTo(r.latencyFrames() + rates[1] / 20);
        }
    }

    @Test
    void keepsInterleavedChannelsApart() {
        float[] left = tone(440, 0.5, 48_000, 9_600);
        float[] right = Signals.whiteNoise(11, 0.2, 9_600);
        float[] stereo = new float[2 * 9_600];
        for (int i = 0; i < 9_600; i++) {
            stereo[2 * i] = left[i];
            stereo[2 * i + 1] = right[i];
        }
        Resampler r = Resampler.of(48_000, 16_000, 2);
        float[] out = concat(concat(r.process(java.util.Arrays.copyOf(stereo, 5_000)),
                r.process(java.util.Arrays.copyOfRange(stereo, 5_000, stereo.length))), r.flush());

        Resampler mono = Resampler.of(48_000, 16_000, 1);
        assertThat(Signals.channel(out, 2, 0)).containsExactly(concat(mono.process(left), mono.flush()));
        assertThat(Signals.channel(out, 2, 1)).containsExactly(concat(mono.process(right), mono.flush()));
    }

    @Test
    void flushResetsForANewStream() {
        float[] in = Signals.whiteNoise(5, 0.3, 3_000);
        Resampler r = Resampler.of(48_000, 16_000, 1);
        float[] first = concat(r.process(in), r.flush());
        float[] second = concat(r.process(in), r.flush());

        assertThat(second).containsExactly(first);
    }

    @Test
    void equalRatesCopyTheInputWithNoDelay() {
        Resampler r = Resampler.of(48_000, 48_000, 2);
        float[] in = {0.1f, -0.2f, 0.3f, -0.4f};
        float[] out = r.process(in);

        assertThat(out).containsExactly(in).isNotSameAs(in);
        assertThat(r.latencyFrames()).isZero();
        assertThat(r.flush()).isEmpty();
    }

    @Test
    void everyPairOfStandardRatesPassesA1kHzTone() {
        for (int from : STANDARD_RATES) {
            for (int to : STANDARD_RATES) {
                float[] out = resampleAligned(tone(1000, 0.5, from, from / 5), from, to, 1);
                // 100 ms from the middle (whole periods of 1 kHz at every rate).
                int start = to / 20;
                assertThat(db(amplitudeAt(out, start, start + to / 10, 1000, to) / 0.5))
                        .as("%d -> %d", from, to).isCloseTo(0, within(0.5));
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Resampler.of(999, 48_000, 1)).hasMessage("inputRate: 999 (expected: 1000..768000)");
        assertThatThrownBy(() -> Resampler.of(48_000, 800_000, 1)).hasMessage("outputRate: 800000 (expected: 1000..768000)");
        assertThatThrownBy(() -> Resampler.of(48_000, 16_000, 0)).hasMessage("channels: 0 (expected: 1..32)");
        assertThatThrownBy(() -> Resampler.of(48_000, 16_000, 2).process(new float[3]))
                .hasMessage("interleaved.length: 3 (expected: a multiple of channels = 2)");
        assertThatThrownBy(() -> Resampler.of(44_101, 48_000, 1))
                .hasMessageStartingWith("inputRate: 44101, outputRate: 48000 (the reduced ratio 48000/44101 needs");
    }
}
