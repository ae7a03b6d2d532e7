package dev.remotemedia.pipeline.node;

import dev.remotemedia.pipeline.data.RuntimeData;

/** A node at the end of a branch: it consumes its inputs (a recorder) and emits nothing. */
public non-sealed interface SinkNode extends Node {

    /** Consumes one input. */
    void consume(RuntimeData data) throws Exception;

    /** Completes what was consumed (writes a file's trailer) once the stream ends. */
    default void flush() throws Exception {}
}
