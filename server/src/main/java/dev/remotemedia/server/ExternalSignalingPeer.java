package dev.remotemedia.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.signaling.client.SignalingClient;
import dev.remotemedia.signaling.client.SignalingEvent;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.peer.PeerSignals;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mode {@code websocket} (DESIGN.md §5.6): the server joins an external signaling server
 * ({@code WEBRTC_SIGNALING_URL}) as the peer {@value #PEER_ID} and answers the offers made to it
 * with ServerPeers, as the built-in signaling's {@code remotemedia-server} does. The connection
 * is kept up with the configured reconnection backoff; ServerPeers outlive a signaling outage.
 */
final class ExternalSignalingPeer implements AutoCloseable {
    /**
     * The peer id announced: {@code remotemedia-server} is reserved for a signaling server's own
     * peer (§5.1), so a server that joins as an ordinary peer needs another name.
     */
    static final String PEER_ID = "remotemedia-pipeline";
    private static final Logger logger = LoggerFactory.getLogger(ExternalSignalingPeer.class);

    private final SignalingClient client;
    private final ServerPeerBridge bridge;

    private ExternalSignalingPeer(WebRtcTransportConfig config, ServerPeerBridge bridge) {
        this.bridge = bridge;
        client = SignalingClient.builder(endpoint(config.signalingUrl()))
                                .peerId(PEER_ID)
                                .config(config)
                                .offerHandler(offer -> bridge.answer(offer, signalsTo(offer.from())))
                                .listener(this::onEvent)
                                .build();
    }

    /**
     * Joins the signaling server of {@code config}; the future completes once announced, or fails
     * if the first connection fails.
     */
    static CompletableFuture<ExternalSignalingPeer> join(WebRtcTransportConfig config, ServerPeerBridge bridge) {
        final ExternalSignalingPeer peer = new ExternalSignalingPeer(requireNonNull(config, "config"),
                                                                     requireNonNull(bridge, "bridge"));
        return peer.client.connect().thenApply(peers -> peer);
    }

    /** A URL without a path names the server; its JSON-RPC endpoint is {@code /ws}. */
    static URI endpoint(URI url) {
        final String path = url.getRawPath();
        return path == null || path.isEmpty() || "/".equals(path) ? url.resolve("/ws") : url;
    }

    private PeerSignals signalsTo(String peerId) {
        return ServerPeerBridge.signalsTo(PEER_ID, peerId, client::sendIceCandidate, client::sendStateChanged);
    }

    private void onEvent(SignalingEvent event) {
        if (event instanceof SignalingEvent.IceCandidateReceived e) {
            bridge.iceCandidate(e.candidate());
        } else if (event instanceof SignalingEvent.DisconnectReceived e) {
            bridge.disconnect(e.from(), e.reason());
        } else if (event instanceof SignalingEvent.PeerLeft e) {
            bridge.disconnect(e.peerId(), e.reason());
        } else if (event instanceof SignalingEvent.OfferReceived e) {
            // An offer sent as a notification: answered with peer.answer.
            bridge.answer(e.offer(), signalsTo(e.offer().from()))
                  .thenCompose(client::answer)
                  .exceptionally(error -> {
                      logger.info("offer from {} not answered: {}", e.offer().from(), error.getMessage());
                      return null;
                  });
        } else if (event instanceof SignalingEvent.StateChanged e) {
            logger.info("signaling {}{}", e.state().name().toLowerCase(java.util.Locale.ROOT),
                        e.reason() == null ? "" : ": " + e.reason());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
