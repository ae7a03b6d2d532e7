package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;

/** Emits every input unchanged (the same instance). Also what {@code Input} and {@code Output} are. */
final class PassthroughNode implements TransformNode {
    static final PassthroughNode INSTANCE = new PassthroughNode();

    private PassthroughNode() {}

    @Override
    public void process(RuntimeData data, Emitter out) {
        out.emit(data);
    }
}
