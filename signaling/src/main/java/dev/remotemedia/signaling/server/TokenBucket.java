package dev.remotemedia.signaling.server;

/**
 * A token bucket (the classic traffic policer): {@code ratePerSecond} tokens accrue up to
 * {@code burst}; each message takes one. Sans-I/O: the caller passes the time. Not thread-safe:
 * one connection's inbound path owns it.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(int ratePerSecond, int burst, long nowNanos) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: > 0)");
        }
        if (burst <= 0) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: > 0)");
        }
        ratePerNano = (double) ratePerSecond / NANOS_PER_SECOND;
        this.burst = burst;
        tokens = burst;
        lastNanos = nowNanos;
    }

    /** Takes {@code count} tokens if there are that many; returns whether it did. */
    boolean tryTake(int count, long nowNanos) {
        final long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
        if (tokens < count) {
            return false;
        }
        tokens -= count;
        return true;
    }
}
