package dev.remotemedia.pipeline.data;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** Checks shared by every {@link RuntimeData} kind. */
final class Metadata {
    private Metadata() {}

    static Map<String, String> copy(Map<String, String> metadata) {
        requireNonNull(metadata, "metadata");
        // Map.copyOf rejects null keys and values and returns the same instance when already immutable.
        return Map.copyOf(metadata);
    }
}
