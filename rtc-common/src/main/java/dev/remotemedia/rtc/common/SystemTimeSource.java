package dev.remotemedia.rtc.common;

/** The one place outside the I/O modules that reads the JVM's monotonic clock. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public long nowNanos() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "TimeSource.system()";
    }
}
