package dev.remotemedia.rtc.media.repair;

/**
 * When a video receiver asks its sender for a keyframe (a PLI, RFC 4585 §6.3.1, or a FIR, RFC 5104
 * §4.3.1): as soon as one is wanted (a decoder error, a frame assembler that lost what it cannot
 * repair), then again every {@code max(interval, RTT)} while none has come — a request or the
 * keyframe itself can be lost — and never more often, whatever the decoder keeps reporting.
 * Counts the requests (the W3C {@code pliCount}/{@code firCount}) and keeps the FIR command
 * sequence number, which advances per new request (not per repetition, §4.3.1.1).
 *
 * <p>Sans-I/O and not thread-safe: time comes in as arguments.
 */
public final class KeyframeRequester {
    /** How often a keyframe is asked for at most while one is awaited (libwebrtc waits 200 ms too). */
    public static final long DEFAULT_INTERVAL_NANOS = 200_000_000L;

    private final long intervalNanos;
    private boolean wanted;
    private long lastSentNanos = Long.MIN_VALUE;
    private int firSequenceNumber = -1;
    private long sent;

    public KeyframeRequester(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos: " + intervalNanos + " (expected: > 0)");
        }
        this.intervalNanos = intervalNanos;
    }

    /** A keyframe is needed; {@link #poll} says when to ask. */
    public void want() {
        if (!wanted) {
            wanted = true;
            firSequenceNumber = (firSequenceNumber + 1) & 0xFF;
        }
    }

    /** A keyframe arrived: no more requests until the next {@link #want}. */
    public void onKeyframe() {
        wanted = false;
    }

    /** Whether to send a request now (and it counts as sent). */
    public boolean poll(long nowNanos, long rttNanos) {
        if (!wanted || lastSentNanos != Long.MIN_VALUE && nowNanos - lastSentNanos < Math.max(intervalNanos, rttNanos)) {
            return false;
        }
        lastSentNanos = nowNanos;
        sent++;
        return true;
    }

    /** When {@link #poll} would say yes next ({@link Long#MAX_VALUE}: nothing is wanted). */
    public long nextPollNanos(long rttNanos) {
        if (!wanted) {
            return Long.MAX_VALUE;
        }
        return lastSentNanos == Long.MIN_VALUE ? Long.MIN_VALUE : lastSentNanos + Math.max(intervalNanos, rttNanos);
    }

    /** Whether a keyframe is awaited. */
    public boolean wanted() {
        return wanted;
    }

    /** The FIR command sequence number of the current request (0..255). */
    public int firSequenceNumber() {
        return Math.max(0, firSequenceNumber);
    }

    /** Requests sent. */
    public long sent() {
        return sent;
    }
}
