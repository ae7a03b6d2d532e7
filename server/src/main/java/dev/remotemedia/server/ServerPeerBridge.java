package dev.remotemedia.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.server.ServerPeerHandler;
import dev.remotemedia.signaling.server.ServerPeerSignals;
import dev.remotemedia.transport.mesh.PeerStates;
import dev.remotemedia.transport.peer.PeerSignals;
import dev.remotemedia.transport.peer.ServerPeerManager;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in signaling's {@code remotemedia-server} peer (DESIGN.md §5.5): offers become
 * ServerPeers of a {@link ServerPeerManager}, trickled candidates go both ways (candidates that
 * arrive before their offer are held by the manager), and a peer that disconnects, leaves or
 * loses its socket has its ServerPeer closed.
 */
final class ServerPeerBridge implements ServerPeerHandler {
    private static final Logger logger = LoggerFactory.getLogger(ServerPeerBridge.class);

    private final ServerPeerManager peers;
    private final String serverPeerId;

    ServerPeerBridge(ServerPeerManager peers, String serverPeerId) {
        this.peers = requireNonNull(peers, "peers");
        this.serverPeerId = requireNonNull(serverPeerId, "serverPeerId");
    }

    @Override
    public CompletableFuture<Answer> offer(Offer offer, ServerPeerSignals signals) {
        return answer(offer, signalsTo(serverPeerId, offer.from(), signals::iceCandidate, signals::stateChanged));
    }

    /** Creates the ServerPeer for {@code offer}; {@code signals} carries its candidates and states back. */
    CompletableFuture<Answer> answer(Offer offer, PeerSignals signals) {
        return peers.offer(offer.from(), offer.sdp(), offer.pipeline(), signals)
                    .thenApply(sdp -> Answer.to(offer, sdp, true));
    }

    @Override
    public void iceCandidate(IceCandidate candidate) {
        peers.addIceCandidate(candidate.from(), new RTCIceCandidate(candidate.candidate(), candidate.sdpMid(),
                                                                    candidate.sdpMLineIndex(), candidate.userFragment()));
    }

    @Override
    public void stateChanged(StateChange change) {
        // The server watches its own side of the connection; the client's view is informative only.
        logger.debug("peer {} reports connection {}", change.from(), change.connectionState());
    }

    @Override
    public void disconnect(String peerId, String reason) {
        peers.disconnect(peerId, reason);
    }

    /**
     * A ServerPeer's signals as {@code peer.ice_candidate} and {@code peer.state_changed} params
     * from {@code from} (the server's peer id) to {@code to} (the client).
     */
    static PeerSignals signalsTo(String from, String to, Consumer<IceCandidate> candidates,
                                 Consumer<StateChange> states) {
        return new PeerSignals() {
            @Override
            public void iceCandidate(RTCIceCandidate c) {
                candidates.accept(new IceCandidate(from, to, c.candidate(), c.sdpMLineIndex(), c.sdpMid(),
                                                   c.usernameFragment()));
            }

            @Override
            public void stateChanged(PeerStates s) {
                states.accept(new StateChange(from, to, s.connectionState().w3cName(),
                                              s.iceConnectionState().w3cName(), s.iceGatheringState().w3cName(),
                                              s.signalingState().w3cName()));
            }
        };
    }
}
