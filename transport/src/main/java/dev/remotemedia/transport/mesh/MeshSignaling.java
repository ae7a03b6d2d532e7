package dev.remotemedia.transport.mesh;

import dev.remotemedia.rtc.pc.RTCIceCandidate;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link PeerManager} needs from a signaling channel (DESIGN.md §5.1), without naming one:
 * the {@code signaling} module adapts its JSON-RPC client to this, tests use an in-memory hub.
 *
 * <p>Outbound calls may be made from any thread. The adapter delivers inbound messages to the
 * {@link Listener} installed with {@link #setListener}, in the order signaling received them.
 */
public interface MeshSignaling {

    /** This peer's id on the signaling server. */
    String localPeerId();

    /**
     * Sends {@code peer.offer} to {@code to}; completes with the answer's SDP, or exceptionally
     * with the remote's error (e.g. a {@code RemoteMediaException} carrying the JSON-RPC code).
     */
    CompletableFuture<String> offer(String to, String sdp);

    /** Sends {@code peer.ice_candidate}; an end-of-candidates candidate has an empty line. */
    void iceCandidate(String to, RTCIceCandidate candidate);

    /** Sends {@code peer.state_changed}. */
    void stateChanged(String to, PeerStates states);

    /** Sends {@code peer.disconnect} to one peer. */
    void disconnect(String to, String reason);

    /** Installs the receiver of inbound messages; {@code null} removes it. */
    void setListener(Listener listener);

    /** Inbound messages, as the signaling server relays them. */
    interface Listener {
        /** A {@code peer.offer} from {@code from}: complete with the answer's SDP, or exceptionally to refuse. */
        CompletableFuture<String> onOffer(String from, String sdp);

        /** A trickled {@code peer.ice_candidate} from {@code from}. */
        void onIceCandidate(String from, RTCIceCandidate candidate);

        /** {@code peer.announced}: a peer joined the signaling server. */
        void onPeerAnnounced(String peerId);

        /** {@code peer.left}, or a {@code peer.disconnect} sent to this peer. */
        void onPeerLeft(String peerId, String reason);
    }
}
