package dev.remotemedia.pipeline.manifest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline: its nodes and the connections between them (DESIGN.md §5.4). A manifest is only a
 * description; {@link ManifestLoader} reads one from YAML or JSON and checks it, and a runner checks
 * it again before it builds a session from it. Immutable.
 */
public record Manifest(String version, Map<String, String> metadata, List<NodeSpec> nodes,
                       List<ConnectionSpec> connections) {

    /** The only manifest version there is. */
    public static final String VERSION = "v1";
    /** The node type where a session's inputs enter; every manifest has exactly one. */
    public static final String INPUT = "Input";
    /** The node type whose inputs are the session's outputs; every manifest has exactly one. */
    public static final String OUTPUT = "Output";

    public Manifest {
        requireNonNull(version, "version");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata"));
        nodes = List.copyOf(nodes);
        connections = List.copyOf(connections);
    }

    /** {@code metadata.name}, or {@code ""}. */
    public String name() {
        return metadata.getOrDefault("name", "");
    }

    /** Starts a manifest in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Manifest} in code; nothing is checked until it is validated. */
    public static final class Builder {
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<NodeSpec> nodes = new ArrayList<>();
        private final List<ConnectionSpec> connections = new ArrayList<>();

        private Builder() {}

        /** Sets {@code metadata.name}. */
        public Builder name(String name) {
            metadata.put("name", requireNonNull(name, "name"));
            return this;
        }

        /** Adds a node with no params. */
        public Builder node(String id, String nodeType) {
            return node(id, nodeType, Map.of());
        }

        /** Adds a node. */
        public Builder node(String id, String nodeType, Map<String, ?> params) {
            nodes.add(new NodeSpec(id, nodeType, new LinkedHashMap<>(params)));
            return this;
        }

        /** Adds a connection from {@code from} to {@code to}. */
        public Builder connect(String from, String to) {
            connections.add(new ConnectionSpec(from, to));
            return this;
        }

        /** Connects each id to the next: {@code chain("input", "gain", "output")}. */
        public Builder chain(String... ids) {
            for (int i = 1; i < ids.length; i++) {
                connect(ids[i - 1], ids[i]);
            }
            return this;
        }

        public Manifest build() {
            return new Manifest(VERSION, metadata, nodes, connections);
        }
    }
}
