package dev.remotemedia.signaling.mesh;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.client.SignalingClient;
import dev.remotemedia.signaling.client.SignalingEvent;
import dev.remotemedia.signaling.jsonrpc.JsonRpcException;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.mesh.MeshSignaling;
import dev.remotemedia.transport.mesh.MeshSignalingConnector;
import dev.remotemedia.transport.mesh.PeerStates;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC signaling (DESIGN.md §5.1) behind a {@link dev.remotemedia.transport.mesh.PeerManager}
 * and a {@link dev.remotemedia.transport.WebRtcTransport}: a {@link SignalingClient} per connection,
 * with its reconnection settings and auth token from the config. Registered for
 * {@link java.util.ServiceLoader}, so {@code WebRtcTransport} finds it on the class path.
 *
 * <p>A signaling URL without a path gets {@code /ws} ({@code ws://localhost:8080} is the
 * configuration's default and names the server, whose endpoint is {@code /ws}).
 */
public final class SignalingMeshConnector implements MeshSignalingConnector {
    private static final Set<String> SCHEMES = Set.of("ws", "wss");

    private final @Nullable String authToken;

    /** A connector that announces without an auth token unless the config has one. */
    public SignalingMeshConnector() {
        this(null);
    }

    /** A connector that announces with {@code authToken} (overrides the config's). */
    public SignalingMeshConnector(@Nullable String authToken) {
        this.authToken = authToken;
    }

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    public CompletableFuture<MeshSignalingConnector.Connection> connect(WebRtcTransportConfig config, String peerId) {
        requireNonNull(config, "config");
        requireNonNull(peerId, "peerId");
        ClientConnection connection = new ClientConnection(endpoint(config.signalingUrl()), config, peerId,
                                                           authToken != null ? authToken : config.signalingAuthToken().orElse(null));
        return connection.client.connect().handle((peers, error) -> {
            if (error != null) {
                connection.close();
                throw new CompletionException(translate(error));
            }
            connection.peersAtJoin = peers.stream().map(PeerInfo::peerId).filter(id -> !id.equals(peerId)).toList();
            return connection;
        });
    }

    /** {@code ws://host:port} → {@code ws://host:port/ws}; any other path is kept. */
    static URI endpoint(URI url) {
        String path = url.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? url.resolve("/ws") : url;
    }

    /** A JSON-RPC error becomes the {@link RemoteMediaException} of its code, so callers see one error type. */
    static Throwable translate(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof JsonRpcException e) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.jsonRpcCode() == e.code()) {
                    return new RemoteMediaException(code, e.getMessage());
                }
            }
        }
        return t;
    }

    private static final class ClientConnection implements MeshSignalingConnector.Connection {
        private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

        final SignalingClient client;
        volatile List<String> peersAtJoin = List.of();
        private final ListenerGate gate;

        ClientConnection(URI uri, WebRtcTransportConfig config, String peerId, @Nullable String authToken) {
            gate = new ListenerGate(peerId);
            client = SignalingClient.builder(uri)
                                    .peerId(peerId)
                                    .config(config)
                                    .authToken(authToken)
                                    .offerHandler(offer -> gate.offer(offer.from(), offer.sdp()).thenApply(sdp -> new Answer(
                                                peerId, offer.from(), sdp, true, offer.requestId())))
                                    .listener(this::onEvent)
                                    .build();
        }

        private void onEvent(SignalingEvent event) {
            gate.event(l -> onEvent(l, event));
        }

        private void onEvent(Listener l, SignalingEvent event) {
            if (event instanceof SignalingEvent.PeerAnnounced e) {
                l.onPeerAnnounced(e.peer().peerId());
            } else if (event instanceof SignalingEvent.PeerLeft e) {
                l.onPeerLeft(e.peerId(), e.reason());
            } else if (event instanceof SignalingEvent.DisconnectReceived e) {
                l.onPeerLeft(e.from(), e.reason());
            } else if (event instanceof SignalingEvent.IceCandidateReceived e) {
                IceCandidate c = e.candidate();
                l.onIceCandidate(c.from(), new RTCIceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex(),
                                                               c.userFragment()));
            } else if (event instanceof SignalingEvent.OfferReceived e) {
                // Sent as a notification (or while no offer handler was set): answer with peer.answer.
                l.onOffer(e.offer().from(), e.offer().sdp()).whenComplete((sdp, error) -> {
                    if (error == null) {
                        client.answer(new Answer(client.peerId(), e.offer().from(), sdp, true, e.offer().requestId()));
                    } else {
                        logger.info("{}: offer from {} refused: {}", client.peerId(), e.offer().from(),
                                    error.getMessage());
                    }
                });
            }
        }

        @Override
        public List<String> peersAtJoin() {
            return peersAtJoin;
        }

        @Override
        public String localPeerId() {
            return client.peerId();
        }

        @Override
        public CompletableFuture<String> offer(String to, String sdp) {
            return client.offer(to, sdp, true).handle((answer, error) -> {
                if (error != null) {
                    throw new CompletionException(translate(error));
                }
                return answer.sdp();
            });
        }

        @Override
        public void iceCandidate(String to, RTCIceCandidate c) {
            client.sendIceCandidate(new IceCandidate(client.peerId(), to, c.candidate(), c.sdpMLineIndex(), c.sdpMid(),
                                                     c.usernameFragment()));
        }

        @Override
        public void stateChanged(String to, PeerStates s) {
            client.sendStateChanged(new StateChange(client.peerId(), to, s.connectionState().w3cName(),
                                                    s.iceConnectionState().w3cName(), s.iceGatheringState().w3cName(),
                                                    s.signalingState().w3cName()));
        }

        @Override
        public void disconnect(String to, String reason) {
            client.disconnect(to, reason).exceptionally(error -> null); // the peer may be gone already
        }

        @Override
        public void setListener(@Nullable Listener listener) {
            gate.set(listener);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
