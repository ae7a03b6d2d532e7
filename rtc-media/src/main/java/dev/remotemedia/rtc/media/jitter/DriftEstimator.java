package dev.remotemedia.rtc.media.jitter;

import java.util.Arrays;

/**
 * The sender clock's drift against the receiver's, in parts per million: the slope of packet
 * transit (arrival time minus the send time the RTP timestamp says) against send time. When the
 * sender's clock runs fast its timestamps outrun our clock and transits shrink.
 *
 * <p>Jitter only ever adds delay, so each second's fastest packet is taken as that second's
 * path delay; the slope is the median of the changes of those minima over {@link #LAG_BLOCKS}
 * seconds, across the last {@link #WINDOW_BLOCKS}. The median ignores the few spans that contain a
 * delay step or a burst, which a least-squares fit would not.
 *
 * <p>Not thread-safe. Sans-I/O.
 */
final class DriftEstimator {
    static final long BLOCK_NANOS = 1_000_000_000L;
    static final int LAG_BLOCKS = 30;
    static final int WINDOW_BLOCKS = 300;
    /** Spans needed before the median speaks: a delay step early on would otherwise be most of them. */
    static final int MIN_SPANS = 30;
    static final double MAX_PPM = 2_000;

    private final long[] blockMinimum = new long[WINDOW_BLOCKS];
    private final long[] blockIndex = new long[WINDOW_BLOCKS];
    private final double[] slopes = new double[WINDOW_BLOCKS];
    private int blocks; // completed blocks kept, ≤ WINDOW_BLOCKS (ring, newest at (next - 1))
    private int next;
    private long currentBlock = Long.MIN_VALUE;
    private long currentMinimum = Long.MAX_VALUE;
    private double ppm;

    /** Records a packet sent at {@code sendNanos} (from the stream's start) with {@code transitNanos}. */
    void onPacket(long sendNanos, long transitNanos) {
        final long block = Math.floorDiv(sendNanos, BLOCK_NANOS);
        if (block < currentBlock) {
            return; // a straggler from a finished block: its minimum is already recorded
        }
        if (block > currentBlock) {
            if (currentBlock != Long.MIN_VALUE) {
                finishBlock();
            }
            currentBlock = block;
            currentMinimum = Long.MAX_VALUE;
        }
        currentMinimum = Math.min(currentMinimum, transitNanos);
    }

    private void finishBlock() {
        blockMinimum[next] = currentMinimum;
        blockIndex[next] = currentBlock;
        next = (next + 1) % WINDOW_BLOCKS;
        blocks = Math.min(blocks + 1, WINDOW_BLOCKS);
        int n = 0;
        for (int i = 0; i < blocks; i++) {
            final int a = (next - 1 - i + 2 * WINDOW_BLOCKS) % WINDOW_BLOCKS;
            for (int j = i + 1; j < blocks; j++) {
                final int b = (next - 1 - j + 2 * WINDOW_BLOCKS) % WINDOW_BLOCKS;
                final long seconds = blockIndex[a] - blockIndex[b];
                if (seconds == LAG_BLOCKS) {
                    slopes[n++] = (double) (blockMinimum[a] - blockMinimum[b]) / (seconds * BLOCK_NANOS);
                    break;
                }
                if (seconds > LAG_BLOCKS) {
                    break;
                }
            }
        }
        if (n >= MIN_SPANS) {
            Arrays.sort(slopes, 0, n);
            final double median = n % 2 == 1 ? slopes[n / 2] : (slopes[n / 2 - 1] + slopes[n / 2]) / 2;
            // Transit shrinking ⇔ the sender's clock is fast. Real clocks are off by well under 0.1 %;
            // more than MAX_PPM is a path change the median did not outvote, not drift.
            ppm = Math.max(-MAX_PPM, Math.min(MAX_PPM, -median * 1e6));
        }
    }

    /** The drift in ppm, 0 until {@link #LAG_BLOCKS} + {@link #MIN_SPANS} seconds of packets have been seen. */
    double ppm() {
        return ppm;
    }

    void reset() {
        blocks = 0;
        next = 0;
        currentBlock = Long.MIN_VALUE;
        currentMinimum = Long.MAX_VALUE;
        ppm = 0;
    }
}
