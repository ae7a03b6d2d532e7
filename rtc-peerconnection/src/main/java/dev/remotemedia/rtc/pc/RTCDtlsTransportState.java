package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** The state of one DTLS transport (W3C WebRTC §5.5.1). */
public enum RTCDtlsTransportState {
    NEW,
    CONNECTING,
    CONNECTED,
    CLOSED,
    FAILED;

    /** The W3C name, such as {@code "connecting"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCDtlsTransportState fromW3cName(String name) {
        return W3cNames.parse(RTCDtlsTransportState.class, name);
    }
}
