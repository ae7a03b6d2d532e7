package dev.remotemedia.testing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks audio by its content: the dominant frequency of a block (to a fraction of an FFT bin), its
 * RMS level, how clean a tone is (SINAD), and gaps in what should be a continuous tone. Works on
 * interleaved 16-bit PCM; each method takes the channel to look at.
 *
 * <pre>{@code
 * assertThat(AudioProbe.dominantFrequency(pcm, 0, frames, 2, 0, 48_000)).isCloseTo(440, within(2.0));
 * assertThat(AudioProbe.findGaps(pcm, 0, frames, 2, 48_000, 1000, 10)).isEmpty();
 * }</pre>
 */
public final class AudioProbe {
    private AudioProbe() {}

    /** Full scale of 16-bit PCM, for dBFS. */
    public static final double FULL_SCALE = 32768;

    /**
     * The frequency in Hz with the most energy in {@code frames} frames of {@code channel}: a Hann
     * window, an FFT zero-padded to at least 4× the block, a parabolic fit around the peak bin, then a
     * search of the windowed spectrum's maximum within ± one bin. Accurate to well under a bin
     * ({@code sampleRate / frames}) for a steady tone. DC is ignored.
     */
    public static double dominantFrequency(short[] pcm, int offset, int frames, int channels, int channel,
                                           int sampleRate) {
        final double[] x = window(channel(pcm, offset, frames, channels, channel));
        int size = Integer.highestOneBit(Math.max(frames, 2) - 1) << 3; // ≥ 4× the block
        final double[] re = new double[size];
        final double[] im = new double[size];
        System.arraycopy(x, 0, re, 0, frames);
        Fft.transform(re, im);
        int peak = 1;
        double peakPower = -1;
        for (int k = 1; k < size / 2; k++) {
            final double power = re[k] * re[k] + im[k] * im[k];
            if (power > peakPower) {
                peakPower = power;
                peak = k;
            }
        }
        double bin = peak;
        if (peak > 1 && peak < size / 2 - 1) {
            final double a = Math.log(re[peak - 1] * re[peak - 1] + im[peak - 1] * im[peak - 1] + 1e-30);
            final double b = Math.log(peakPower + 1e-30);
            final double c = Math.log(re[peak + 1] * re[peak + 1] + im[peak + 1] * im[peak + 1] + 1e-30);
            final double denominator = a - 2 * b + c;
            if (denominator < 0) {
                bin += 0.5 * (a - c) / denominator;
            }
        }
        // Golden-section search of |X(f)| of the windowed block around the estimate.
        final double step = (double) sampleRate / size;
        double lo = (bin - 1) * step;
        double hi = (bin + 1) * step;
        final double ratio = (Math.sqrt(5) - 1) / 2;
        double m1 = hi - ratio * (hi - lo);
        double m2 = lo + ratio * (hi - lo);
        double p1 = dtftPower(x, m1, sampleRate);
        double p2 = dtftPower(x, m2, sampleRate);
        for (int i = 0; i < 40; i++) {
            if (p1 < p2) {
                lo = m1;
                m1 = m2;
                p1 = p2;
                m2 = lo + ratio * (hi - lo);
                p2 = dtftPower(x, m2, sampleRate);
            } else {
                hi = m2;
                m2 = m1;
                p2 = p1;
                m1 = hi - ratio * (hi - lo);
                p1 = dtftPower(x, m1, sampleRate);
            }
        }
        return (lo + hi) / 2;
    }

    /** {@link #dominantFrequency} of a whole mono block. */
    public static double dominantFrequency(short[] mono, int sampleRate) {
        return dominantFrequency(mono, 0, mono.length, 1, 0, sampleRate);
    }

    /** The RMS of {@code channel} in 16-bit units (a full-scale sine is about 23170). */
    public static double rms(short[] pcm, int offset, int frames, int channels, int channel) {
        final double[] x = channel(pcm, offset, frames, channels, channel);
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return frames == 0 ? 0 : Math.sqrt(sum / frames);
    }

    /** The RMS of {@code channel} in dB relative to full scale (a full-scale sine is about −3 dBFS). */
    public static double rmsDbfs(short[] pcm, int offset, int frames, int channels, int channel) {
        return 20 * Math.log10(Math.max(rms(pcm, offset, frames, channels, channel), 1e-9) / FULL_SCALE);
    }

    /**
     * How clean a tone of {@code frequency} is, in dB: the power of the best-fitting sine at that
     * frequency (least squares over amplitude, phase and DC) against the power of everything else
     * (noise and distortion). A tone that is not there, or is at another frequency, scores near or
     * below 0 dB.
     */
    public static double sinadDb(short[] pcm, int offset, int frames, int channels, int channel, int sampleRate,
                                 double frequency) {
        final double[] x = channel(pcm, offset, frames, channels, channel);
        final double w = 2 * Math.PI * frequency / sampleRate;
        // Normal equations of x ≈ a·cos + b·sin + c.
        double cc = 0, ss = 0, cs = 0, c1 = 0, s1 = 0, xc = 0, xs = 0, x1 = 0;
        for (int n = 0; n < frames; n++) {
            final double cos = Math.cos(w * n);
            final double sin = Math.sin(w * n);
            cc += cos * cos;
            ss += sin * sin;
            cs += cos * sin;
            c1 += cos;
            s1 += sin;
            xc += x[n] * cos;
            xs += x[n] * sin;
            x1 += x[n];
        }
        final double[] abc = solve3(new double[][] {{cc, cs, c1}, {cs, ss, s1}, {c1, s1, frames}},
                                    new double[] {xc, xs, x1});
        double tone = 0;
        double rest = 0;
        for (int n = 0; n < frames; n++) {
            final double sine = abc[0] * Math.cos(w * n) + abc[1] * Math.sin(w * n);
            final double residual = x[n] - sine - abc[2];
            tone += sine * sine;
            rest += residual * residual;
        }
        return 10 * Math.log10(Math.max(tone, 1e-12) / Math.max(rest, 1e-12));
    }

    /**
     * The gaps in a stream expected to be continuous: runs of at least {@code minGapMillis} in which
     * no sample of any channel exceeds {@code silenceAmplitude} (in 16-bit units), looked at in 1 ms
     * blocks.
     */
    public static List<Gap> findGaps(short[] pcm, int offset, int frames, int channels, int sampleRate,
                                     int silenceAmplitude, double minGapMillis) {
        final GapDetector detector = new GapDetector(sampleRate, channels, silenceAmplitude, minGapMillis);
        detector.accept(pcm, offset, frames);
        return detector.finish();
    }

    /** A run of near-silence: where it starts and how long it lasts, in frames of the stream. */
    public static final class Gap {
        private final long startFrame;
        private final long frames;
        private final int sampleRate;

        Gap(long startFrame, long frames, int sampleRate) {
            this.startFrame = startFrame;
            this.frames = frames;
            this.sampleRate = sampleRate;
        }

        public long startFrame() {
            return startFrame;
        }

        public long frames() {
            return frames;
        }

        public double startMillis() {
            return startFrame * 1000.0 / sampleRate;
        }

        public double millis() {
            return frames * 1000.0 / sampleRate;
        }

        @Override
        public String toString() {
            return String.format("gap of %.1f ms at %.1f ms", millis(), startMillis());
        }
    }

    /**
     * Finds gaps in a stream fed block by block, as it arrives: 1 ms blocks carry over between calls,
     * so how the stream is cut does not matter. Not thread-safe.
     */
    public static final class GapDetector {
        private final int sampleRate;
        private final int channels;
        private final int silenceAmplitude;
        private final long minGapFrames;
        private final int blockFrames;
        private final List<Gap> gaps = new ArrayList<>();
        private long position;
        private int blockFilled;
        private int blockPeak;
        private long silenceStart = -1;

        public GapDetector(int sampleRate, int channels, int silenceAmplitude, double minGapMillis) {
            if (sampleRate < 1000) {
                throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: >= 1000)");
            }
            if (channels < 1) {
                throw new IllegalArgumentException("channels: " + channels + " (expected: > 0)");
            }
            if (!(minGapMillis > 0)) {
                throw new IllegalArgumentException("minGapMillis: " + minGapMillis + " (expected: > 0)");
            }
            this.sampleRate = sampleRate;
            this.channels = channels;
            this.silenceAmplitude = silenceAmplitude;
            minGapFrames = Math.round(minGapMillis * sampleRate / 1000);
            blockFrames = sampleRate / 1000;
        }

        /** Looks at {@code frames} more frames of the stream. */
        public void accept(short[] pcm, int offset, int frames) {
            requireNonNull(pcm, "pcm");
            Objects.checkFromIndexSize(offset, frames * channels, pcm.length);
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    blockPeak = Math.max(blockPeak, Math.abs(pcm[offset + i * channels + c]));
                }
                if (++blockFilled == blockFrames) {
                    endBlock(blockFrames);
                }
            }
        }

        private void endBlock(int frames) {
            final long blockStart = position;
            position += frames;
            if (blockPeak <= silenceAmplitude) {
                if (silenceStart < 0) {
                    silenceStart = blockStart;
                }
            } else {
                endSilence(blockStart);
            }
            blockFilled = 0;
            blockPeak = 0;
        }

        private void endSilence(long end) {
            if (silenceStart >= 0 && end - silenceStart >= minGapFrames) {
                gaps.add(new Gap(silenceStart, end - silenceStart, sampleRate));
            }
            silenceStart = -1;
        }

        /** The gaps found so far that have ended. */
        public List<Gap> gaps() {
            return List.copyOf(gaps);
        }

        /** Ends the stream (a silence running at its end counts too) and returns every gap. */
        public List<Gap> finish() {
            if (blockFilled > 0) {
                endBlock(blockFilled);
            }
            endSilence(position);
            return gaps();
        }
    }

    private static double[] channel(short[] pcm, int offset, int frames, int channels, int channel) {
        requireNonNull(pcm, "pcm");
        Objects.checkIndex(channel, channels);
        Objects.checkFromIndexSize(offset, frames * channels, pcm.length);
        final double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = pcm[offset + i * channels + channel];
        }
        return x;
    }

    private static double[] window(double[] x) {
        final int n = x.length;
        final double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / Math.max(1, n - 1)));
        }
        return out;
    }

    private static double dtftPower(double[] x, double frequency, int sampleRate) {
        final double w = 2 * Math.PI * frequency / sampleRate;
        // Goertzel's recurrence for one frequency.
        final double coefficient = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            final double s = v + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    private static double[] solve3(double[][] a, double[] b) {
        // Gaussian elimination with partial pivoting; the 3×3 normal equations are well conditioned
        // for a block of more than a period.
        final int n = 3;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            final double[] row = a[col];
            a[col] = a[pivot];
            a[pivot] = row;
            final double t = b[col];
            b[col] = b[pivot];
            b[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                final double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= f * a[col][k];
                }
                b[r] -= f * b[col];
            }
        }
        final double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = b[r];
            for (int k = r + 1; k < n; k++) {
                sum -= a[r][k] * x[k];
            }
            x[r] = sum / a[r][r];
        }
        return x;
    }

    /** An in-place iterative radix-2 FFT. */
    private static final class Fft {
        private Fft() {}

        static void transform(double[] re, double[] im) {
            final int n = re.length;
            for (int i = 1, j = 0; i < n; i++) {
                int bit = n >> 1;
                for (; (j & bit) != 0; bit >>= 1) {
                    j ^= bit;
                }
                j ^= bit;
                if (i < j) {
                    double t = re[i];
                    re[i] = re[j];
                    re[j] = t;
                    t = im[i];
                    im[i] = im[j];
                    im[j] = t;
                }
            }
            for (int length = 2; length <= n; length <<= 1) {
                final double angle = -2 * Math.PI / length;
                final double wRe = Math.cos(angle);
                final double wIm = Math.sin(angle);
                for (int start = 0; start < n; start += length) {
                    double curRe = 1;
                    double curIm = 0;
                    for (int k = 0; k < length / 2; k++) {
                        final int a = start + k;
                        final int b = a + length / 2;
                        final double tRe = re[b] * curRe - im[b] * curIm;
                        final double tIm = re[b] * curIm + im[b] * curRe;
                        re[b] = re[a] - tRe;
                        im[b] = im[a] - tIm;
                        re[a] += tRe;
                        im[a] += tIm;
                        final double nextRe = curRe * wRe - curIm * wIm;
                        curIm = curRe * wIm + curIm * wRe;
                        curRe = nextRe;
                    }
                }
            }
        }
    }
}
