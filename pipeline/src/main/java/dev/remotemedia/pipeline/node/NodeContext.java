package dev.remotemedia.pipeline.node;

import static java.util.Objects.requireNonNull;

/**
 * What a node is told when it is created: who it is, its parameters (validated, defaults filled in)
 * and how many connections lead into it.
 */
public record NodeContext(String sessionId, String nodeId, String nodeType, NodeParams params, int inputCount) {

    public NodeContext {
        requireNonNull(sessionId, "sessionId");
        requireNonNull(nodeId, "nodeId");
        requireNonNull(nodeType, "nodeType");
        requireNonNull(params, "params");
        if (inputCount < 0) {
            throw new IllegalArgumentException("inputCount: " + inputCount + " (expected: >= 0)");
        }
    }
}
