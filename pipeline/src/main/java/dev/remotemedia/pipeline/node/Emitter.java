package dev.remotemedia.pipeline.node;

import dev.remotemedia.pipeline.data.RuntimeData;

/**
 * Where a node puts its outputs. Items emitted during one call reach every downstream node in the
 * order emitted. Valid only during the call it was given to.
 */
@FunctionalInterface
public interface Emitter {

    /** Sends {@code data} downstream. */
    void emit(RuntimeData data);
}
