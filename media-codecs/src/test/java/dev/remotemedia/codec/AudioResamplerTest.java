package dev.remotemedia.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.testing.AudioProbe;
import dev.remotemedia.testing.ToneGenerator;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AudioResamplerTest {

    /** Resamples one second in pieces of the given sizes, in turn. */
    private static short[] resample(AudioResampler resampler, short[] in, int... pieces) {
        final int inFrames = in.length / resampler.inputChannels();
        final short[] out = new short[(resampler.maxOutputFrames(inFrames) + 16) * resampler.outputChannels()];
        int read = 0;
        int written = 0;
        for (int i = 0; read < inFrames; i++) {
            final int n = Math.min(pieces[i % pieces.length], inFrames - read);
            written += resampler.process(in, read * resampler.inputChannels(), n, out,
                                         written * resampler.outputChannels());
            read += n;
        }
        return Arrays.copyOf(out, written * resampler.outputChannels());
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {16_000, 44_100, 8_000, 22_050, 32_000, 96_000})
    void aOneKilohertzToneComesOutAtOneKilohertzWithLowDistortion(int inputRate) {
        final short[] in = ToneGenerator.sine(1000, inputRate, 1, 0.5, inputRate);
        final AudioResampler resampler = AudioResampler.of(inputRate, 1, 1);
        final short[] out = resample(resampler, in, inputRate / 100); // 10 ms frames
        assertThat(out.length).isCloseTo(48_000 - resampler.delayFrames(), within(2));
        final int from = 4_800;
        final int frames = out.length - 9_600;
        assertThat(AudioProbe.dominantFrequency(out, from, frames, 1, 0, 48_000)).isCloseTo(1000, within(0.05));
        assertThat(AudioProbe.rmsDbfs(out, from, frames, 1, 0)).isCloseTo(AudioProbe.rmsDbfs(in, 0, in.length, 1, 0),
                                                                        within(0.05));
        assertThat(AudioProbe.sinadDb(out, from, frames, 1, 0, 48_000, 1000)).isGreaterThan(70);
    }

    @Test
    void anEightKilohertzToneAt44100KeepsItsLevel() {
        final short[] in = ToneGenerator.sine(8000, 44_100, 1, 0.5, 44_100);
        final short[] out = resample(AudioResampler.of(44_100, 1, 1), in, 441);
        assertThat(AudioProbe.dominantFrequency(out, 4_800, 38_400, 1, 0, 48_000)).isCloseTo(8000, within(0.05));
        assertThat(AudioProbe.rmsDbfs(out, 4_800, 38_400, 1, 0)).isCloseTo(AudioProbe.rmsDbfs(in, 0, 44_100, 1, 0),
                                                                          within(0.1));
        assertThat(AudioProbe.sinadDb(out, 4_800, 38_400, 1, 0, 48_000, 8000)).isGreaterThan(60);
    }

    @Test
    void theOutputDoesNotDependOnHowTheInputIsCut() {
        final short[] in = ToneGenerator.of(44_100, 0.7, 440, 3000).next(44_100);
        final short[] whole = resample(AudioResampler.of(44_100, 2, 2), in, 44_100);
        final short[] pieces = resample(AudioResampler.of(44_100, 2, 2), in, 441, 1, 7, 1000, 333);
        assertThat(pieces).containsExactly(whole);
        // No clicks: the whole of it is one clean tone per channel.
        assertThat(AudioProbe.sinadDb(pieces, 4_800, 38_400, 2, 0, 48_000, 440)).isGreaterThan(70);
        assertThat(AudioProbe.sinadDb(pieces, 4_800, 38_400, 2, 1, 48_000, 3000)).isGreaterThan(70);
    }

    @Test
    void monoBecomesStereoAndStereoBecomesMono() {
        final short[] mono = ToneGenerator.sine(1000, 16_000, 1, 0.5, 16_000);
        final short[] stereo = resample(AudioResampler.of(16_000, 1, 2), mono, 160);
        for (int i = 0; i < stereo.length; i += 2) {
            assertThat(stereo[i]).isEqualTo(stereo[i + 1]);
        }
        final short[] twoTones = ToneGenerator.of(44_100, 0.4, 500, 1500).next(44_100);
        final short[] down = resample(AudioResampler.of(44_100, 2, 1), twoTones, 441);
        assertThat(AudioProbe.sinadDb(down, 4_800, 38_400, 1, 0, 48_000, 500)).isCloseTo(0, within(0.5));
        assertThat(AudioProbe.rmsDbfs(down, 4_800, 38_400, 1, 0)).isCloseTo(-11.0 - 3.0, within(0.2));
    }

    @Test
    void downsamplingRemovesWhatWouldAlias() {
        final AudioResampler resampler = AudioResampler.of(48_000, 1, 16_000, 1);
        final short[] kept = resample(resampler, ToneGenerator.sine(1000, 48_000, 1, 0.5, 48_000), 960);
        assertThat(AudioProbe.dominantFrequency(kept, 1_600, 12_800, 1, 0, 16_000)).isCloseTo(1000, within(0.05));
        assertThat(AudioProbe.rmsDbfs(kept, 1_600, 12_800, 1, 0)).isCloseTo(-9.03, within(0.1));
        // 10 kHz is above 16 kHz's Nyquist: it would alias to 6 kHz; it must be gone instead.
        final short[] removed = resample(AudioResampler.of(48_000, 1, 16_000, 1),
                                         ToneGenerator.sine(10_000, 48_000, 1, 0.5, 48_000), 960);
        assertThat(AudioProbe.rmsDbfs(removed, 1_600, 12_800, 1, 0)).isLessThan(-80);
    }

    @Test
    void equalRatesOnlyConvertChannels() {
        final short[] in = ToneGenerator.of(48_000, 0.5, 440, 660).next(960);
        final AudioResampler resampler = AudioResampler.of(48_000, 2, 2);
        assertThat(resampler.delayFrames()).isZero();
        assertThat(resample(resampler, in, 960)).containsExactly(in);
    }

    @Test
    void resetStartsANewStream() {
        final short[] in = ToneGenerator.sine(1000, 16_000, 1, 0.5, 1600);
        final AudioResampler resampler = AudioResampler.of(16_000, 1, 1);
        final short[] first = resample(resampler, in, 160);
        resampler.reset();
        assertThat(resample(resampler, in, 160)).containsExactly(first);
    }

    @Test
    void ratesAndChannelsAreChecked() {
        assertThatThrownBy(() -> AudioResampler.of(7_000, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inputRate: 7000 (expected: 8000..96000)");
        assertThatThrownBy(() -> AudioResampler.of(16_000, 3, 1))
                .hasMessage("inputChannels: 3 (expected: 1 or 2)");
        assertThatThrownBy(() -> AudioResampler.of(16_000, 1, 192_000, 1))
                .hasMessage("outputRate: 192000 (expected: 8000..96000)");
        final AudioResampler resampler = AudioResampler.of(16_000, 1, 1);
        assertThatThrownBy(() -> resampler.process(new short[160], 0, 160, new short[10], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
