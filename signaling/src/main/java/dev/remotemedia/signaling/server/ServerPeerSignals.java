package dev.remotemedia.signaling.server;

import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.StateChange;

/**
 * How the server's own peer ({@code remotemedia-server}) signals to a connected peer: each call
 * sends one notification over that peer's socket. Thread-safe.
 */
public interface ServerPeerSignals {

    /**
     * Sends {@code peer.ice_candidate} to {@code candidate.to()}; {@code from} must be
     * {@code remotemedia-server}. Returns whether the peer is announced (else nothing is sent).
     */
    boolean iceCandidate(IceCandidate candidate);

    /** Sends {@code peer.state_changed} to {@code change.to()}; returns whether the peer is announced. */
    boolean stateChanged(StateChange change);

    /** Sends {@code peer.disconnect} from the server to {@code peerId}; returns whether it is announced. */
    boolean disconnect(String peerId, String reason);
}
