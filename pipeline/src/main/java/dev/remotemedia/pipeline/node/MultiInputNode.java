package dev.remotemedia.pipeline.node;

import dev.remotemedia.pipeline.data.RuntimeData;

/**
 * A node with several inputs that tells them apart (a mixer). Inputs are numbered from 0 in the
 * order of the manifest's connections into the node; {@link NodeContext#inputCount()} says how many
 * there are.
 */
public non-sealed interface MultiInputNode extends Node {

    /** Handles one item that arrived on input {@code input}. */
    void process(int input, RuntimeData data, Emitter out) throws Exception;

    /** Emits what is still held back once the stream ends. */
    default void flush(Emitter out) throws Exception {}
}
