package dev.remotemedia.testing;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Makes sine tones as interleaved 16-bit PCM, one frequency per channel, continuous in phase from one
 * call to the next: what a media test pushes into a track and then looks for with {@link AudioProbe}.
 *
 * <pre>{@code
 * ToneGenerator tone = ToneGenerator.of(48_000, 0.5, 440, 660); // stereo: 440 Hz left, 660 Hz right
 * short[] frame = tone.next(960);                               // 20 ms
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ToneGenerator {

    /**
     * Returns a generator of {@code frequencies.length} channels.
     *
     * @param amplitude the peak as a fraction of full scale, in (0, 1]
     * @param frequencies the tone of each channel in Hz, below half the sample rate (0 for silence)
     */
    public static ToneGenerator of(int sampleRate, double amplitude, double... frequencies) {
        return new ToneGenerator(sampleRate, amplitude, frequencies);
    }

    /** Returns {@code frames} frames of one tone on every one of {@code channels} channels. */
    public static short[] sine(double frequency, int sampleRate, int channels, double amplitude, int frames) {
        final double[] frequencies = new double[channels];
        Arrays.fill(frequencies, frequency);
        return of(sampleRate, amplitude, frequencies).next(frames);
    }

    private final int sampleRate;
    private final double amplitude;
    private final double[] frequencies;
    private long position;

    private ToneGenerator(int sampleRate, double amplitude, double[] frequencies) {
        requireNonNull(frequencies, "frequencies");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: > 0)");
        }
        if (!(amplitude > 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("amplitude: " + amplitude + " (expected: 0 < amplitude <= 1)");
        }
        if (frequencies.length == 0) {
            throw new IllegalArgumentException("frequencies: none (expected: one per channel)");
        }
        for (double f : frequencies) {
            if (!(f >= 0 && f < sampleRate / 2.0)) {
                throw new IllegalArgumentException(
                        "frequency: " + f + " (expected: 0 <= f < " + sampleRate / 2.0 + ')');
            }
        }
        this.sampleRate = sampleRate;
        this.amplitude = amplitude;
        this.frequencies = frequencies.clone();
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return frequencies.length;
    }

    /** Writes the next {@code frames} frames (× channels samples) at {@code out[offset]}. */
    public void fill(short[] out, int offset, int frames) {
        final int channels = frequencies.length;
        final double peak = amplitude * 32767;
        for (int i = 0; i < frames; i++) {
            final long n = position + i;
            for (int c = 0; c < channels; c++) {
                // The phase from the frame index, not accumulated, so that long runs do not drift.
                final double cycles = frequencies[c] * n / sampleRate;
                final double phase = 2 * Math.PI * (cycles - Math.floor(cycles));
                out[offset + i * channels + c] = (short) Math.round(peak * Math.sin(phase));
            }
        }
        position += frames;
    }

    /** Returns the next {@code frames} frames. */
    public short[] next(int frames) {
        final short[] out = new short[frames * frequencies.length];
        fill(out, 0, frames);
        return out;
    }
}
