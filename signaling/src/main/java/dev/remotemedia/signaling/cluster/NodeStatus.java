package dev.remotemedia.signaling.cluster;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A node of the cluster as its last heartbeat described it: when it wrote that, and its counts
 * ({@code peers}, {@code server_peers}, {@code sessions}, …, whatever the node reports).
 */
public record NodeStatus(String node, boolean self, long startedAtMillis, long updatedAtMillis,
                         Map<String, Long> counts) {
    public NodeStatus {
        requireNonNull(node, "node");
        counts = Map.copyOf(counts);
    }
}
