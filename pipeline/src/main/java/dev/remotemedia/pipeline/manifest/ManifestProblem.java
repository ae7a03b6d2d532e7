package dev.remotemedia.pipeline.manifest;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a manifest: where ({@code nodes[2].params.threshold}, or
 * {@code line 4, column 7} for a syntax error) and what, in the form
 * {@code <value> (expected: <what>)} where it fits. {@link #toString()} is the line a user sees.
 */
public record ManifestProblem(String location, String message) {

    public ManifestProblem {
        requireNonNull(location, "location");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
