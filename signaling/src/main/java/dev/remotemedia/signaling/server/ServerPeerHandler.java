package dev.remotemedia.signaling.server;

import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.StateChange;
import java.util.concurrent.CompletableFuture;

/**
 * The server's own peer, {@code remotemedia-server} (DESIGN.md §5.5): what the signaling server
 * hands it, and what it answers. Installed with {@link SignalingServer.Builder#serverPeerHandler};
 * without one, messages to {@code remotemedia-server} fail with {@code -32001} CONNECTION_FAILED.
 *
 * <p>Methods are called on signaling threads and must not block: start the work and complete the
 * future later. Failing with a {@link dev.remotemedia.rtc.common.error.RemoteMediaException} sends
 * its code and message to the peer; any other failure is logged and the peer gets {@code -32603}.
 */
public interface ServerPeerHandler {

    /**
     * A peer offers a connection to the server. The answer completes the peer's {@code peer.offer}
     * request; {@code signals} sends the server's trickled candidates and state back to that peer.
     */
    CompletableFuture<Answer> offer(Offer offer, ServerPeerSignals signals);

    /** A trickled candidate from a peer, for the server's connection with it; empty = end of candidates. */
    void iceCandidate(IceCandidate candidate);

    /** A peer reports the state of its connection with the server. */
    void stateChanged(StateChange change);

    /**
     * {@code peerId} is done with the server's peer: it sent {@code peer.disconnect} to
     * {@code remotemedia-server}, left, or its socket closed. Close any ServerPeer of it; called also
     * for peers that never offered, which are to be ignored.
     */
    void disconnect(String peerId, String reason);
}
