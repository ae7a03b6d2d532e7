package dev.remotemedia.pipeline.data;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A piece of text, with an optional BCP 47 language tag ({@code ""} when unknown).
 */
public record TextData(String text, String language, Map<String, String> metadata) implements RuntimeData {

    public TextData {
        requireNonNull(text, "text");
        requireNonNull(language, "language");
        metadata = Metadata.copy(metadata);
    }

    /** Text in no particular language, with no metadata. */
    public static TextData of(String text) {
        return new TextData(text, "", Map.of());
    }

    /** Returns this text tagged with {@code language}. */
    public TextData withLanguage(String language) {
        return new TextData(text, language, metadata);
    }

    /** Returns text with the same language and metadata and {@code text} as its content. */
    public TextData withText(String text) {
        return new TextData(text, language, metadata);
    }

    @Override
    public TextData withMetadata(Map<String, String> metadata) {
        return new TextData(text, language, metadata);
    }

    @Override
    public String kind() {
        return "text";
    }
}
