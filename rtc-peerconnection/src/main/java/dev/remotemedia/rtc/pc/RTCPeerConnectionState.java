package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** The aggregate connection state of a peer connection (W3C WebRTC §4.3.3). */
public enum RTCPeerConnectionState {
    NEW,
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    FAILED,
    CLOSED;

    /** The W3C name, such as {@code "connecting"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCPeerConnectionState fromW3cName(String name) {
        return W3cNames.parse(RTCPeerConnectionState.class, name);
    }
}
