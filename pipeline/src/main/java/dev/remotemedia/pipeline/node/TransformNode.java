package dev.remotemedia.pipeline.node;

import dev.remotemedia.pipeline.data.RuntimeData;

/** A node that turns each input into zero or more outputs (gain, resampling, text transforms). */
public non-sealed interface TransformNode extends Node {

    /** Handles one input; emits what it produces now (possibly nothing, possibly several items). */
    void process(RuntimeData data, Emitter out) throws Exception;

    /** Emits what is still held back (a resampler's tail) once the stream ends. */
    default void flush(Emitter out) throws Exception {}
}
