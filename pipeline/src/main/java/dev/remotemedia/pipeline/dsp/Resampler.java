package dev.remotemedia.pipeline.dsp;

import static java.util.Objects.requireNonNull;

/**
 * Streaming sample-rate converter for interleaved float PCM: a rational polyphase FIR whose
 * prototype is a Kaiser-windowed sinc.
 *
 * <p>The ratio {@code outputRate / inputRate} is reduced to {@code L / M}; the input is
 * conceptually upsampled by {@code L}, low-pass filtered and decimated by {@code M}, with only the
 * products that survive the decimation computed. The pass band ends at 90 % and the stop band
 * (100 dB down) starts at 100 % of the lower Nyquist frequency, so nothing above the output's
 * Nyquist frequency can fold back into the output.
 *
 * <p>State is kept between calls: any chunk sizes may be given and the output is exactly the same
 * as for one call with the whole stream. The filter delays the signal by {@link #latencyFrames()}
 * output frames: output frame {@code n} is the input signal at time
 * {@code (n - latencyFrames()) / outputRate}. {@link #flush()} returns the remaining tail, so that
 * the whole output holds {@code latencyFrames() + ceil(inputFrames * outputRate / inputRate)}
 * frames. When the rates are equal the input is copied through with no delay.
 *
 * <p>Not thread-safe: drive one instance from one thread.
 */
public final class Resampler {

    /** Stop-band attenuation of the prototype filter, in dB. */
    private static final double STOP_BAND_DB = 100;
    /** Pass band edge as a fraction of the lower Nyquist frequency. */
    private static final double PASS_BAND = 0.90;
    /** The polyphase table grows with L; this bounds it to 4 MiB (standard rates need < 0.4 MiB). */
    private static final int MAX_COEFFICIENTS = 1 << 20;
    private static final int MIN_RATE = 1_000;
    private static final int MAX_RATE = 768_000;

    private final int inputRate;
    private final int outputRate;
    private final int channels;
    private final int up;          // L
    private final int down;        // M
    private final int taps;        // K: taps per phase
    private final long latency;    // D, in output frames
    /** coefficients[p][t] multiplies input frame q - (taps - 1) + t for an output whose phase is p. */
    private final float[][] coefficients;

    // Streaming state. history[c][j] holds input frame historyStart + j of channel c.
    private float[][] history;
    private long historyStart;
    private int historyLength;
    private long inputFrames;      // frames received since the start (or the last flush)
    private long outputFrames;     // frames produced since the start (or the last flush)
    private int phase;             // (outputFrames * M) mod L
    private long center;           // floor(outputFrames * M / L): newest input frame the next output needs

    private Resampler(int inputRate, int outputRate, int channels) {
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.channels = channels;
        int gcd = gcd(inputRate, outputRate);
        up = outputRate / gcd;
        down = inputRate / gcd;
        if (up == down) {
            taps = 0;
            latency = 0;
            coefficients = new float[0][];
            return;
        }
        // Kaiser's estimates (Oppenheim & Schafer, 7.6): beta from the attenuation, length from
        // the transition width, both at the upsampled rate L * inputRate.
        double upsampledRate = (double) up * inputRate;
        double lowerNyquist = Math.min(inputRate, outputRate) / 2.0;
        double transition = (1 - PASS_BAND) * lowerNyquist;
        double cutoff = (PASS_BAND + 1) / 2 * lowerNyquist;
        double length = (STOP_BAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition / upsampledRate);
        long half = (long) Math.ceil(length / 2);
        // Centre the filter on a multiple of M so that the delay is a whole number of output frames.
        long delay = (half + down - 1) / down;
        long centreTap = delay * down;
        long prototypeLength = 2 * centreTap + 1;
        long tapsPerPhase = (prototypeLength + up - 1) / up;
        if (tapsPerPhase * up > MAX_COEFFICIENTS) {
            throw new IllegalArgumentException("inputRate: " + inputRate + ", outputRate: " + outputRate
                    + " (the reduced ratio " + up + "/" + down + " needs " + tapsPerPhase * up
                    + " filter coefficients; expected rates whose ratio needs at most " + MAX_COEFFICIENTS + ")");
        }
        taps = (int) tapsPerPhase;
        latency = delay;
        coefficients = design(up, taps, (int) centreTap, 2 * cutoff / upsampledRate, kaiserBeta(STOP_BAND_DB));
        reset();
    }

    /**
     * Returns a resampler from {@code inputRate} to {@code outputRate} (Hz, each in 1 000..768 000)
     * for {@code channels} interleaved channels (1..32).
     *
     * @throws IllegalArgumentException when a value is out of range, or when the reduced ratio of
     *     the two rates is so irregular that its filter table would exceed 1 Mi coefficients (never
     *     the case between the usual rates 8, 11.025, 12, 16, 22.05, 24, 32, 44.1, 48, 88.2, 96,
     *     176.4 and 192 kHz)
     */
    public static Resampler of(int inputRate, int outputRate, int channels) {
        checkRate("inputRate", inputRate);
        checkRate("outputRate", outputRate);
        if (channels < 1 || channels > 32) {
            throw new IllegalArgumentException("channels: " + channels + " (expected: 1..32)");
        }
        return new Resampler(inputRate, outputRate, channels);
    }

    /** Returns the input sample rate in Hz. */
    public int inputRate() {
        return inputRate;
    }

    /** Returns the output sample rate in Hz. */
    public int outputRate() {
        return outputRate;
    }

    /** Returns the number of interleaved channels. */
    public int channels() {
        return channels;
    }

    /**
     * Returns the group delay in output frames: output frame {@code n} corresponds to the input at
     * time {@code (n - latencyFrames()) / outputRate}. Zero when the rates are equal.
     */
    public long latencyFrames() {
        return latency;
    }

    /**
     * Consumes interleaved input frames and returns the interleaved output frames that they
     * complete; may return an empty array.
     *
     * @throws IllegalArgumentException when the length is not a multiple of {@link #channels()}
     */
    public float[] process(float[] interleaved) {
        requireNonNull(interleaved, "interleaved");
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException("interleaved.length: " + interleaved.length
                    + " (expected: a multiple of channels = " + channels + ")");
        }
        if (up == down) {
            return interleaved.clone();
        }
        int frames = interleaved.length / channels;
        append(interleaved, frames);
        inputFrames += frames;
        return produce(producibleUpTo());
    }

    /**
     * Returns the tail still held in the filter (the output that the last input frames influence),
     * then resets the resampler so that it can start a new stream.
     */
    public float[] flush() {
        if (up == down) {
            return new float[0];
        }
        // ceil(inputFrames * L / M) frames of signal plus the delay, in all.
        long total = latency + ceilDiv(inputFrames * up, down);
        long needFrames = (total - 1) * down / up + 1;  // centre of the last output, plus one
        long zeros = Math.max(0, needFrames - (historyStart + historyLength));
        appendSilence((int) zeros);
        float[] tail = produce(total);
        reset();
        return tail;
    }

    private void reset() {
        history = new float[channels][Math.max(2 * taps, 1024)];
        historyStart = -(taps - 1);      // K - 1 frames of silence precede the stream
        historyLength = taps - 1;
        inputFrames = 0;
        outputFrames = 0;
        phase = 0;
        center = 0;
    }

    /** Output index bound: output n is producible once input frame floor(n * M / L) is here. */
    private long producibleUpTo() {
        long available = historyStart + historyLength;   // frames [.., available) are here
        return ceilDiv(available * up, down);            // outputs with n * M < available * L
    }

    private float[] produce(long endOutput) {
        int count = (int) Math.max(0, endOutput - outputFrames);
        float[] out = new float[count * channels];
        for (int i = 0; i < count; i++) {
            float[] coef = coefficients[phase];
            int base = (int) (center - (taps - 1) - historyStart);
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] = dot(coef, history[c], base);
            }
            phase += down;
            center += phase / up;
            phase %= up;
        }
        outputFrames += count;
        discardConsumed();
        return out;
    }

    /**
     * Four partial sums break the chain of dependent additions (measured 1.6x faster); the order of
     * operations depends only on the tap count, so chunked and one-shot output stay identical.
     */
    private float dot(float[] coef, float[] x, int base) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        int t = 0;
        for (int end = taps - 3; t < end; t += 4) {
            a0 += coef[t] * x[base + t];
            a1 += coef[t + 1] * x[base + t + 1];
            a2 += coef[t + 2] * x[base + t + 2];
            a3 += coef[t + 3] * x[base + t + 3];
        }
        for (; t < taps; t++) {
            a0 += coef[t] * x[base + t];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /** Drops input frames that no future output can reach. */
    private void discardConsumed() {
        long keepFrom = center - (taps - 1);
        int drop = (int) Math.min(historyLength, Math.max(0, keepFrom - historyStart));
        if (drop > 0) {
            for (float[] x : history) {
                System.arraycopy(x, drop, x, 0, historyLength - drop);
            }
            historyStart += drop;
            historyLength -= drop;
        }
    }

    private void ensureCapacity(int frames) {
        int needed = historyLength + frames;
        if (needed > history[0].length) {
            int capacity = Math.max(needed, 2 * history[0].length);
            for (int c = 0; c < channels; c++) {
                history[c] = java.util.Arrays.copyOf(history[c], capacity);
            }
        }
    }

    private void append(float[] interleaved, int frames) {
        ensureCapacity(frames);
        for (int c = 0; c < channels; c++) {
            float[] x = history[c];
            for (int i = 0, j = historyLength; i < frames; i++, j++) {
                x[j] = interleaved[i * channels + c];
            }
        }
        historyLength += frames;
    }

    private void appendSilence(int frames) {
        ensureCapacity(frames);
        for (float[] x : history) {
            java.util.Arrays.fill(x, historyLength, historyLength + frames, 0f);
        }
        historyLength += frames;
    }

    /**
     * Designs the polyphase table: h[k] = L * 2fc * sinc(2fc (k - centre)) * kaiser(k), k in
     * [0, 2 centre], split into L phases and stored reversed so that each output is a forward dot
     * product over the K newest input frames.
     */
    private static float[][] design(int up, int taps, int centreTap, double normalizedCutoff, double beta) {
        double[] h = new double[taps * up];
        double i0Beta = besselI0(beta);
        double sum = 0;
        for (int k = 0; k <= 2 * centreTap; k++) {
            double x = k - centreTap;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * normalizedCutoff * x) / (Math.PI * normalizedCutoff * x);
            double r = x / centreTap;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            h[k] = normalizedCutoff * sinc * window;
            sum += h[k];
        }
        // Unit gain at DC for every phase (on average): zero-stuffing by L divides the level by L.
        double scale = up / sum;
        float[][] table = new float[up][taps];
        for (int p = 0; p < up; p++) {
            for (int t = 0; t < taps; t++) {
                table[p][t] = (float) (h[p + (taps - 1 - t) * up] * scale);
            }
        }
        return table;
    }

    private static double kaiserBeta(double attenuationDb) {
        return attenuationDb > 50 ? 0.1102 * (attenuationDb - 8.7)
                : attenuationDb >= 21 ? 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21)
                : 0;
    }

    /** Modified Bessel function of the first kind, order zero, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 500 && term > sum * 1e-17; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static void checkRate(String name, int rate) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new IllegalArgumentException(name + ": " + rate + " (expected: " + MIN_RATE + ".." + MAX_RATE + ")");
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
