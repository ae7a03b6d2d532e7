package dev.remotemedia.pipeline.runtime;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.graph.NodeMetrics;
import java.util.List;

/**
 * A snapshot of a session's queues and nodes. The {@code Input} node's queue is the session's input
 * queue and the {@code Output} node's queue its output queue, so their drops show there too.
 */
public record SessionMetrics(String sessionId, long inputsAccepted, long inputsDropped, long outputsQueued,
                             long outputsDropped, int inputQueueDepth, int outputQueueDepth,
                             List<NodeMetrics> nodes) {

    public SessionMetrics {
        requireNonNull(sessionId, "sessionId");
        nodes = List.copyOf(nodes);
    }

    /** The counters of node {@code nodeId}. */
    public NodeMetrics node(String nodeId) {
        for (NodeMetrics n : nodes) {
            if (n.nodeId().equals(nodeId)) {
                return n;
            }
        }
        throw new IllegalArgumentException("nodeId: " + nodeId + " (expected: a node of this session)");
    }
}
