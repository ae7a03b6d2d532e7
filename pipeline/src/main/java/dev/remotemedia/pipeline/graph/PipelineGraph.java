package dev.remotemedia.pipeline.graph;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.manifest.ConnectionSpec;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.manifest.NodeSpec;
import dev.remotemedia.pipeline.node.FilterNode;
import dev.remotemedia.pipeline.node.MultiInputNode;
import dev.remotemedia.pipeline.node.Node;
import dev.remotemedia.pipeline.node.NodeContext;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeParams;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.pipeline.node.SinkNode;
import dev.remotemedia.pipeline.node.SourceNode;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The nodes of one session, wired as its manifest says, run on the caller's thread. Sans-I/O: no
 * threads, no queues between threads, time only from the given {@link TimeSource} (for latency
 * figures). Not thread-safe: one caller at a time (a session's actor, or {@code executeUnary}).
 *
 * <p>Nodes are kept in topological order and every connection points forward, so one pass over
 * the nodes delivers everything an input causes: each node's inbox is drained in arrival order
 * before the next node runs, which keeps the order of items on every connection. Nothing recurses,
 * so a long chain cannot overflow the stack.
 *
 * <p>A node that throws ends the graph's usefulness: the step stops, the failure is returned, and
 * the caller closes the graph (which closes every node).
 */
public final class PipelineGraph {
    private final NodeRuntime[] nodes;
    private final int inputIndex;
    private final TimeSource clock;
    private final long[] sourceDeadlines;
    private @Nullable Consumer<RuntimeData> output;
    private @Nullable NodeFailure failure;
    private boolean closed;

    private PipelineGraph(NodeRuntime[] nodes, int inputIndex, TimeSource clock) {
        this.nodes = nodes;
        this.inputIndex = inputIndex;
        this.clock = clock;
        sourceDeadlines = new long[nodes.length];
        for (NodeRuntime n : nodes) {
            n.graph = this;
        }
    }

    /**
     * Creates and opens the nodes of {@code manifest}, which must be valid for {@code registry}.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_CONFIG}) naming the node if one cannot be
     *                              created or opened; the nodes opened so far are closed again
     */
    public static PipelineGraph open(Manifest manifest, NodeRegistry registry, String sessionId, TimeSource clock) {
        requireNonNull(manifest, "manifest");
        requireNonNull(registry, "registry");
        requireNonNull(sessionId, "sessionId");
        requireNonNull(clock, "clock");
        final List<NodeSpec> specs = topologicalOrder(manifest);
        final Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            index.put(specs.get(i).id(), i);
        }
        final int[] inputCounts = new int[specs.size()];
        final List<List<int[]>> edges = new ArrayList<>();
        specs.forEach(s -> edges.add(new ArrayList<>()));
        for (ConnectionSpec c : manifest.connections()) {
            final int to = index.get(c.to());
            edges.get(index.get(c.from())).add(new int[] {to, inputCounts[to]++});
        }
        final NodeRuntime[] nodes = new NodeRuntime[specs.size()];
        int inputIndex = -1;
        for (int i = 0; i < specs.size(); i++) {
            final NodeSpec spec = specs.get(i);
            final NodeDescriptor d = registry.find(spec.nodeType());
            if (d == null) {
                closeOpened(nodes, i);
                throw new IllegalArgumentException("node_type: " + spec.nodeType() + " (expected: a known type; "
                                                   + "validate the manifest first)");
            }
            final Node node;
            try {
                node = d.create(new NodeContext(sessionId, spec.id(), d.typeName(),
                                                NodeParams.resolve(d.params(), spec.params()), inputCounts[i]));
                nodes[i] = new NodeRuntime(spec.id(), d.typeName(), node, Manifest.OUTPUT.equals(d.typeName()));
                node.open();
            } catch (Throwable t) {
                final NodeFailure f = NodeFailure.of(spec.id(), d.typeName(), "open", t);
                closeOpened(nodes, nodes[i] == null ? i : i + 1);
                throw new RemoteMediaException(ErrorCode.INVALID_CONFIG, f.message(), t);
            }
            if (Manifest.INPUT.equals(d.typeName())) {
                inputIndex = i;
            }
        }
        for (int i = 0; i < nodes.length; i++) {
            final List<int[]> out = edges.get(i);
            final NodeRuntime[] targets = new NodeRuntime[out.size()];
            final int[] ports = new int[out.size()];
            for (int e = 0; e < out.size(); e++) {
                targets[e] = nodes[out.get(e)[0]];
                ports[e] = out.get(e)[1];
            }
            nodes[i].connect(targets, ports);
        }
        if (inputIndex < 0) {
            closeOpened(nodes, nodes.length);
            throw new IllegalArgumentException("manifest has no Input node (validate the manifest first)");
        }
        return new PipelineGraph(nodes, inputIndex, clock);
    }

    /** Whether some node is a {@link SourceNode}, which then needs {@link #produce} calls. */
    public boolean hasSources() {
        for (NodeRuntime n : nodes) {
            if (n.node instanceof SourceNode) {
                return true;
            }
        }
        return false;
    }

    /**
     * Feeds {@code data} into the Input node and runs the graph until everything it causes has
     * reached the Output (handed to {@code out}) or stopped somewhere.
     *
     * @return the failure of a node that threw, or {@code null}
     */
    public @Nullable NodeFailure push(RuntimeData data, Consumer<RuntimeData> out) {
        requireNonNull(data, "data");
        checkUsable();
        if (!nodes[inputIndex].inbox.add(0, data)) {
            return fail(NodeFailure.of(nodes[inputIndex].id, nodes[inputIndex].type, "process",
                                       new IllegalStateException("inbox full")));
        }
        return run(inputIndex, out);
    }

    /**
     * Asks every source for what is due at {@code nowUs} (microseconds since the session opened) and
     * runs the graph.
     *
     * @return the failure of a node that threw, or {@code null}
     */
    public @Nullable NodeFailure produce(long nowUs, Consumer<RuntimeData> out) {
        checkUsable();
        output = out;
        try {
            for (int i = 0; i < nodes.length; i++) {
                final NodeRuntime n = nodes[i];
                if (n.node instanceof SourceNode && sourceDeadlines[i] <= nowUs) {
                    final long start = clock.nowNanos();
                    try {
                        sourceDeadlines[i] = ((SourceNode) n.node).produce(nowUs, n);
                    } catch (Throwable t) {
                        return fail(NodeFailure.of(n.id, n.type, "produce", t));
                    }
                    n.record(clock.nowNanos() - start);
                    if (failure != null) {
                        return failure;
                    }
                }
            }
        } finally {
            output = null;
        }
        return run(0, out);
    }

    /** When the next source is due, in the time base of {@link #produce}; {@link SourceNode#DONE} if none. */
    public long nextSourceDeadlineUs() {
        long next = SourceNode.DONE;
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i].node instanceof SourceNode) {
                next = Math.min(next, sourceDeadlines[i]);
            }
        }
        return next;
    }

    /**
     * Ends the stream: flushes every node in order, so what one flush emits is processed and flushed
     * by the nodes after it.
     *
     * @return the failure of a node that threw, or {@code null}
     */
    public @Nullable NodeFailure flush(Consumer<RuntimeData> out) {
        checkUsable();
        output = out;
        try {
            for (int i = 0; i < nodes.length; i++) {
                final NodeFailure f = drain(nodes[i]);
                if (f != null) {
                    return f;
                }
                final NodeRuntime n = nodes[i];
                final long start = clock.nowNanos();
                try {
                    if (n.node instanceof TransformNode) {
                        ((TransformNode) n.node).flush(n);
                    } else if (n.node instanceof MultiInputNode) {
                        ((MultiInputNode) n.node).flush(n);
                    } else if (n.node instanceof SourceNode) {
                        ((SourceNode) n.node).flush(n);
                    } else if (n.node instanceof SinkNode) {
                        ((SinkNode) n.node).flush();
                    }
                } catch (Throwable t) {
                    return fail(NodeFailure.of(n.id, n.type, "flush", t));
                }
                n.addLatency(clock.nowNanos() - start);
                if (failure != null) {
                    return failure;
                }
            }
            return null;
        } finally {
            output = null;
        }
    }

    /**
     * Closes every node, even after a failure, and drops what waits in inboxes. Idempotent.
     *
     * @return the failures of nodes whose {@code close} threw
     */
    public List<NodeFailure> close() {
        if (closed) {
            return List.of();
        }
        closed = true;
        final List<NodeFailure> failures = new ArrayList<>();
        for (NodeRuntime n : nodes) {
            n.inbox.clear();
            try {
                n.node.close();
            } catch (Throwable t) {
                failures.add(NodeFailure.of(n.id, n.type, "close", t));
            }
        }
        return failures;
    }

    /** The counters of every node, in topological order. Safe to call from any thread. */
    public List<NodeMetrics> metrics() {
        final List<NodeMetrics> list = new ArrayList<>(nodes.length);
        for (NodeRuntime n : nodes) {
            list.add(n.snapshot());
        }
        return list;
    }

    /** The failure that stopped the graph, or {@code null}. */
    public @Nullable NodeFailure failure() {
        return failure;
    }

    private @Nullable NodeFailure run(int from, Consumer<RuntimeData> out) {
        output = out;
        try {
            for (int i = from; i < nodes.length; i++) {
                final NodeFailure f = drain(nodes[i]);
                if (f != null) {
                    return f;
                }
            }
            return null;
        } finally {
            output = null;
        }
    }

    private @Nullable NodeFailure drain(NodeRuntime n) {
        long start = clock.nowNanos();
        while (!n.inbox.isEmpty()) {
            final int port = n.inbox.peekPort();
            final RuntimeData data = n.inbox.poll();
            try {
                final Node node = n.node;
                if (node instanceof TransformNode) {
                    ((TransformNode) node).process(data, n);
                } else if (node instanceof FilterNode) {
                    if (((FilterNode) node).accept(data)) {
                        n.emit(data);
                    }
                } else if (node instanceof SinkNode) {
                    ((SinkNode) node).consume(data);
                } else if (node instanceof MultiInputNode) {
                    ((MultiInputNode) node).process(port, data, n);
                } else {
                    throw new IllegalStateException("a source received data");
                }
            } catch (Throwable t) {
                return fail(NodeFailure.of(n.id, n.type, "process", t));
            }
            final long end = clock.nowNanos();
            n.record(end - start);
            start = end;
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private NodeFailure fail(NodeFailure f) {
        if (failure == null) {
            failure = f;
        }
        for (NodeRuntime n : nodes) {
            n.inbox.clear();
        }
        return failure;
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("graph closed");
        }
        if (failure != null) {
            throw new IllegalStateException("graph failed: " + failure.message());
        }
    }

    /** Called by a node's emitter when a downstream inbox overflows. */
    void overflow(NodeRuntime from, NodeRuntime to) {
        fail(NodeFailure.of(from.id, from.type, "process", new IllegalStateException(
                "more than " + Inbox.MAX_ITEMS + " items wait for node \"" + to.id + "\" (expected: fewer outputs "
                + "per input)")));
    }

    /** Called by the Output node's emitter. */
    void deliver(RuntimeData data) {
        final Consumer<RuntimeData> out = output;
        if (out != null) {
            out.accept(data);
        }
    }

    private static void closeOpened(NodeRuntime[] nodes, int count) {
        for (int i = 0; i < count; i++) {
            if (nodes[i] != null) {
                try {
                    nodes[i].node.close();
                } catch (Throwable ignored) {
                    // The open failure is what the caller reports; a second error would only hide it.
                }
            }
        }
    }

    /** Kahn's algorithm; ties keep manifest order, so the order is stable. */
    private static List<NodeSpec> topologicalOrder(Manifest manifest) {
        final List<NodeSpec> specs = manifest.nodes();
        final Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            position.put(specs.get(i).id(), i);
        }
        final int[] indegree = new int[specs.size()];
        final List<List<Integer>> out = new ArrayList<>();
        specs.forEach(s -> out.add(new ArrayList<>()));
        for (ConnectionSpec c : manifest.connections()) {
            final Integer from = position.get(c.from());
            final Integer to = position.get(c.to());
            if (from == null || to == null) {
                throw new IllegalArgumentException("connection " + c + ": unknown node (validate the manifest first)");
            }
            out.get(from).add(to);
            indegree[to]++;
        }
        final java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < indegree.length; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        final List<NodeSpec> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            final int i = ready.poll();
            order.add(specs.get(i));
            for (int j : out.get(i)) {
                if (--indegree[j] == 0) {
                    ready.add(j);
                }
            }
        }
        if (order.size() != specs.size()) {
            throw new IllegalArgumentException("manifest has a cycle (validate the manifest first)");
        }
        return order;
    }
}
