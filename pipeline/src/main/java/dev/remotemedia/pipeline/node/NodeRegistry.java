package dev.remotemedia.pipeline.node;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The node types a runner knows, by {@code node_type} name. {@link #load()} finds every
 * {@link NodeProvider} on the class path, the built-in one included, so a third-party jar adds
 * nodes by being there. Immutable and thread-safe.
 */
public final class NodeRegistry {
    private final Map<String, NodeDescriptor> types;

    private NodeRegistry(Map<String, NodeDescriptor> types) {
        this.types = types;
    }

    /** Every node type of every {@link NodeProvider} visible to this class's class loader. */
    public static NodeRegistry load() {
        return load(NodeRegistry.class.getClassLoader());
    }

    /**
     * Every node type of every {@link NodeProvider} visible to {@code classLoader}.
     *
     * @throws IllegalStateException if two providers declare the same type name
     */
    public static NodeRegistry load(ClassLoader classLoader) {
        requireNonNull(classLoader, "classLoader");
        final List<NodeDescriptor> all = new ArrayList<>();
        for (NodeProvider provider : ServiceLoader.load(NodeProvider.class, classLoader)) {
            all.addAll(provider.nodes());
        }
        return of(all);
    }

    /**
     * A registry of exactly {@code descriptors}.
     *
     * @throws IllegalStateException if two descriptors have the same type name
     */
    public static NodeRegistry of(Collection<NodeDescriptor> descriptors) {
        final TreeMap<String, NodeDescriptor> types = new TreeMap<>();
        for (NodeDescriptor d : descriptors) {
            final NodeDescriptor previous = types.put(d.typeName(), d);
            if (previous != null) {
                throw new IllegalStateException("node type " + d.typeName() + " is declared twice (expected: "
                                                + "one provider per type name)");
            }
        }
        return new NodeRegistry(java.util.Collections.unmodifiableMap(types));
    }

    /** The descriptor of {@code typeName}, or {@code null} if no provider declares it. */
    public @Nullable NodeDescriptor find(String typeName) {
        return types.get(typeName);
    }

    /** Every known type name, sorted. */
    public Set<String> typeNames() {
        return types.keySet();
    }

    @Override
    public String toString() {
        return "NodeRegistry" + types.keySet();
    }
}
