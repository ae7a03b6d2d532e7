package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** Session description types (W3C WebRTC §4.8.1). */
public enum RTCSdpType {
    OFFER,
    PRANSWER,
    ANSWER,
    ROLLBACK;

    /** The W3C name, such as {@code "pranswer"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCSdpType fromW3cName(String name) {
        return W3cNames.parse(RTCSdpType.class, name);
    }
}
