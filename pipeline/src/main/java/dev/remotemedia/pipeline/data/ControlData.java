package dev.remotemedia.pipeline.data;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An event in the stream rather than media: {@link #SPEECH_START}, {@link #SPEECH_END}, or any kind
 * a node defines, at {@code timestampUs} on the media timeline, with an optional JSON payload
 * ({@code ""} when none).
 */
public record ControlData(String controlKind, long timestampUs, String payloadJson, Map<String, String> metadata)
        implements RuntimeData {

    /** Voice activity began at {@link #timestampUs()}. */
    public static final String SPEECH_START = "speech_start";
    /** Voice activity ended at {@link #timestampUs()}. */
    public static final String SPEECH_END = "speech_end";

    public ControlData {
        requireNonNull(controlKind, "controlKind");
        if (controlKind.isEmpty()) {
            throw new IllegalArgumentException("controlKind: \"\" (expected: a non-empty name)");
        }
        requireNonNull(payloadJson, "payloadJson");
        metadata = Metadata.copy(metadata);
    }

    /** A control event with no payload and no metadata. */
    public static ControlData of(String controlKind, long timestampUs) {
        return new ControlData(controlKind, timestampUs, "", Map.of());
    }

    @Override
    public ControlData withMetadata(Map<String, String> metadata) {
        return new ControlData(controlKind, timestampUs, payloadJson, metadata);
    }

    @Override
    public String kind() {
        return "control";
    }
}
