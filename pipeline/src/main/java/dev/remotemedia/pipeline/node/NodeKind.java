package dev.remotemedia.pipeline.node;

/** The kind of a node type, declared by its {@link NodeDescriptor} and checked by the validator. */
public enum NodeKind {
    /** {@link SourceNode}: takes no input. */
    SOURCE(SourceNode.class),
    /** {@link TransformNode}. */
    TRANSFORM(TransformNode.class),
    /** {@link FilterNode}. */
    FILTER(FilterNode.class),
    /** {@link SinkNode}: has no output. */
    SINK(SinkNode.class),
    /** {@link MultiInputNode}: needs at least one input. */
    MULTI_INPUT(MultiInputNode.class);

    private final Class<? extends Node> type;

    NodeKind(Class<? extends Node> type) {
        this.type = type;
    }

    /** The interface nodes of this kind implement. */
    public Class<? extends Node> nodeInterface() {
        return type;
    }

    /** Whether connections may lead into nodes of this kind. */
    public boolean takesInput() {
        return this != SOURCE;
    }

    /** Whether connections may leave nodes of this kind. */
    public boolean hasOutput() {
        return this != SINK;
    }
}
