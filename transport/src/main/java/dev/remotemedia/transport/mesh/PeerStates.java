package dev.remotemedia.transport.mesh;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.pc.RTCIceConnectionState;
import dev.remotemedia.rtc.pc.RTCIceGatheringState;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.pc.RTCSignalingState;

/** The four W3C states of one connection, as {@code peer.state_changed} carries them (DESIGN.md §5.1). */
public record PeerStates(RTCPeerConnectionState connectionState, RTCIceConnectionState iceConnectionState,
                         RTCIceGatheringState iceGatheringState, RTCSignalingState signalingState) {

    public PeerStates {
        requireNonNull(connectionState, "connectionState");
        requireNonNull(iceConnectionState, "iceConnectionState");
        requireNonNull(iceGatheringState, "iceGatheringState");
        requireNonNull(signalingState, "signalingState");
    }

    /** The states of {@code pc} now. */
    public static PeerStates of(RTCPeerConnection pc) {
        return new PeerStates(pc.connectionState(), pc.iceConnectionState(), pc.iceGatheringState(),
                              pc.signalingState());
    }
}
