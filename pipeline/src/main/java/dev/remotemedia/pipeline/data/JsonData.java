package dev.remotemedia.pipeline.data;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A JSON document kept as its text, so passing it along costs nothing and converting it to a
 * {@code DataBuffer} is lossless. {@code schemaType} names what the document is ({@code ""} when
 * unknown). The text is not parsed here; a node that reads it parses it.
 */
public record JsonData(String json, String schemaType, Map<String, String> metadata) implements RuntimeData {

    public JsonData {
        requireNonNull(json, "json");
        requireNonNull(schemaType, "schemaType");
        metadata = Metadata.copy(metadata);
    }

    /** A JSON document with no schema type and no metadata. */
    public static JsonData of(String json) {
        return new JsonData(json, "", Map.of());
    }

    @Override
    public JsonData withMetadata(Map<String, String> metadata) {
        return new JsonData(json, schemaType, metadata);
    }

    @Override
    public String kind() {
        return "json";
    }
}
