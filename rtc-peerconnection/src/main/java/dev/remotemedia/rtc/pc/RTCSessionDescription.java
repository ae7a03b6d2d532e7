package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

/** A session description and its type (W3C WebRTC §4.8.1). */
public record RTCSessionDescription(RTCSdpType type, String sdp) {

    public RTCSessionDescription {
        requireNonNull(type, "type");
        requireNonNull(sdp, "sdp");
    }
}
