package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** The kind of a track or transceiver: W3C {@code "audio"} or {@code "video"}. */
public enum MediaKind {
    AUDIO,
    VIDEO;

    /** {@code "audio"} or {@code "video"}, as W3C and SDP's {@code m=} line name it. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The kind named {@code name}, or {@code null}. */
    public static @Nullable MediaKind fromW3cName(String name) {
        return W3cNames.parse(MediaKind.class, name);
    }
}
