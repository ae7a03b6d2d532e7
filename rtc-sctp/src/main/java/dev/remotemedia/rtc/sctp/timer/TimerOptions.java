package dev.remotemedia.rtc.sctp.timer;

/**
 * How a {@link Timer} behaves: its base duration, how the duration grows each time the timer
 * expires without being restarted, and how many times it re-arms itself.
 *
 * <p>When a running timer expires it counts the expiry and, while that count is at most {@code
 * maxRestarts}, re-arms itself for the backed-off duration before its handler runs. After {@code
 * maxRestarts} expiries in a row it stays stopped, which is how a handler sees that, say, INIT was
 * retransmitted Max.Init.Retransmits times (RFC 9260 §5.1, §15). {@link Timer#start} and {@link
 * Timer#stop} reset the count.
 *
 * @param durationNanos the base duration, {@code 1..}{@link #MAX_DURATION_NANOS}
 * @param backoff how the duration grows with each expiry
 * @param maxBackoffNanos the most an {@link Backoff#EXPONENTIAL} duration grows to; ignored for
 *     {@link Backoff#FIXED}; a backed-off duration is never below the base duration
 * @param maxRestarts how many expiries in a row re-arm the timer, {@code >= 0}; {@link
 *     #UNLIMITED_RESTARTS} for no limit
 */
public record TimerOptions(long durationNanos, Backoff backoff, long maxBackoffNanos, int maxRestarts) {

    /** The longest a timer runs (24 hours, as in dcSCTP): a bound on backed-off durations. */
    public static final long MAX_DURATION_NANOS = 24L * 3600 * 1_000_000_000L;

    /** A {@link #maxRestarts} that never stops re-arming. */
    public static final int UNLIMITED_RESTARTS = Integer.MAX_VALUE;

    /** How the duration grows with each expiry since the last start. */
    public enum Backoff {
        /** Every re-arm uses the base duration. */
        FIXED,
        /** The n-th re-arm uses the base duration times 2^n (RFC 9260 §6.3.3 E2), up to a maximum. */
        EXPONENTIAL
    }

    public TimerOptions {
        checkDuration("durationNanos", durationNanos);
        if (backoff == null) {
            throw new NullPointerException("backoff");
        }
        checkDuration("maxBackoffNanos", maxBackoffNanos);
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts: " + maxRestarts + " (expected: >= 0)");
        }
    }

    /** A timer that fires once per {@link Timer#start} and then stays stopped (delayed SACK). */
    public static TimerOptions oneShot(long durationNanos) {
        return new TimerOptions(durationNanos, Backoff.FIXED, durationNanos, 0);
    }

    /** A timer that keeps firing every {@code durationNanos} until stopped (heartbeat, T3-rtx). */
    public static TimerOptions periodic(long durationNanos) {
        return new TimerOptions(durationNanos, Backoff.FIXED, durationNanos, UNLIMITED_RESTARTS);
    }

    /**
     * A timer that doubles its duration with each expiry, up to {@code maxBackoffNanos}, and gives
     * up after {@code maxRestarts} expiries in a row (T1-init, T1-cookie, T2-shutdown).
     */
    public static TimerOptions exponential(long durationNanos, long maxBackoffNanos, int maxRestarts) {
        return new TimerOptions(durationNanos, Backoff.EXPONENTIAL, maxBackoffNanos, maxRestarts);
    }

    /** Returns the duration to re-arm for after {@code expirations} expiries in a row. */
    long backedOffNanos(long baseNanos, int expirations) {
        if (backoff == Backoff.FIXED) {
            return baseNanos;
        }
        final long cap = Math.max(baseNanos, Math.min(maxBackoffNanos, MAX_DURATION_NANOS));
        long duration = baseNanos;
        for (int i = 0; i < expirations && duration < cap; i++) {
            duration = duration > cap / 2 ? cap : duration * 2;
        }
        return Math.min(duration, cap);
    }

    static long checkDuration(String name, long nanos) {
        if (nanos <= 0 || nanos > MAX_DURATION_NANOS) {
            throw new IllegalArgumentException(
                    name + ": " + nanos + " (expected: 1.." + MAX_DURATION_NANOS + ')');
        }
        return nanos;
    }
}
