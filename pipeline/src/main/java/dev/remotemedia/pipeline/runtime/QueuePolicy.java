package dev.remotemedia.pipeline.runtime;

/** What a session does when one of its bounded queues is full. */
public enum QueuePolicy {
    /**
     * Nothing is lost: {@code sendInput} waits for room, and the session stops taking inputs while
     * its output queue is full, so a slow reader slows the sender.
     */
    BLOCK,
    /**
     * Nothing waits: the oldest queued item is dropped to make room and counted
     * ({@link SessionMetrics#inputsDropped()}, {@link SessionMetrics#outputsDropped()}). For real-time
     * audio, where late data is worse than lost data.
     */
    DROP_OLDEST
}
