package dev.remotemedia.pipeline.manifest;

import static java.util.Objects.requireNonNull;

/** One entry of a manifest's {@code connections}: data flows from node {@code from} to node {@code to}. */
public record ConnectionSpec(String from, String to) {

    public ConnectionSpec {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
