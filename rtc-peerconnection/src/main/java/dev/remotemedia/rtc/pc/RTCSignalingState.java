package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** The signaling states of W3C WebRTC §4.3.1 (JSEP RFC 8829 §3.2). */
public enum RTCSignalingState {
    STABLE,
    HAVE_LOCAL_OFFER,
    HAVE_REMOTE_OFFER,
    HAVE_LOCAL_PRANSWER,
    HAVE_REMOTE_PRANSWER,
    CLOSED;

    /** The W3C name, such as {@code "have-local-offer"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCSignalingState fromW3cName(String name) {
        return W3cNames.parse(RTCSignalingState.class, name);
    }
}
