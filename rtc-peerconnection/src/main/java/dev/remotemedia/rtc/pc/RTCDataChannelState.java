package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** The states of a data channel (W3C WebRTC §6.2). */
public enum RTCDataChannelState {
    CONNECTING,
    OPEN,
    CLOSING,
    CLOSED;

    /** The W3C name, such as {@code "closing"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCDataChannelState fromW3cName(String name) {
        return W3cNames.parse(RTCDataChannelState.class, name);
    }
}
