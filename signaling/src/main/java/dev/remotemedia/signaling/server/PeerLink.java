package dev.remotemedia.signaling.server;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.StateChange;

/**
 * What the hub sends one client, whatever protocol it came by (a JSON-RPC WebSocket, a gRPC
 * {@code Signal} stream, a gRPC-Web {@code Join} stream): each protocol encodes these events its
 * own way. Every method is non-blocking and thread-safe; a link whose client is gone ignores them.
 */
interface PeerLink {

    /** Another peer announced itself. */
    void peerJoined(AnnouncedPeer peer);

    /** A peer left the hub. */
    void peerLeft(String peerId, String reason);

    /**
     * An offer to this client. With a {@code relayId}, the hub awaits its answer
     * ({@link SignalingHub#answer}, or a JSON-RPC response to that id); without one (the offerer
     * sent it as a notification) it does not.
     */
    void offer(Offer offer, @Nullable String relayId);

    /** The answer to an offer this client made, or one relayed to it as a notification. */
    void answer(Answer answer);

    void iceCandidate(IceCandidate candidate);

    void stateChanged(StateChange change);

    /** {@code from} hung up on this client, {@code to} (a disconnect that names it). */
    void disconnect(String from, String to, String reason);

    /** Drops the client at once, as a network failure would. */
    void abort();

    /** Who is on the other end, for logs. */
    String remote();
}
