package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

/**
 * The selected candidate pair, as W3C's
 * <a href="https://www.w3.org/TR/webrtc/#rtcicecandidatepair-dictionary">RTCIceCandidatePair</a>:
 * each candidate as a {@code candidate:...} line, whose {@code typ} tells host, srflx, prflx or
 * relay.
 */
public record IceCandidatePair(String local, String remote) {
    public IceCandidatePair {
        requireNonNull(local, "local");
        requireNonNull(remote, "remote");
    }
}
