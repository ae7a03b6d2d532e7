package dev.remotemedia.pipeline.node;

/** The type of a node parameter, as written in a manifest. */
public enum ParamType {
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A whole number (held as {@code long}). */
    INTEGER,
    /** Any number (held as {@code double}); whole numbers are accepted. */
    NUMBER,
    /** Any string. */
    STRING,
    /** One string of a declared set. */
    CHOICE
}
