package dev.remotemedia.pipeline.node;

import java.util.List;

/**
 * The service a jar implements to add node types, found with {@link java.util.ServiceLoader}: list
 * the implementation in {@code META-INF/services/dev.remotemedia.pipeline.node.NodeProvider}. The
 * built-in nodes are registered the same way.
 */
public interface NodeProvider {

    /** The node types this provider adds. */
    List<NodeDescriptor> nodes();
}
