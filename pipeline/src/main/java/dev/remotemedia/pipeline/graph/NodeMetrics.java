package dev.remotemedia.pipeline.graph;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot of one node's counters. {@code queueDepth}/{@code maxQueueDepth} count items waiting
 * for the node ({@code Input}: the session's input queue; {@code Output}: its output queue);
 * {@code dropped} counts items dropped on the way in by the drop-oldest policy.
 */
public record NodeMetrics(String nodeId, String nodeType, long processed, long emitted, long dropped,
                          int queueDepth, int maxQueueDepth, long totalLatencyNanos, long maxLatencyNanos) {

    public NodeMetrics {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(nodeType, "nodeType");
    }

    /** The mean time one call into the node took, in nanoseconds; 0 before the first call. */
    public long meanLatencyNanos() {
        return processed == 0 ? 0 : totalLatencyNanos / processed;
    }

    /** Returns these counters with the queue of the session in front of (or behind) the node. */
    public NodeMetrics withQueue(int queueDepth, int maxQueueDepth, long dropped) {
        return new NodeMetrics(nodeId, nodeType, processed, emitted, dropped, queueDepth, maxQueueDepth,
                               totalLatencyNanos, maxLatencyNanos);
    }
}
