package dev.remotemedia.rtc.media.jitter;

/**
 * What a jitter buffer tells about each packet's fate, for playout statistics, lip sync and the
 * trace evaluation. Every method has a default that does nothing. Called from the thread that
 * drives the buffer, inside {@code insert} or {@code pull}; must not call back into the buffer.
 */
public interface JitterBufferObserver {
    /** The packet with RTP timestamp {@code timestamp} (unwrapped) was decoded for playout at {@code nowNanos}. */
    default void onPlayed(long timestamp, long arrivalNanos, long nowNanos) {}

    /** The packet arrived after its place in the playout had already been concealed: it is dropped. */
    default void onLate(long timestamp, long arrivalNanos) {}

    /** The packet with {@code timestamp} had not arrived when it was needed; its place was concealed (from FEC when {@code fec}). */
    default void onConcealedMissing(long timestamp, long nowNanos, boolean fec) {}
}
