package dev.remotemedia.pipeline.node;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The checked parameters of one node: every declared param, with the manifest's value or the
 * default, in its canonical type. Asking for an undeclared param or with the wrong type is a bug in
 * the node and throws.
 */
public final class NodeParams {
    private static final NodeParams EMPTY = new NodeParams(Map.of());

    private final Map<String, Object> values;

    private NodeParams(Map<String, Object> values) {
        this.values = values;
    }

    /** No params. */
    public static NodeParams empty() {
        return EMPTY;
    }

    /**
     * Resolves {@code given} against {@code specs}: fills in defaults and converts to canonical types.
     *
     * @throws IllegalArgumentException if a value is missing, unknown, of the wrong type or out of
     *                                  range (the manifest validator reports these with their location
     *                                  before a session gets here)
     */
    public static NodeParams resolve(Iterable<ParamSpec> specs, Map<String, ?> given) {
        requireNonNull(given, "given");
        final java.util.LinkedHashMap<String, Object> values = new java.util.LinkedHashMap<>();
        int used = 0;
        for (ParamSpec spec : specs) {
            final Object raw = given.get(spec.name());
            if (raw == null) {
                if (spec.required()) {
                    throw new IllegalArgumentException(spec.name() + ": missing (expected: " + spec.expected() + ')');
                }
                values.put(spec.name(), spec.defaultValue());
                continue;
            }
            used++;
            final Object value = spec.normalize(raw);
            if (value == null) {
                throw new IllegalArgumentException(spec.name() + ": " + raw + " (expected: " + spec.expected() + ')');
            }
            values.put(spec.name(), value);
        }
        if (used != given.size()) {
            throw new IllegalArgumentException("unknown params in " + given.keySet() + " (expected: "
                                               + values.keySet() + ')');
        }
        return new NodeParams(java.util.Collections.unmodifiableMap(values));
    }

    public double getDouble(String name) {
        return get(name, Double.class);
    }

    public long getLong(String name) {
        return get(name, Long.class);
    }

    /** A {@link ParamType#INTEGER} param whose declared range fits in an {@code int}. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public boolean getBoolean(String name) {
        return get(name, Boolean.class);
    }

    /** A {@link ParamType#STRING} or {@link ParamType#CHOICE} param. */
    public String getString(String name) {
        return get(name, String.class);
    }

    /** Every param and its value. */
    public Map<String, Object> asMap() {
        return values;
    }

    private <T> T get(String name, Class<T> type) {
        final Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("param: " + name + " (expected one of: " + values.keySet() + ')');
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("param " + name + ": " + value.getClass().getSimpleName()
                                               + " (expected: " + type.getSimpleName() + ')');
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
