package dev.remotemedia.pipeline.node;

/**
 * A processing step of a pipeline. A node is one of a few kinds, each with one method to implement:
 * {@link SourceNode} (produces data on its own), {@link TransformNode} (turns each input into zero or
 * more outputs), {@link FilterNode} (passes or drops each input unchanged), {@link SinkNode}
 * (consumes, emits nothing) and {@link MultiInputNode} (a transform that knows which input each item
 * came from).
 *
 * <p>Lifecycle: the session creates the node from its {@link NodeDescriptor}, calls {@link #open()}
 * once, then the kind's processing method for each item, then {@code flush} once when the stream
 * ends, then {@link #close()} (also after a failure, so resources are always released).
 *
 * <p>A session drives its nodes from one thread at a time, never concurrently, so a node needs no
 * locks. A node may throw from any method: the session reports a {@code NodeFailed} event and closes
 * cleanly; the server keeps running.
 */
public sealed interface Node permits SourceNode, TransformNode, FilterNode, SinkNode, MultiInputNode {

    /** Acquires what the node needs (files, models). Called once, before any data. */
    default void open() throws Exception {}

    /** Releases what {@link #open()} acquired. Called once, last, even after a failure. */
    default void close() throws Exception {}
}
