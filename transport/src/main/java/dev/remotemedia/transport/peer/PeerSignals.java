package dev.remotemedia.transport.peer;

import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.transport.mesh.PeerStates;

/**
 * Where a {@link ServerPeer} sends what signaling carries back to its client: trickled candidates
 * ({@code peer.ice_candidate}) and state changes ({@code peer.state_changed}). Called on the peer
 * connection's event loop; must not block.
 */
public interface PeerSignals {

    /** A local candidate for the client; an end-of-candidates candidate has an empty line. */
    void iceCandidate(RTCIceCandidate candidate);

    /** The server side's connection states changed. */
    void stateChanged(PeerStates states);
}
