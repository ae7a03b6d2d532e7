package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** The aggregate ICE connection state of a peer connection (W3C WebRTC §4.3.4). */
public enum RTCIceConnectionState {
    NEW,
    CHECKING,
    CONNECTED,
    COMPLETED,
    DISCONNECTED,
    FAILED,
    CLOSED;

    /** The W3C name, such as {@code "checking"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCIceConnectionState fromW3cName(String name) {
        return W3cNames.parse(RTCIceConnectionState.class, name);
    }
}
