package dev.remotemedia.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioProbeTest {

    @Test
    void findsTheFrequencyOfAToneToAFractionOfABin() {
        final short[] pcm = ToneGenerator.sine(440, 48_000, 1, 0.5, 960); // 20 ms: bins of 50 Hz
        assertThat(AudioProbe.dominantFrequency(pcm, 48_000)).isCloseTo(440, within(0.5));
        final short[] odd = ToneGenerator.sine(1234.5, 16_000, 1, 0.3, 1600);
        assertThat(AudioProbe.dominantFrequency(odd, 16_000)).isCloseTo(1234.5, within(0.2));
    }

    @Test
    void looksAtTheChannelItIsAskedFor() {
        final short[] stereo = ToneGenerator.of(48_000, 0.5, 440, 660).next(4800);
        assertThat(AudioProbe.dominantFrequency(stereo, 0, 4800, 2, 0, 48_000)).isCloseTo(440, within(0.1));
        assertThat(AudioProbe.dominantFrequency(stereo, 0, 4800, 2, 1, 48_000)).isCloseTo(660, within(0.1));
    }

    @Test
    void findsATonesFrequencyUnderNoise() {
        final short[] pcm = addNoise(ToneGenerator.sine(1000, 48_000, 1, 0.3, 4800), 2000, 1);
        assertThat(AudioProbe.dominantFrequency(pcm, 48_000)).isCloseTo(1000, within(1.0));
    }

    @Test
    void measuresRmsLevel() {
        final short[] pcm = ToneGenerator.sine(440, 48_000, 1, 0.5, 48_000);
        assertThat(AudioProbe.rms(pcm, 0, pcm.length, 1, 0)).isCloseTo(0.5 * 32767 / Math.sqrt(2), within(5.0));
        assertThat(AudioProbe.rmsDbfs(pcm, 0, pcm.length, 1, 0)).isCloseTo(-9.03, within(0.05));
        assertThat(AudioProbe.rms(new short[480], 0, 480, 1, 0)).isZero();
    }

    @Test
    void sinadIsHighForACleanToneAndFollowsTheNoiseLevel() {
        final short[] clean = ToneGenerator.sine(440, 48_000, 1, 0.5, 9600);
        assertThat(AudioProbe.sinadDb(clean, 0, 9600, 1, 0, 48_000, 440)).isGreaterThan(70);

        // Tone RMS 11585 against noise RMS 1158.5: 20 dB.
        final short[] noisy = addNoise(clean, 1158.5, 2);
        assertThat(AudioProbe.sinadDb(noisy, 0, 9600, 1, 0, 48_000, 440)).isCloseTo(20, within(0.5));

        assertThat(AudioProbe.sinadDb(clean, 0, 9600, 1, 0, 48_000, 660)).isLessThan(0);
    }

    @Test
    void findsAGapInAContinuousTone() {
        final short[] pcm = ToneGenerator.sine(440, 48_000, 2, 0.5, 48_000);
        java.util.Arrays.fill(pcm, 2 * 24_000, 2 * (24_000 + 1_440), (short) 0); // 30 ms at 500 ms
        final List<AudioProbe.Gap> gaps = AudioProbe.findGaps(pcm, 0, 48_000, 2, 48_000, 300, 10);
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).startMillis()).isCloseTo(500, within(1.0));
        assertThat(gaps.get(0).millis()).isCloseTo(30, within(1.0));
    }

    @Test
    void aContinuousToneOrAShortDropHasNoGap() {
        final short[] pcm = ToneGenerator.sine(100, 48_000, 1, 0.5, 48_000); // a low tone: slow zero crossings
        assertThat(AudioProbe.findGaps(pcm, 0, 48_000, 1, 48_000, 300, 5)).isEmpty();
        java.util.Arrays.fill(pcm, 10_000, 10_000 + 240, (short) 0); // 5 ms, shorter than the 10 ms asked
        assertThat(AudioProbe.findGaps(pcm, 0, 48_000, 1, 48_000, 300, 10)).isEmpty();
    }

    @Test
    void gapDetectorFindsTheSameGapsHoweverTheStreamIsCut() {
        final short[] pcm = ToneGenerator.sine(440, 16_000, 1, 0.5, 16_000);
        java.util.Arrays.fill(pcm, 4_000, 4_000 + 400, (short) 0); // 25 ms
        java.util.Arrays.fill(pcm, 15_500, 16_000, (short) 0); // 31.25 ms at the end
        final AudioProbe.GapDetector detector = new AudioProbe.GapDetector(16_000, 1, 300, 20);
        int position = 0;
        final int[] cuts = {7, 333, 1, 160, 999};
        for (int i = 0; position < pcm.length; i++) {
            final int n = Math.min(cuts[i % cuts.length], pcm.length - position);
            detector.accept(pcm, position, n);
            position += n;
        }
        assertThat(detector.gaps()).hasSize(1);
        final List<AudioProbe.Gap> gaps = detector.finish();
        assertThat(gaps).hasSize(2);
        assertThat(gaps.get(0).startMillis()).isCloseTo(250, within(1.0));
        assertThat(gaps.get(0).millis()).isCloseTo(25, within(1.0));
        assertThat(gaps.get(1).millis()).isCloseTo(31.25, within(1.0));
    }

    @Test
    void toneGeneratorIsContinuousAcrossCalls() {
        final ToneGenerator pieces = ToneGenerator.of(44_100, 0.8, 997, 3001);
        final short[] joined = new short[2 * 1000];
        pieces.fill(joined, 0, 441);
        pieces.fill(joined, 2 * 441, 559);
        assertThat(joined).containsExactly(ToneGenerator.of(44_100, 0.8, 997, 3001).next(1000));
    }

    @Test
    void toneGeneratorRejectsFrequenciesAboveNyquist() {
        assertThatThrownBy(() -> ToneGenerator.of(16_000, 0.5, 8_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frequency: 8000.0 (expected: 0 <= f < 8000.0)");
    }

    private static short[] addNoise(short[] pcm, double rms, long seed) {
        final Random random = new Random(seed);
        final short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(pcm[i] + random.nextGaussian() * rms)));
        }
        return out;
    }
}
