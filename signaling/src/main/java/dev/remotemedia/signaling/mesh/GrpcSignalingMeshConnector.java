package dev.remotemedia.signaling.mesh;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.client.GrpcSignalingClient;
import dev.remotemedia.signaling.client.SignalingEvent;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.mesh.MeshSignalingConnector;
import dev.remotemedia.transport.mesh.PeerStates;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * gRPC signaling (DESIGN.md §5.2) behind a {@link dev.remotemedia.transport.mesh.PeerManager} or a
 * {@link dev.remotemedia.transport.WebRtcTransport}: a {@link GrpcSignalingClient} per connection
 * to {@code target} ({@code grpc://host:port}), with the reconnection settings and auth token of
 * the config. Registered for {@link java.util.ServiceLoader}, so a {@code WebRtcTransport} whose
 * {@code signalingUrl} is {@code grpc://host:port} (or {@code grpcs://}) uses it; or give it to
 * {@code WebRtcTransport.builder(config).signaling(...)}. The peers it meets may signal by any
 * protocol of the same server.
 */
public final class GrpcSignalingMeshConnector implements MeshSignalingConnector {
    private static final Set<String> SCHEMES = Set.of("grpc", "grpcs");

    /** Where to connect; {@code null}: the config's {@code signalingUrl}. */
    private final @Nullable URI target;
    private final @Nullable String authToken;

    /** A connector to the config's {@code signalingUrl} ({@code grpc://host:port}), as ServiceLoader makes it. */
    public GrpcSignalingMeshConnector() {
        target = null;
        authToken = null;
    }

    /** A connector to {@code target} that announces with the config's auth token, if any. */
    public GrpcSignalingMeshConnector(URI target) {
        this(target, null);
    }

    /** A connector to {@code target} that announces with {@code authToken} (overrides the config's). */
    public GrpcSignalingMeshConnector(URI target, @Nullable String authToken) {
        this.target = requireNonNull(target, "target");
        GrpcSignalingClient.builder(target); // checks the URL now, not at the first connect
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
        final URI target = this.target != null ? this.target : config.signalingUrl();
        final ClientConnection connection = new ClientConnection(target, config, peerId,
                                                                 authToken != null ? authToken
                                                                                   : config.signalingAuthToken().orElse(null));
        return connection.client.connect().handle((peers, error) -> {
            if (error != null) {
                connection.close();
                throw error instanceof CompletionException ce ? ce : new CompletionException(error);
            }
            connection.peersAtJoin = peers.stream().map(PeerInfo::peerId).filter(id -> !id.equals(peerId)).toList();
            return connection;
        });
    }

    private static final class ClientConnection implements MeshSignalingConnector.Connection {
        final GrpcSignalingClient client;
        volatile List<String> peersAtJoin = List.of();
        private final ListenerGate gate;

        ClientConnection(URI target, WebRtcTransportConfig config, String peerId, @Nullable String authToken) {
            gate = new ListenerGate(peerId);
            client = GrpcSignalingClient.builder(target)
                                        .peerId(peerId)
                                        .config(config)
                                        .authToken(authToken)
                                        .offerHandler(offer -> gate.offer(offer.from(), offer.sdp())
                                                                      .thenApply(sdp -> Answer.to(offer, sdp, true)))
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
            } else if (event instanceof SignalingEvent.IceCandidateReceived e) {
                final IceCandidate c = e.candidate();
                l.onIceCandidate(c.from(), new RTCIceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex(),
                                                               c.userFragment()));
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
            return client.offer(to, sdp, null).thenApply(Answer::sdp);
        }

        @Override
        public void iceCandidate(String to, RTCIceCandidate c) {
            client.sendIceCandidate(new IceCandidate(client.peerId(), to, c.candidate(), c.sdpMLineIndex(), c.sdpMid(),
                                                     c.usernameFragment())).exceptionally(error -> null);
        }

        @Override
        public void stateChanged(String to, PeerStates s) {
            client.sendStateChanged(new StateChange(client.peerId(), to, s.connectionState().w3cName(), null, null, null))
                  .exceptionally(error -> null);
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
