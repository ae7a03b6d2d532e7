package dev.remotemedia.pipeline.manifest;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One entry of a manifest's {@code nodes}: {@code id}, {@code node_type} and {@code params}. Param
 * values are {@code Boolean}, {@code Long}, {@code Double} or {@code String} (or a {@code List} or
 * {@code Map} when the manifest has one, which no declared param accepts).
 */
public record NodeSpec(String id, String nodeType, Map<String, Object> params) {

    public NodeSpec {
        requireNonNull(id, "id");
        requireNonNull(nodeType, "nodeType");
        // Keep the manifest's order so problems are reported in the order they were written.
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(params, "params")));
    }
}
