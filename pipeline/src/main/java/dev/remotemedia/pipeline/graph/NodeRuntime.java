package dev.remotemedia.pipeline.graph;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.Node;

/**
 * One node inside a {@link PipelineGraph}: the node, its inbox, where its outputs go, and its
 * counters. It is the node's {@link Emitter}. Counters are written by the one thread running the
 * graph and read by any thread, hence volatile (single writer, so the increments are safe).
 */
final class NodeRuntime implements Emitter {
    final String id;
    final String type;
    final Node node;
    final Inbox inbox = new Inbox();
    private final boolean output;
    private NodeRuntime[] targets = new NodeRuntime[0];
    private int[] ports = new int[0];
    PipelineGraph graph;

    private volatile long processed;
    private volatile long emitted;
    private volatile long totalLatencyNanos;
    private volatile long maxLatencyNanos;
    private volatile int maxQueueDepth;

    NodeRuntime(String id, String type, Node node, boolean output) {
        this.id = id;
        this.type = type;
        this.node = node;
        this.output = output;
    }

    void connect(NodeRuntime[] targets, int[] ports) {
        this.targets = targets;
        this.ports = ports;
    }

    @Override
    public void emit(RuntimeData data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        if (graph.failure() != null) {
            return; // the step has stopped; what a failed or flooding node still emits goes nowhere
        }
        emitted++;
        if (output) {
            graph.deliver(data);
            return;
        }
        for (int i = 0; i < targets.length; i++) {
            final NodeRuntime t = targets[i];
            if (!t.inbox.add(ports[i], data)) {
                graph.overflow(this, t);
                return;
            }
            final int depth = t.inbox.size();
            if (depth > t.maxQueueDepth) {
                t.maxQueueDepth = depth;
            }
        }
    }

    /** Counts one call that took {@code nanos}. */
    void record(long nanos) {
        processed++;
        addLatency(nanos);
    }

    void addLatency(long nanos) {
        totalLatencyNanos += nanos;
        if (nanos > maxLatencyNanos) {
            maxLatencyNanos = nanos;
        }
    }

    NodeMetrics snapshot() {
        return new NodeMetrics(id, type, processed, emitted, 0, 0, maxQueueDepth, totalLatencyNanos,
                               maxLatencyNanos);
    }
}
