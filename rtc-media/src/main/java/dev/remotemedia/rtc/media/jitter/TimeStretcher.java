package dev.remotemedia.rtc.media.jitter;

/**
 * Changes the duration of decoded PCM without changing its pitch, by whole pitch periods, the way
 * NetEq's accelerate and preemptive expand do (WSOLA: waveform-similarity overlap-add). Accelerate
 * replaces two similar periods {@code A B} by one cross-fade of {@code A} into {@code B}; preemptive
 * expand plays {@code A}, then a cross-fade of {@code B} into {@code A}, then {@code B} — one period
 * more. Both begin on the input's first sample and end on the sample that follows the region, so
 * the output joins what comes before and after it without a step (no click).
 *
 * <p>The period is the lag of the best normalized autocorrelation, searched on a 4× decimated copy
 * (8 kHz at 48 kHz) and refined at the full rate. A region whose best correlation is below
 * {@link #MIN_CORRELATION} (noise-like, or a transient) is left alone, unless it is quiet enough that
 * any splice is inaudible, as silence is.
 *
 * <p>Samples are 16-bit, interleaved when there are two channels; the period search listens to
 * their sum. Not thread-safe (it keeps scratch buffers); one per jitter buffer.
 */
final class TimeStretcher {
    /** Splices below this normalized correlation would be audible, so they are not made. */
    static final double MIN_CORRELATION = 0.85;
    /** Mean-square level (of 16-bit samples) below which a region counts as silence: about -60 dBFS. */
    static final double SILENCE_POWER = 1_100.0;
    private static final int DECIMATION = 4;

    private final int sampleRate;
    private final int channels;
    private final int minPeriod;
    private final int maxPeriod;
    private final float[] mono;
    private final float[] decimated;

    TimeStretcher(int sampleRate, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        minPeriod = sampleRate / 400; // 2.5 ms
        maxPeriod = sampleRate * 15 / 1000; // 15 ms
        mono = new float[2 * maxPeriod];
        decimated = new float[2 * maxPeriod / DECIMATION + 1];
    }

    /** The shortest period a splice takes or adds, in samples per channel (2.5 ms). */
    int minPeriod() {
        return minPeriod;
    }

    /** The longest period a splice takes or adds, in samples per channel (15 ms). */
    int maxPeriod() {
        return maxPeriod;
    }

    /**
     * Removes one period of at most {@code maxRemove} samples per channel from the
     * {@code available} samples per channel at {@code pcm[offset ..]}, in place: the result is
     * shorter by the returned count, and the samples after the region move up. Returns 0 when no
     * period fits or the region is not periodic enough.
     */
    int accelerate(short[] pcm, int offset, int available, int maxRemove) {
        final int period = findPeriod(pcm, offset, available, maxRemove);
        if (period <= 0) {
            return 0;
        }
        final int a = offset;
        final int b = offset + period * channels;
        crossFade(pcm, a, pcm, b, pcm, a, period);
        // Everything after B moves back by one period.
        final int tailStart = offset + 2 * period * channels;
        final int tailLength = (available - 2 * period) * channels;
        System.arraycopy(pcm, tailStart, pcm, offset + period * channels, tailLength);
        return period;
    }

    /**
     * Inserts one period of at most {@code maxInsert} samples per channel into the
     * {@code available} samples per channel at {@code pcm[offset ..]}, in place ({@code pcm} must
     * have room for {@code maxInsert} more samples per channel after them). Returns the count
     * inserted, 0 when no period fits or the region is not periodic enough.
     */
    int expand(short[] pcm, int offset, int available, int maxInsert) {
        final int period = findPeriod(pcm, offset, available, maxInsert);
        if (period <= 0) {
            return 0;
        }
        final int n = period * channels;
        // A B rest → A (B×A) B rest: shift "B rest" back by one period, then write the cross-fade.
        System.arraycopy(pcm, offset + n, pcm, offset + 2 * n, (available - period) * channels);
        // B now sits at offset + 2n; A is still at offset.
        crossFade(pcm, offset + 2 * n, pcm, offset, pcm, offset + n, period);
        return period;
    }

    /** out[i] = from[i] fading out + to[i] fading in, over {@code period} samples per channel. */
    private void crossFade(short[] from, int fromOff, short[] to, int toOff, short[] out, int outOff, int period) {
        final int n = period * channels;
        for (int i = 0; i < n; i++) {
            final int frame = i / channels;
            final double w = (frame + 0.5) / period; // weight of `to`
            final double v = from[fromOff + i] * (1.0 - w) + to[toOff + i] * w;
            out[outOff + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
    }

    /**
     * The period to splice: the lag in {@code [minPeriod, min(maxPeriod, limit, available / 2)]}
     * with the best normalized correlation between {@code x[0, lag)} and {@code x[lag, 2 lag)},
     * or -1 when there is no room or the best correlation is too weak for a non-silent region.
     */
    int findPeriod(short[] pcm, int offset, int available, int limit) {
        final int hi = Math.min(Math.min(maxPeriod, limit), available / 2);
        if (hi < minPeriod) {
            return -1;
        }
        final int length = 2 * hi;
        double power = 0;
        for (int i = 0; i < length; i++) {
            double s = 0;
            for (int c = 0; c < channels; c++) {
                s += pcm[offset + i * channels + c];
            }
            mono[i] = (float) (s / channels);
            power += mono[i] * mono[i];
        }
        power /= length;
        if (power < SILENCE_POWER) {
            return hi; // silence: any splice is inaudible, so take the most room asked for
        }
        // Coarse search on the decimated signal (a 4-tap mean is a good-enough low-pass for pitch).
        final int dLength = length / DECIMATION;
        for (int i = 0; i < dLength; i++) {
            float s = 0;
            for (int k = 0; k < DECIMATION; k++) {
                s += mono[i * DECIMATION + k];
            }
            decimated[i] = s;
        }
        final int dLo = Math.max(1, (minPeriod + DECIMATION - 1) / DECIMATION);
        final int dHi = hi / DECIMATION;
        int coarse = -1;
        double coarseBest = -2;
        for (int lag = dLo; lag <= dHi; lag++) {
            final double c = correlation(decimated, lag);
            if (c > coarseBest) {
                coarseBest = c;
                coarse = lag;
            }
        }
        if (coarse < 0) {
            return -1;
        }
        // Refine at the full rate around the coarse lag.
        int best = -1;
        double bestCorrelation = -2;
        final int from = Math.max(minPeriod, coarse * DECIMATION - DECIMATION);
        final int to = Math.min(hi, coarse * DECIMATION + DECIMATION);
        for (int lag = from; lag <= to; lag++) {
            final double c = correlation(mono, lag);
            if (c > bestCorrelation) {
                bestCorrelation = c;
                best = lag;
            }
        }
        return bestCorrelation >= MIN_CORRELATION ? best : -1;
    }

    /** Normalized correlation of {@code x[0, lag)} with {@code x[lag, 2 lag)}. */
    private static double correlation(float[] x, int lag) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < lag; i++) {
            final double a = x[i];
            final double b = x[i + lag];
            xy += a * b;
            xx += a * a;
            yy += b * b;
        }
        final double norm = Math.sqrt(xx * yy);
        return norm == 0 ? 0 : xy / norm;
    }

    @Override
    public String toString() {
        return "TimeStretcher{" + sampleRate + " Hz, " + channels + " ch}";
    }
}
