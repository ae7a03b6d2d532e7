package dev.remotemedia.pipeline.node;

/** Creates one node of a type for one session. */
@FunctionalInterface
public interface NodeFactory {

    /**
     * Returns a new node. It should only keep what it is given; resources are acquired in
     * {@link Node#open()}.
     */
    Node create(NodeContext context);
}
