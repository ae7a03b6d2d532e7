package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

/**
 * The candidate pair ICE selected (W3C WebRTC §5.6.2, {@code RTCIceCandidatePair}); each
 * candidate's {@code typ} says whether the path is direct or goes through a TURN relay.
 */
public record RTCIceCandidatePair(RTCIceCandidate local, RTCIceCandidate remote) {
    public RTCIceCandidatePair {
        requireNonNull(local, "local");
        requireNonNull(remote, "remote");
    }
}
