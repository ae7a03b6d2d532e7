package dev.remotemedia.pipeline.node;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * One declared parameter of a node type: its name, type, default (none when required), range for
 * numbers, choices for {@link ParamType#CHOICE}. The manifest validator checks every param against
 * these declarations and {@link NodeParams} hands nodes the checked values.
 */
public final class ParamSpec {
    private final String name;
    private final ParamType type;
    private final @Nullable Object defaultValue;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final String description;

    private ParamSpec(String name, ParamType type, @Nullable Object defaultValue, double min, double max,
                      List<String> choices, String description) {
        this.name = requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("name: " + name + " (expected: snake_case)");
        }
        this.type = type;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.description = requireNonNull(description, "description");
        if (min > max) {
            throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
        }
        if (defaultValue != null) {
            final Object normalized = normalize(defaultValue);
            if (normalized == null) {
                throw new IllegalArgumentException(name + ": default " + defaultValue + " (expected: " + expected()
                                                   + ')');
            }
            this.defaultValue = normalized;
        } else {
            this.defaultValue = null;
        }
    }

    /** A number in {@code [min, max]}. */
    public static ParamSpec number(String name, @Nullable Double defaultValue, double min, double max,
                                   String description) {
        return new ParamSpec(name, ParamType.NUMBER, defaultValue, min, max, List.of(), description);
    }

    /** A whole number in {@code [min, max]}. */
    public static ParamSpec integer(String name, @Nullable Long defaultValue, long min, long max,
                                    String description) {
        return new ParamSpec(name, ParamType.INTEGER, defaultValue, min, max, List.of(), description);
    }

    /** {@code true} or {@code false}. */
    public static ParamSpec bool(String name, @Nullable Boolean defaultValue, String description) {
        return new ParamSpec(name, ParamType.BOOLEAN, defaultValue, 0, 0, List.of(), description);
    }

    /** Any string. */
    public static ParamSpec string(String name, @Nullable String defaultValue, String description) {
        return new ParamSpec(name, ParamType.STRING, defaultValue, 0, 0, List.of(), description);
    }

    /** One of {@code choices}. */
    public static ParamSpec choice(String name, @Nullable String defaultValue, List<String> choices,
                                   String description) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": choices is empty (expected: at least one)");
        }
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, 0, 0, choices, description);
    }

    public String name() {
        return name;
    }

    public ParamType type() {
        return type;
    }

    /** The value used when a manifest leaves the param out; {@code null} when the param is required. */
    public @Nullable Object defaultValue() {
        return defaultValue;
    }

    /** Whether a manifest must give this param. */
    public boolean required() {
        return defaultValue == null;
    }

    /** The smallest value allowed, for {@link ParamType#NUMBER} and {@link ParamType#INTEGER}. */
    public double min() {
        return min;
    }

    /** The largest value allowed, for {@link ParamType#NUMBER} and {@link ParamType#INTEGER}. */
    public double max() {
        return max;
    }

    /** The allowed values of a {@link ParamType#CHOICE}; empty otherwise. */
    public List<String> choices() {
        return choices;
    }

    public String description() {
        return description;
    }

    /**
     * Returns {@code value} in this param's canonical Java type ({@code Long}, {@code Double},
     * {@code Boolean}, {@code String}), or {@code null} if it has the wrong type or is out of range.
     */
    public @Nullable Object normalize(@Nullable Object value) {
        switch (type) {
            case BOOLEAN:
                return value instanceof Boolean ? value : null;
            case STRING:
                return value instanceof String ? value : null;
            case CHOICE:
                return value instanceof String && choices.contains(value) ? value : null;
            case INTEGER: {
                if (!(value instanceof Number)) {
                    return null;
                }
                final double d = ((Number) value).doubleValue();
                if (d != Math.rint(d) || d < min || d > max) {
                    return null;
                }
                return ((Number) value).longValue();
            }
            case NUMBER: {
                if (!(value instanceof Number)) {
                    return null;
                }
                final double d = ((Number) value).doubleValue();
                return Double.isFinite(d) && d >= min && d <= max ? d : null;
            }
            default:
                throw new AssertionError(type);
        }
    }

    /** What a valid value looks like, in words: {@code a number in [0.0, 1.0]}. */
    public String expected() {
        switch (type) {
            case BOOLEAN:
                return "true or false";
            case STRING:
                return "a string";
            case CHOICE:
                return "one of " + String.join(", ", choices);
            case INTEGER:
                return "an integer in [" + (long) min + ", " + (long) max + ']';
            case NUMBER:
                return "a number in [" + min + ", " + max + ']';
            default:
                throw new AssertionError(type);
        }
    }

    @Override
    public String toString() {
        return name + ": " + expected() + (defaultValue == null ? ", required" : ", default " + defaultValue);
    }
}
