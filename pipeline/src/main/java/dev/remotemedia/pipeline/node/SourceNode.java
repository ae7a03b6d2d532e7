package dev.remotemedia.pipeline.node;

/**
 * A node that produces data on its own, paced by the session's clock (a tone generator). It has no
 * inputs.
 */
public non-sealed interface SourceNode extends Node {

    /** Returned by {@link #produce} when the source has nothing more to produce. */
    long DONE = Long.MAX_VALUE;

    /**
     * Emits everything due at or before {@code nowUs} (microseconds since the session opened) and
     * returns when the next item is due, in the same time base, or {@link #DONE}.
     */
    long produce(long nowUs, Emitter out) throws Exception;

    /** Emits what is still held back once the session closes. */
    default void flush(Emitter out) throws Exception {}
}
