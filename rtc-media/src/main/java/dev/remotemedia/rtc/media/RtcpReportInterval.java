package dev.remotemedia.rtc.media;

import java.util.random.RandomGenerator;

/**
 * When to send the next regular RTCP report: a base interval randomized over [0.5, 1.5] of it, so
 * that reports of many senders do not synchronize (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-6.3.1">RFC 3550 §6.3.1</a>), and half the
 * interval for the first report (§6.3.2). The base is one second, as RFC 8829 implementations use
 * for audio-only sessions at WebRTC's bitrates (well inside RFC 3550's 5 % bandwidth share). The
 * random source is injected so tests are repeatable.
 */
public final class RtcpReportInterval {
    /** The base interval. */
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final long intervalNanos;
    private final RandomGenerator random;
    private long nextNanos = Long.MAX_VALUE;

    public RtcpReportInterval(long intervalNanos, RandomGenerator random) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos: " + intervalNanos + " (expected: > 0)");
        }
        this.intervalNanos = intervalNanos;
        this.random = random;
    }

    /** Starts reporting at {@code nowNanos}: the first report comes after half an interval. */
    public void start(long nowNanos) {
        if (nextNanos == Long.MAX_VALUE) {
            nextNanos = nowNanos + randomized(intervalNanos / 2);
        }
    }

    /** When the next report is due, or {@link Long#MAX_VALUE} before {@link #start}. */
    public long nextDeadlineNanos() {
        return nextNanos;
    }

    /** Whether a report is due at {@code nowNanos}; if so, schedules the one after it. */
    public boolean due(long nowNanos) {
        if (nowNanos < nextNanos) {
            return false;
        }
        nextNanos = nowNanos + randomized(intervalNanos);
        return true;
    }

    private long randomized(long base) {
        return (long) (base * (0.5 + random.nextDouble()));
    }
}
