package dev.remotemedia.pipeline.data;

import java.util.Map;

/**
 * One item flowing through a pipeline (DESIGN.md §5.4): audio, video, text, binary, JSON or a control
 * event. Every kind is immutable, so a node that does not change an item passes the same instance on
 * and no bytes are copied between nodes; {@link #metadata()} travels with it (the
 * {@code DataBuffer.metadata} map of DESIGN.md §5.3).
 */
public sealed interface RuntimeData permits AudioData, VideoData, TextData, BinaryData, JsonData, ControlData {

    /** Free-form string pairs carried with the item; immutable, empty by default. */
    Map<String, String> metadata();

    /** Returns this item with {@code metadata} in place of its own; the payload is shared, not copied. */
    RuntimeData withMetadata(Map<String, String> metadata);

    /** A short name of the kind, used in messages: {@code audio}, {@code video}, {@code text} … */
    String kind();
}
