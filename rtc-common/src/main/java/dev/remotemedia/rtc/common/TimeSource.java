package dev.remotemedia.rtc.common;

/**
 * A monotonic clock in nanoseconds. Protocol cores never read the system clock: they are given a
 * {@code TimeSource} (or a {@code nowNanos} argument), so tests can drive time by hand and jump
 * straight to the next timer instead of sleeping.
 *
 * <p>Values only make sense relative to each other, like {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface TimeSource {

    /** Returns the current time in nanoseconds; never decreases. */
    long nowNanos();

    /** Returns the process's monotonic clock. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
