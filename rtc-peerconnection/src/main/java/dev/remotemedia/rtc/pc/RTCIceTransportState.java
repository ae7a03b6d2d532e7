package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** The state of one ICE transport (W3C WebRTC §5.6.4). */
public enum RTCIceTransportState {
    NEW,
    CHECKING,
    CONNECTED,
    COMPLETED,
    DISCONNECTED,
    FAILED,
    CLOSED;

    /** The W3C name, such as {@code "completed"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCIceTransportState fromW3cName(String name) {
        return W3cNames.parse(RTCIceTransportState.class, name);
    }
}
