package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * A trickled ICE candidate (W3C WebRTC §4.8.2, {@code RTCIceCandidateInit}). An empty
 * {@code candidate} means the end of candidates, as browsers signal it.
 *
 * @param candidate        the {@code candidate:...} attribute value, or empty
 * @param sdpMid           the mid of the media section it belongs to
 * @param sdpMLineIndex    the index of that media section
 * @param usernameFragment the ICE ufrag it belongs to
 */
public record RTCIceCandidate(String candidate, @Nullable String sdpMid, @Nullable Integer sdpMLineIndex,
                              @Nullable String usernameFragment) {

    public RTCIceCandidate {
        requireNonNull(candidate, "candidate");
    }

    /** The end-of-candidates marker for a media section. */
    public static RTCIceCandidate endOfCandidates(@Nullable String sdpMid, @Nullable Integer sdpMLineIndex) {
        return new RTCIceCandidate("", sdpMid, sdpMLineIndex, null);
    }

    public boolean isEndOfCandidates() {
        return candidate.isEmpty();
    }
}
