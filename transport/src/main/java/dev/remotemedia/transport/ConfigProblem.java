package dev.remotemedia.transport;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a configuration: which key, the value it had (credentials masked), and what
 * was expected. {@link #toString()} is the line a user sees.
 */
public record ConfigProblem(ConfigKey key, String value, String expected) {

    public ConfigProblem {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        requireNonNull(expected, "expected");
    }

    @Override
    public String toString() {
        return key.envVar() + " (" + key.flag() + "): '" + value + "' (expected: " + expected + ')';
    }
}
