package dev.remotemedia.codec;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/**
 * Converts 16-bit interleaved PCM from one sample rate and channel count to another, in a stream:
 * state is kept between calls, so cutting the input into frames of any size gives the same output
 * as one call (no clicks at frame boundaries). Pure Java.
 *
 * <p>A band-limited interpolator: each output sample is the input convolved with a Kaiser-windowed
 * sinc (±{@value #ZERO_CROSSINGS} zero crossings, β = {@value #KAISER_BETA}, about 80 dB of stop
 * band), whose cutoff is {@value #CUTOFF} × the Nyquist frequency of the lower of the two rates, so
 * that downsampling removes what would alias and upsampling removes the images. The kernel is
 * tabulated finely and interpolated, so any pair of rates works, 44.1 kHz ↔ 48 kHz included, and the
 * output position advances by an exact fraction (no drift over hours).
 *
 * <p>Channels: mono to stereo copies, stereo to mono averages. Equal rates only convert channels.
 * Output lags input by {@link #delayFrames()} output frames: the filter needs that much input ahead.
 *
 * <p>Not thread-safe: one per stream, used from one thread at a time.
 */
public final class AudioResampler {

    /** The lowest sample rate accepted, in Hz. */
    public static final int MIN_RATE = 8_000;
    /** The highest sample rate accepted, in Hz. */
    public static final int MAX_RATE = 96_000;

    static final int ZERO_CROSSINGS = 32;
    static final double KAISER_BETA = 8.0;
    static final double CUTOFF = 0.9;
    private static final int TABLE_STEPS = 512; // kernel samples per zero crossing
    private static final float[] KERNEL = kernelTable();

    /** Returns a resampler from {@code inputRate} and {@code inputChannels} to 48 kHz with {@code outputChannels}. */
    public static AudioResampler of(int inputRate, int inputChannels, int outputChannels) {
        return of(inputRate, inputChannels, OpusConfig.SAMPLE_RATE, outputChannels);
    }

    /** Returns a resampler between any two rates of {@value #MIN_RATE}..{@value #MAX_RATE} Hz, 1 or 2 channels. */
    public static AudioResampler of(int inputRate, int inputChannels, int outputRate, int outputChannels) {
        return new AudioResampler(checkRate("inputRate", inputRate), checkChannels("inputChannels", inputChannels),
                                  checkRate("outputRate", outputRate),
                                  checkChannels("outputChannels", outputChannels));
    }

    private final int inputRate;
    private final int inputChannels;
    private final int outputRate;
    private final int outputChannels;
    private final int up; // output rate / gcd
    private final int down; // input rate / gcd
    private final double scale; // kernel stretch: 1 when upsampling, out/in when downsampling
    private final int radius; // input samples on each side of an output position
    private final double[] weights;
    private float[][] history;
    private int available; // samples in history (the same for every channel)
    private int position; // the history index at or before the next output's centre
    private int phase; // the next output's centre is position + phase / up

    private AudioResampler(int inputRate, int inputChannels, int outputRate, int outputChannels) {
        this.inputRate = inputRate;
        this.inputChannels = inputChannels;
        this.outputRate = outputRate;
        this.outputChannels = outputChannels;
        final int gcd = gcd(inputRate, outputRate);
        up = outputRate / gcd;
        down = inputRate / gcd;
        scale = Math.min(1.0, (double) outputRate / inputRate);
        radius = (int) Math.ceil(ZERO_CROSSINGS / scale);
        weights = new double[2 * radius];
        history = new float[outputChannels][4 * radius + 1024];
        reset();
    }

    public int inputRate() {
        return inputRate;
    }

    public int inputChannels() {
        return inputChannels;
    }

    public int outputRate() {
        return outputRate;
    }

    public int outputChannels() {
        return outputChannels;
    }

    /** How many output frames the output lags the input (0 at equal rates). */
    public int delayFrames() {
        return inputRate == outputRate ? 0 : (int) Math.ceil((double) radius * outputRate / inputRate);
    }

    /** The most frames one {@link #process} call with {@code inputFrames} frames writes. */
    public int maxOutputFrames(int inputFrames) {
        if (inputFrames < 0) {
            throw new IllegalArgumentException("inputFrames: " + inputFrames + " (expected: >= 0)");
        }
        return (int) (((long) inputFrames * up + down - 1) / down) + 1;
    }

    /** Forgets the stream so far: the next input starts a new one. */
    public void reset() {
        // The stream starts with `radius` zeros, so that the first output has the past it needs.
        for (float[] channel : history) {
            java.util.Arrays.fill(channel, 0, radius, 0f);
        }
        available = radius;
        position = radius;
        phase = 0;
    }

    /**
     * Resamples {@code inputFrames} frames ({@code × inputChannels()} interleaved samples) from {@code
     * in[inOffset]} and writes what is ready at {@code out[outOffset]}.
     *
     * @return the frames written ({@code × outputChannels()} samples), at most {@link
     *         #maxOutputFrames(int) maxOutputFrames(inputFrames)}
     * @throws IndexOutOfBoundsException if {@code in} is shorter than the frames given, or {@code out}
     *         has less room than {@link #maxOutputFrames(int) maxOutputFrames(inputFrames)} frames
     */
    public int process(short[] in, int inOffset, int inputFrames, short[] out, int outOffset) {
        requireNonNull(in, "in");
        requireNonNull(out, "out");
        Objects.checkFromIndexSize(inOffset, inputFrames * inputChannels, in.length);
        final int room = maxOutputFrames(inputFrames);
        if (inputRate == outputRate) {
            Objects.checkFromIndexSize(outOffset, inputFrames * outputChannels, out.length);
            for (int i = 0; i < inputFrames; i++) {
                mapFrame(in, inOffset + i * inputChannels, out, outOffset + i * outputChannels);
            }
            return inputFrames;
        }
        Objects.checkFromIndexSize(outOffset, room * outputChannels, out.length);
        append(in, inOffset, inputFrames);
        int written = 0;
        // An output needs history up to position + radius.
        while (position + radius < available) {
            computeWeights((double) phase / up);
            final int first = position - radius + 1;
            for (int c = 0; c < outputChannels; c++) {
                final float[] x = history[c];
                double sum = 0;
                for (int t = 0; t < weights.length; t++) {
                    sum += x[first + t] * weights[t];
                }
                out[outOffset + written * outputChannels + c] = clip(sum);
            }
            written++;
            phase += down;
            position += phase / up;
            phase %= up;
        }
        discardBefore(position - radius + 1);
        return written;
    }

    private void mapFrame(short[] in, int from, short[] out, int to) {
        if (inputChannels == outputChannels) {
            System.arraycopy(in, from, out, to, inputChannels);
        } else if (outputChannels == 2) {
            out[to] = in[from];
            out[to + 1] = in[from];
        } else {
            out[to] = (short) ((in[from] + in[from + 1]) >> 1);
        }
    }

    private void append(short[] in, int inOffset, int frames) {
        if (available + frames > history[0].length) {
            final int size = Math.max(2 * history[0].length, available + frames);
            for (int c = 0; c < outputChannels; c++) {
                history[c] = java.util.Arrays.copyOf(history[c], size);
            }
        }
        for (int i = 0; i < frames; i++) {
            final int from = inOffset + i * inputChannels;
            if (inputChannels == outputChannels) {
                for (int c = 0; c < outputChannels; c++) {
                    history[c][available + i] = in[from + c];
                }
            } else if (outputChannels == 2) {
                history[0][available + i] = in[from];
                history[1][available + i] = in[from];
            } else {
                history[0][available + i] = (in[from] + in[from + 1]) * 0.5f;
            }
        }
        available += frames;
    }

    private void discardBefore(int index) {
        if (index <= 0) {
            return;
        }
        for (float[] channel : history) {
            System.arraycopy(channel, index, channel, 0, available - index);
        }
        available -= index;
        position -= index;
    }

    // weights[t] for history[position - radius + 1 + t], the output centred `fraction` after position.
    private void computeWeights(double fraction) {
        for (int t = 0; t < weights.length; t++) {
            final double distance = Math.abs(radius - 1 - t + fraction) * scale; // in zero crossings
            weights[t] = scale * kernel(distance);
        }
    }

    private static double kernel(double zeroCrossings) {
        final double x = zeroCrossings * TABLE_STEPS;
        final int i = (int) x;
        if (i >= KERNEL.length - 1) {
            return 0;
        }
        final double t = x - i;
        return KERNEL[i] + t * (KERNEL[i + 1] - KERNEL[i]);
    }

    // CUTOFF·sinc(CUTOFF·u) · Kaiser(u / ZERO_CROSSINGS), for u = 0 .. ZERO_CROSSINGS in 1/TABLE_STEPS.
    private static float[] kernelTable() {
        final float[] table = new float[ZERO_CROSSINGS * TABLE_STEPS + 2];
        final double i0Beta = besselI0(KAISER_BETA);
        for (int i = 0; i < table.length; i++) {
            final double u = (double) i / TABLE_STEPS;
            if (u >= ZERO_CROSSINGS) {
                table[i] = 0;
                continue;
            }
            final double r = u / ZERO_CROSSINGS;
            final double window = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
            final double a = Math.PI * CUTOFF * u;
            final double sinc = u == 0 ? 1 : Math.sin(a) / a;
            table[i] = (float) (CUTOFF * sinc * window);
        }
        return table;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    private static short clip(double value) {
        final long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int checkRate(String name, int rate) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new IllegalArgumentException(name + ": " + rate + " (expected: " + MIN_RATE + ".." + MAX_RATE + ')');
        }
        return rate;
    }

    private static int checkChannels(String name, int channels) {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException(name + ": " + channels + " (expected: 1 or 2)");
        }
        return channels;
    }
}
