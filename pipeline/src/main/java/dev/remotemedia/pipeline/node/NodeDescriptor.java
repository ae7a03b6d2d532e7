package dev.remotemedia.pipeline.node;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Declares a node type: its name in manifests ({@code node_type}), its {@link NodeKind}, its params
 * and how to create it. Made with {@link #builder(String, NodeKind)}.
 */
public final class NodeDescriptor {
    private final String typeName;
    private final NodeKind kind;
    private final String description;
    private final List<ParamSpec> params;
    private final NodeFactory factory;

    private NodeDescriptor(Builder b) {
        typeName = b.typeName;
        kind = b.kind;
        description = b.description;
        params = List.copyOf(b.params);
        factory = requireNonNull(b.factory, "factory");
    }

    /** Starts a descriptor of the type named {@code typeName} (letters and digits, e.g. {@code Gain}). */
    public static Builder builder(String typeName, NodeKind kind) {
        return new Builder(typeName, kind);
    }

    public String typeName() {
        return typeName;
    }

    public NodeKind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    /** The declared params, in declaration order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** The declared param named {@code name}, or {@code null}. */
    public @Nullable ParamSpec param(String name) {
        for (ParamSpec p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Creates a node for {@code context}.
     *
     * @throws IllegalStateException if the factory returns a node of another kind than declared
     */
    public Node create(NodeContext context) {
        final Node node = requireNonNull(factory.create(context), "factory returned null");
        if (!kind.nodeInterface().isInstance(node)) {
            throw new IllegalStateException(typeName + " is declared " + kind + " but its factory made a "
                                            + node.getClass().getName());
        }
        return node;
    }

    @Override
    public String toString() {
        return typeName + " (" + kind + ')';
    }

    /** Builds a {@link NodeDescriptor}. */
    public static final class Builder {
        private final String typeName;
        private final NodeKind kind;
        private String description = "";
        private final List<ParamSpec> params = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private @Nullable NodeFactory factory;

        private Builder(String typeName, NodeKind kind) {
            this.typeName = requireNonNull(typeName, "typeName");
            if (!typeName.matches("[A-Za-z][A-Za-z0-9_.]{0,63}")) {
                throw new IllegalArgumentException("typeName: " + typeName
                                                   + " (expected: a letter, then letters, digits, '_' or '.')");
            }
            this.kind = requireNonNull(kind, "kind");
        }

        /** One line saying what the node does. */
        public Builder description(String description) {
            this.description = requireNonNull(description, "description");
            return this;
        }

        /** Declares a param. */
        public Builder param(ParamSpec param) {
            requireNonNull(param, "param");
            if (!names.add(param.name())) {
                throw new IllegalArgumentException("param: " + param.name() + " is declared twice in " + typeName);
            }
            params.add(param);
            return this;
        }

        public Builder factory(NodeFactory factory) {
            this.factory = requireNonNull(factory, "factory");
            return this;
        }

        public NodeDescriptor build() {
            return new NodeDescriptor(this);
        }
    }
}
