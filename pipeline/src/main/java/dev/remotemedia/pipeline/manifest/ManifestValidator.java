package dev.remotemedia.pipeline.manifest;

import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeKind;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.pipeline.node.ParamSpec;
import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a manifest against the node registry and reports every problem at once, in the order they
 * appear: per node (id, type, params), per connection (dangling, self, duplicate, into a source, out
 * of a sink), then the graph (exactly one Input and one Output, inputs of multi-input nodes, cycles).
 */
final class ManifestValidator {

    /** A node as read, with {@code null} for what could not be read (already reported). */
    record RawNode(int index, @Nullable String id, @Nullable String type, Map<String, Object> params) {}

    /** A connection as read, with {@code null} for what could not be read (already reported). */
    record RawConnection(int index, @Nullable String from, @Nullable String to) {}

    private final NodeRegistry registry;
    private final List<ManifestProblem> problems;

    private ManifestValidator(NodeRegistry registry, List<ManifestProblem> problems) {
        this.registry = registry;
        this.problems = problems;
    }

    /** Checks a manifest built in code. */
    static List<ManifestProblem> validate(Manifest manifest, NodeRegistry registry) {
        final List<ManifestProblem> problems = new ArrayList<>();
        if (!Manifest.VERSION.equals(manifest.version())) {
            problems.add(new ManifestProblem("version", quote(manifest.version()) + " (expected: v1)"));
        }
        final List<RawNode> nodes = new ArrayList<>();
        for (int i = 0; i < manifest.nodes().size(); i++) {
            final NodeSpec n = manifest.nodes().get(i);
            nodes.add(new RawNode(i, n.id(), n.nodeType(), n.params()));
        }
        final List<RawConnection> connections = new ArrayList<>();
        for (int i = 0; i < manifest.connections().size(); i++) {
            final ConnectionSpec c = manifest.connections().get(i);
            connections.add(new RawConnection(i, c.from(), c.to()));
        }
        validate(nodes, connections, registry, problems);
        return problems;
    }

    /** Appends to {@code problems} everything wrong with the nodes and connections as read. */
    static void validate(List<RawNode> nodes, List<RawConnection> connections, NodeRegistry registry,
                         List<ManifestProblem> problems) {
        new ManifestValidator(registry, problems).check(nodes, connections);
    }

    private void check(List<RawNode> nodes, List<RawConnection> connections) {
        // id -> node, for the nodes whose id could be read (the first of duplicates wins).
        final Map<String, RawNode> byId = new HashMap<>();
        final Map<String, NodeDescriptor> descriptors = new HashMap<>();
        for (RawNode node : nodes) {
            final String at = "nodes[" + node.index() + ']';
            if (node.id() != null) {
                if (!ManifestReader.isValidId(node.id())) {
                    problems.add(new ManifestProblem(at + ".id", quote(node.id()) + " (expected: "
                                                                 + ManifestReader.ID_RULE + ')'));
                }
                final RawNode first = byId.putIfAbsent(node.id(), node);
                if (first != null) {
                    problems.add(new ManifestProblem(at + ".id", quote(node.id()) + " is already the id of nodes["
                                                                 + first.index() + ']'));
                }
            }
            if (node.type() == null) {
                continue;
            }
            final NodeDescriptor d = registry.find(node.type());
            if (d == null) {
                problems.add(new ManifestProblem(at + ".node_type", quote(node.type())
                                                 + " (expected: a known node type, one of "
                                                 + String.join(", ", registry.typeNames()) + ')'));
                continue;
            }
            if (node.id() != null && byId.get(node.id()) == node) {
                descriptors.put(node.id(), d);
            }
            checkParams(at, d, node.params());
        }
        final List<RawConnection> edges = checkConnections(connections, byId, descriptors);
        checkEndpoints(nodes);
        checkInputsOfMultiInputNodes(nodes, edges, descriptors);
        checkCycles(nodes, edges, byId);
    }

    private void checkParams(String at, NodeDescriptor d, Map<String, Object> params) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            final String where = at + ".params." + e.getKey();
            final ParamSpec spec = d.param(e.getKey());
            if (spec == null) {
                final List<String> names = new ArrayList<>();
                d.params().forEach(p -> names.add(p.name()));
                problems.add(new ManifestProblem(where, "unknown param (expected: "
                                                        + (names.isEmpty() ? d.typeName() + " takes no params"
                                                                           : "one of " + String.join(", ", names))
                                                        + ')'));
            } else if (spec.normalize(e.getValue()) == null) {
                problems.add(new ManifestProblem(where, render(e.getValue()) + " (expected: " + spec.expected() + ')'));
            }
        }
        for (ParamSpec spec : d.params()) {
            if (spec.required() && !params.containsKey(spec.name())) {
                problems.add(new ManifestProblem(at + ".params." + spec.name(),
                                                 "missing (expected: " + spec.expected() + ')'));
            }
        }
    }

    /** Returns the connections between known nodes that are not self-loops or duplicates. */
    private List<RawConnection> checkConnections(List<RawConnection> connections, Map<String, RawNode> byId,
                                                 Map<String, NodeDescriptor> descriptors) {
        final List<RawConnection> edges = new ArrayList<>();
        final Map<String, RawConnection> seen = new HashMap<>();
        for (RawConnection c : connections) {
            final String at = "connections[" + c.index() + ']';
            boolean ok = c.from() != null && c.to() != null;
            if (c.from() != null && !byId.containsKey(c.from())) {
                problems.add(new ManifestProblem(at + ".from", quote(c.from()) + " (expected: the id of a node)"));
                ok = false;
            }
            if (c.to() != null && !byId.containsKey(c.to())) {
                problems.add(new ManifestProblem(at + ".to", quote(c.to()) + " (expected: the id of a node)"));
                ok = false;
            }
            if (!ok) {
                continue;
            }
            if (c.from().equals(c.to())) {
                problems.add(new ManifestProblem(at, quote(c.from()) + " is connected to itself"));
                continue;
            }
            final RawConnection first = seen.putIfAbsent(c.from() + '\0' + c.to(), c);
            if (first != null) {
                problems.add(new ManifestProblem(at, "duplicate of connections[" + first.index() + "] ("
                                                     + c.from() + " -> " + c.to() + ')'));
                continue;
            }
            final NodeDescriptor from = descriptors.get(c.from());
            final NodeDescriptor to = descriptors.get(c.to());
            boolean kindsOk = true;
            if (from != null && (!from.kind().hasOutput() || Manifest.OUTPUT.equals(from.typeName()))) {
                problems.add(new ManifestProblem(at + ".from", quote(c.from()) + " (" + from.typeName()
                                                               + ") has no output"));
                kindsOk = false;
            }
            if (to != null && (!to.kind().takesInput() || Manifest.INPUT.equals(to.typeName()))) {
                problems.add(new ManifestProblem(at + ".to", quote(c.to()) + " (" + to.typeName()
                                                             + ") takes no input"));
                kindsOk = false;
            }
            if (kindsOk) {
                edges.add(c);
            }
        }
        return edges;
    }

    private void checkEndpoints(List<RawNode> nodes) {
        for (String endpoint : List.of(Manifest.INPUT, Manifest.OUTPUT)) {
            RawNode first = null;
            for (RawNode node : nodes) {
                if (!endpoint.equals(node.type()) || registry.find(endpoint) == null) {
                    continue;
                }
                if (first == null) {
                    first = node;
                } else {
                    problems.add(new ManifestProblem("nodes[" + node.index() + "].node_type",
                                                     "a second " + endpoint + " node (expected: exactly one; the "
                                                     + "first is nodes[" + first.index() + "])"));
                }
            }
            if (first == null) {
                problems.add(new ManifestProblem("nodes", "no " + endpoint + " node (expected: exactly one)"));
            }
        }
    }

    private void checkInputsOfMultiInputNodes(List<RawNode> nodes, List<RawConnection> edges,
                                              Map<String, NodeDescriptor> descriptors) {
        for (RawNode node : nodes) {
            final NodeDescriptor d = node.id() == null ? null : descriptors.get(node.id());
            if (d == null || d.kind() != NodeKind.MULTI_INPUT) {
                continue;
            }
            if (edges.stream().noneMatch(e -> e.to().equals(node.id()))) {
                problems.add(new ManifestProblem("nodes[" + node.index() + ']', quote(node.id()) + " ("
                                                 + d.typeName() + ") has no input (expected: at least one "
                                                 + "connection into it)"));
            }
        }
    }

    /** Reports each strongly connected component of more than one node (Tarjan's algorithm) once. */
    private void checkCycles(List<RawNode> nodes, List<RawConnection> edges, Map<String, RawNode> byId) {
        final List<RawNode> unique = new ArrayList<>();
        final Map<String, Integer> position = new HashMap<>();
        for (RawNode n : nodes) {
            if (n.id() != null && byId.get(n.id()) == n) {
                position.put(n.id(), unique.size());
                unique.add(n);
            }
        }
        final List<List<Integer>> out = new ArrayList<>();
        unique.forEach(n -> out.add(new ArrayList<>()));
        for (RawConnection e : edges) {
            out.get(position.get(e.from())).add(position.get(e.to()));
        }
        final List<List<Integer>> components = StronglyConnected.components(out);
        components.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        for (List<Integer> component : components) {
            final List<String> ids = new ArrayList<>();
            component.forEach(i -> ids.add(unique.get(i).id()));
            problems.add(new ManifestProblem("connections", "cycle through " + String.join(", ", ids)
                                                            + " (expected: no cycles)"));
        }
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A param value as a user wrote it. */
    static String render(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return quote((String) value);
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return value.toString();
    }
}
