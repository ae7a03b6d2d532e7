package dev.remotemedia.signaling.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.CommonPools;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.grpc.v1.AnnounceRequest;
import dev.remotemedia.signaling.grpc.v1.AnswerRequest;
import dev.remotemedia.signaling.grpc.v1.DisconnectRequest;
import dev.remotemedia.signaling.grpc.v1.ErrorResponse;
import dev.remotemedia.signaling.grpc.v1.IceCandidateRequest;
import dev.remotemedia.signaling.grpc.v1.ListPeersRequest;
import dev.remotemedia.signaling.grpc.v1.Notification;
import dev.remotemedia.signaling.grpc.v1.OfferRequest;
import dev.remotemedia.signaling.grpc.v1.PeerCapabilities;
import dev.remotemedia.signaling.grpc.v1.PeerState;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.StateChangeRequest;
import dev.remotemedia.signaling.grpc.v1.WebRtcSignalingGrpc;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.stub.StreamObserver;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC signaling client (DESIGN.md §5.2): one {@code Signal} stream to
 * {@code remotemedia.v1.WebRtcSignaling}, with what {@link SignalingClient} has for JSON-RPC:
 * the same {@link SignalingEvent}s, an {@link OfferHandler} for offers, request timeouts, and
 * reconnection with exponential backoff and jitter once an established stream is lost (the
 * same peer id is announced again). Errors are {@link RemoteMediaException}s with the code of
 * the server's {@code ErrorResponse}.
 *
 * <pre>{@code
 * GrpcSignalingClient client = GrpcSignalingClient.builder(URI.create("grpc://localhost:50051"))
 *         .peerId("alice").offerHandler(offer -> answerWith(offer)).build();
 * List<PeerInfo> others = client.connect().join();
 * }</pre>
 *
 * <p>All state lives on one event loop; listeners and the offer handler run there and must not
 * block. Public methods may be called from any thread.
 */
public final class GrpcSignalingClient implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(GrpcSignalingClient.class);
    private static final String[] STATE_NAMES = {null, "new", "connecting", "connected", "disconnected", "failed"};

    private final URI target;
    private final String peerId;
    private final List<String> capabilities;
    private final Map<String, String> metadata;
    private final @Nullable String authToken;
    private final ReconnectBackoff backoff;
    private final DoubleSupplier random;
    private final Duration requestTimeout;
    private final @Nullable OfferHandler offerHandler;
    private final EventExecutor loop;
    private final ManagedChannel channel;
    private final List<Consumer<SignalingEvent>> listeners = new CopyOnWriteArrayList<>();

    // Owned by the loop.
    private ConnectionState state = ConnectionState.NEW;
    private int attempt;
    private long nextRequestId = 1;
    private @Nullable StreamObserver<SignalingRequest> stream;
    private final Map<String, Pending> pending = new HashMap<>();
    private @Nullable ScheduledFuture<?> reconnectTimer;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

    private record Pending(String what, CompletableFuture<SignalingResponse> result, ScheduledFuture<?> timer) {}

    GrpcSignalingClient(GrpcSignalingClientBuilder b) {
        target = b.target;
        peerId = requireNonNull(b.peerId, "peerId (set with GrpcSignalingClientBuilder.peerId)");
        capabilities = b.capabilities;
        metadata = b.metadata;
        authToken = b.authToken;
        backoff = b.backoff;
        random = b.random;
        requestTimeout = b.requestTimeout;
        offerHandler = b.offerHandler;
        loop = b.loop != null ? b.loop : CommonPools.workerGroup().next();
        listeners.addAll(b.listeners);
        final NettyChannelBuilder channelBuilder = NettyChannelBuilder.forAddress(target.getHost(), target.getPort())
                .maxInboundMessageSize(b.maxMessageBytes)
                // Many small messages: Nagle's algorithm would hold them back for delayed ACKs.
                .withOption(ChannelOption.TCP_NODELAY, true);
        if ("grpcs".equalsIgnoreCase(target.getScheme())) {
            channelBuilder.useTransportSecurity();
        } else {
            channelBuilder.usePlaintext();
        }
        channel = channelBuilder.build();
    }

    /** A builder for a client of the server at {@code target}: {@code grpc://host:port} (or {@code grpcs://}). */
    public static GrpcSignalingClientBuilder builder(URI target) {
        return new GrpcSignalingClientBuilder(target);
    }

    public String peerId() {
        return peerId;
    }

    /** The current state; read from any thread, it may be a moment behind the loop. */
    public ConnectionState state() {
        return state;
    }

    /** Where it connects. */
    public URI target() {
        return target;
    }

    /** Adds a listener of every later event. */
    public void addListener(Consumer<SignalingEvent> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /**
     * Opens the stream and announces; the future gives the other peers present. If this first
     * attempt fails, the client is {@link ConnectionState#CLOSED} and the future fails.
     */
    public CompletableFuture<List<PeerInfo>> connect() {
        final CompletableFuture<List<PeerInfo>> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (state != ConnectionState.NEW) {
                result.completeExceptionally(new IllegalStateException("connect: already called (state " + state + ')'));
                return;
            }
            setState(ConnectionState.CONNECTING, null, null);
            open().whenComplete((peers, cause) -> {
                if (cause == null) {
                    setState(ConnectionState.CONNECTED, null, null);
                    result.complete(peers);
                } else {
                    shutDown("first connection failed: " + SignalingClient.describe(cause));
                    result.completeExceptionally(cause);
                }
            });
        });
        return result;
    }

    /** {@code list_peers}: every announced peer, this one included. */
    public CompletableFuture<List<PeerInfo>> listPeers() {
        return request("list_peers", r -> r.setListPeers(ListPeersRequest.getDefaultInstance()))
                .thenApply(response -> peerInfos(response.getPeerList().getPeersList()));
    }

    /**
     * An offer to {@code to}; the future gives its answer, or fails with the server's error
     * ({@code -32000} unknown peer, {@code -32008} no answer in time, ...). {@code pipeline} names
     * the pipeline of a ServerPeer ({@code to} = {@code remotemedia-server}), or is {@code null}.
     */
    public CompletableFuture<Answer> offer(String to, String sdp, @Nullable String pipeline) {
        requireNonNull(to, "to");
        requireNonNull(sdp, "sdp");
        return request("offer", r -> r.setOffer(OfferRequest.newBuilder().setToPeerId(to).setSdp(sdp).setType("offer")
                                                            .setPipeline(pipeline == null ? "" : pipeline)))
                .thenApply(response -> new Answer(to, peerId, response.getAck().getSdp(), true, response.getRequestId()));
    }

    /** Answers an offer received as {@link SignalingEvent.OfferReceived} (with no offer handler). */
    public CompletableFuture<Void> answer(String to, String sdp) {
        return request("answer", r -> r.setAnswer(AnswerRequest.newBuilder().setToPeerId(to).setSdp(sdp)
                                                               .setType("answer"))).thenApply(unused -> null);
    }

    /** Sends a trickled candidate ({@code from} must be this peer). */
    public CompletableFuture<Void> sendIceCandidate(IceCandidate c) {
        requireFromSelf(c.from());
        return request("ice_candidate", r -> r.setIceCandidate(IceCandidateRequest.newBuilder()
                .setToPeerId(c.to()).setCandidate(c.candidate()).setSdpMid(c.sdpMid() == null ? "" : c.sdpMid())
                .setSdpMlineIndex(c.sdpMLineIndex() == null ? 0 : c.sdpMLineIndex())
                .setUsernameFragment(c.userFragment() == null ? "" : c.userFragment()))).thenApply(unused -> null);
    }

    /** Reports this peer's connection state with {@code change.to()}. */
    public CompletableFuture<Void> sendStateChanged(StateChange change) {
        requireFromSelf(change.from());
        return request("state_changed", r -> r.setStateChanged(StateChangeRequest.newBuilder()
                .setToPeerId(change.to()).setState(peerState(change.connectionState())))).thenApply(unused -> null);
    }

    /** Tells {@code to} this peer ended their connection. */
    public CompletableFuture<Void> disconnect(String to, String reason) {
        return request("disconnect", r -> r.setDisconnect(DisconnectRequest.newBuilder()
                .setToPeerId(requireNonNull(to, "to")).setReason(reason))).thenApply(unused -> null);
    }

    /** Leaves gracefully (a disconnect, so others get peer_left with this reason), ends the stream, stops reconnecting. */
    public CompletableFuture<Void> close(String reason) {
        loop.execute(() -> {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            final StreamObserver<SignalingRequest> current = stream;
            if (state == ConnectionState.CONNECTED && current != null) {
                current.onNext(SignalingRequest.newBuilder().setRequestId("bye-" + nextRequestId++).setDisconnect(
                        DisconnectRequest.newBuilder().setReason(reason)).build());
            }
            shutDown(reason);
        });
        return closedFuture;
    }

    @Override
    public void close() {
        close("closed").join();
    }

    // ---- on the loop ----

    private interface RequestFiller {
        void fill(SignalingRequest.Builder request);
    }

    private CompletableFuture<SignalingResponse> request(String what, RequestFiller filler) {
        final CompletableFuture<SignalingResponse> result = new CompletableFuture<>();
        loop.execute(() -> {
            final StreamObserver<SignalingRequest> current = stream;
            if (state != ConnectionState.CONNECTED || current == null) {
                result.completeExceptionally(new RemoteMediaException(
                        ErrorCode.CONNECTION_FAILED, what + ": not connected (state " + state + ')'));
                return;
            }
            send(current, what, filler, result);
        });
        return result;
    }

    private void send(StreamObserver<SignalingRequest> target, String what, RequestFiller filler,
                      CompletableFuture<SignalingResponse> result) {
        final String id = peerId + '-' + nextRequestId++;
        final ScheduledFuture<?> timer = loop.schedule(() -> {
            final Pending p = pending.remove(id);
            if (p != null) {
                p.result().completeExceptionally(new RemoteMediaException(
                        ErrorCode.TIMEOUT, what + ": no response within " + requestTimeout.toMillis() + " ms"));
            }
        }, requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(id, new Pending(what, result, timer));
        final SignalingRequest.Builder request = SignalingRequest.newBuilder().setRequestId(id);
        filler.fill(request);
        target.onNext(request.build());
    }

    /** Opens a stream and announces; completes with the other peers. */
    private CompletableFuture<List<PeerInfo>> open() {
        final CompletableFuture<List<PeerInfo>> announced = new CompletableFuture<>();
        final StreamObserver<SignalingRequest>[] self = new StreamObserver[1];
        final StreamObserver<SignalingRequest> opened = WebRtcSignalingGrpc.newStub(channel).signal(
                new StreamObserver<>() {
                    @Override
                    public void onNext(SignalingResponse response) {
                        loop.execute(() -> onResponse(self[0], response));
                    }

                    @Override
                    public void onError(Throwable t) {
                        loop.execute(() -> onStreamEnded(self[0], Status.fromThrowable(t).toString()));
                    }

                    @Override
                    public void onCompleted() {
                        loop.execute(() -> onStreamEnded(self[0], "the server ended the stream"));
                    }
                });
        self[0] = opened;
        stream = opened;
        final CompletableFuture<SignalingResponse> result = new CompletableFuture<>();
        final AnnounceRequest.Builder announce = AnnounceRequest.newBuilder().setPeerId(peerId)
                .setCapabilities(PeerCapabilities.newBuilder().setAudio(capabilities.contains("audio"))
                                                 .setVideo(capabilities.contains("video"))
                                                 .setData(capabilities.contains("data")))
                .putAllMetadata(metadata);
        if (authToken != null) {
            announce.setAuthToken(authToken);
        }
        send(opened, "announce", r -> r.setAnnounce(announce), result);
        result.whenComplete((response, failure) -> {
            if (failure != null) {
                if (stream == opened) {
                    stream = null;
                }
                opened.onCompleted();
                announced.completeExceptionally(failure);
            } else {
                announced.complete(peerInfos(response.getAck().getPeersList()));
            }
        });
        return announced;
    }

    private void onResponse(StreamObserver<SignalingRequest> from, SignalingResponse response) {
        if (from != stream) {
            return;
        }
        if (response.hasNotification()) {
            onNotification(from, response.getNotification());
            return;
        }
        final Pending p = pending.remove(response.getRequestId());
        if (p == null) {
            return;
        }
        p.timer().cancel(false);
        if (response.hasError()) {
            p.result().completeExceptionally(exception(response.getError()));
        } else {
            p.result().complete(response);
        }
    }

    private void onNotification(StreamObserver<SignalingRequest> from, Notification n) {
        switch (n.getNotificationCase()) {
            case PEER_JOINED -> emit(new SignalingEvent.PeerAnnounced(peerInfo(n.getPeerJoined().getPeer())));
            case PEER_LEFT -> emit(new SignalingEvent.PeerLeft(n.getPeerLeft().getPeerId(), n.getPeerLeft().getReason()));
            case OFFER -> onOffer(n.getOffer().getFromPeerId(), n.getOffer().getSdp());
            case ANSWER -> emit(new SignalingEvent.AnswerReceived(new Answer(n.getAnswer().getFromPeerId(), peerId,
                                                                             n.getAnswer().getSdp(), true, "")));
            case ICE_CANDIDATE -> {
                final var c = n.getIceCandidate();
                emit(new SignalingEvent.IceCandidateReceived(new IceCandidate(
                        c.getFromPeerId(), peerId, c.getCandidate(), c.getSdpMlineIndex(),
                        c.getSdpMid().isEmpty() ? null : c.getSdpMid(),
                        c.getUsernameFragment().isEmpty() ? null : c.getUsernameFragment())));
            }
            case STATE_CHANGED -> emit(new SignalingEvent.PeerStateChanged(new StateChange(
                    n.getStateChanged().getFromPeerId(), peerId, stateName(n.getStateChanged().getState()),
                    null, null, null)));
            case NOTIFICATION_NOT_SET -> logger.debug("{}: ignoring a notification of a kind this client does not know",
                                                      peerId);
        }
    }

    private void onOffer(String from, String sdp) {
        final Offer offer = new Offer(from, peerId, sdp, true, "");
        final OfferHandler handler = offerHandler;
        if (handler == null) {
            emit(new SignalingEvent.OfferReceived(offer)); // answered later with answer(...)
            return;
        }
        CompletableFuture<Answer> answer;
        try {
            answer = requireNonNull(handler.onOffer(offer), "OfferHandler result");
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((value, cause) -> {
            if (cause == null) {
                answer(from, value.sdp()).exceptionally(e -> {
                    logger.info("{}: the answer to {} was not delivered: {}", peerId, from, e.getMessage());
                    return null;
                });
            } else {
                // The proto has no refusal of an offer: hanging up on the offerer fails its offer (-32001).
                final String why = "offer refused: " + SignalingClient.describe(cause);
                logger.info("{}: {} from {}", peerId, why, from);
                disconnect(from, why).exceptionally(e -> null);
            }
        });
    }

    private void onStreamEnded(StreamObserver<SignalingRequest> ended, String reason) {
        if (ended != stream) {
            return;
        }
        stream = null;
        failPending("the signaling stream was lost: " + reason);
        if (state == ConnectionState.CONNECTED) {
            attempt = 0;
            scheduleReconnect(reason);
        }
    }

    private void scheduleReconnect(String reason) {
        attempt++;
        if (!backoff.allows(attempt)) {
            shutDown("gave up after " + (attempt - 1) + " reconnection attempts: " + reason);
            return;
        }
        final Duration delay = backoff.delay(attempt, random);
        setState(ConnectionState.RECONNECTING, delay, reason);
        reconnectTimer = loop.schedule(this::reconnect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void reconnect() {
        reconnectTimer = null;
        if (state != ConnectionState.RECONNECTING) {
            return;
        }
        open().whenComplete((peers, cause) -> loop.execute(() -> {
            if (state != ConnectionState.RECONNECTING) {
                return;
            }
            if (cause == null) {
                attempt = 0;
                setState(ConnectionState.CONNECTED, null, "reconnected");
                return;
            }
            final Throwable c = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                                ? cause.getCause() : cause;
            if (c instanceof RemoteMediaException e
                && (e.code() == ErrorCode.UNAUTHORIZED || e.code() == ErrorCode.INVALID_PARAMS)) {
                shutDown("re-announcing failed: " + e.getMessage()); // retrying cannot help
            } else {
                scheduleReconnect(SignalingClient.describe(cause));
            }
        }));
    }

    private void shutDown(String reason) {
        final ScheduledFuture<?> timer = reconnectTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        final StreamObserver<SignalingRequest> current = stream;
        stream = null;
        if (current != null) {
            current.onCompleted();
        }
        failPending("the client is closed: " + reason);
        if (state != ConnectionState.CLOSED) {
            setState(ConnectionState.CLOSED, null, reason);
        }
        channel.shutdown();
        closedFuture.complete(null);
    }

    private void failPending(String message) {
        final List<Pending> failed = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : failed) {
            p.timer().cancel(false);
            p.result().completeExceptionally(new RemoteMediaException(ErrorCode.CONNECTION_FAILED, p.what() + ": " + message));
        }
    }

    private void setState(ConnectionState next, @Nullable Duration retryIn, @Nullable String reason) {
        state = next;
        emit(new SignalingEvent.StateChanged(next, next == ConnectionState.RECONNECTING ? attempt : 0, retryIn, reason));
    }

    private void emit(SignalingEvent event) {
        for (Consumer<SignalingEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                logger.warn("{}: a signaling listener failed on {}", peerId, event, e);
            }
        }
    }

    private void requireFromSelf(String from) {
        if (!peerId.equals(from)) {
            throw new IllegalArgumentException("from: " + from + " (expected: this client's peer id " + peerId + ')');
        }
    }

    /** The server's ErrorResponse as the exception of its code. */
    static RemoteMediaException exception(ErrorResponse error) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.jsonRpcCode() == error.getCode()) {
                return new RemoteMediaException(code, error.getMessage());
            }
        }
        return new RemoteMediaException(ErrorCode.INTERNAL, error.getCode() + ": " + error.getMessage());
    }

    private static List<PeerInfo> peerInfos(List<dev.remotemedia.signaling.grpc.v1.PeerInfo> peers) {
        final List<PeerInfo> list = new ArrayList<>(peers.size());
        peers.forEach(p -> list.add(peerInfo(p)));
        return list;
    }

    private static PeerInfo peerInfo(dev.remotemedia.signaling.grpc.v1.PeerInfo p) {
        final List<String> caps = new ArrayList<>(3);
        if (p.getCapabilities().getAudio()) {
            caps.add("audio");
        }
        if (p.getCapabilities().getVideo()) {
            caps.add("video");
        }
        if (p.getCapabilities().getData()) {
            caps.add("data");
        }
        final JsonNode userData;
        if (p.getMetadataCount() == 0) {
            userData = NullNode.getInstance();
        } else {
            final ObjectNode node = JsonRpcCodec.nodes().objectNode();
            p.getMetadataMap().forEach(node::put);
            userData = node;
        }
        final String state = stateName(p.getState());
        return new PeerInfo(p.getPeerId(), caps, userData, state == null ? "new" : state);
    }

    private static @Nullable String stateName(PeerState state) {
        final int n = state.getNumber();
        return n > 0 && n < STATE_NAMES.length ? STATE_NAMES[n] : null;
    }

    private static PeerState peerState(@Nullable String w3c) {
        if (w3c == null) {
            return PeerState.PEER_STATE_UNSPECIFIED;
        }
        return switch (w3c.toLowerCase(Locale.ROOT)) {
            case "new" -> PeerState.PEER_STATE_AVAILABLE;
            case "connecting" -> PeerState.PEER_STATE_CONNECTING;
            case "connected" -> PeerState.PEER_STATE_CONNECTED;
            case "disconnected", "closed" -> PeerState.PEER_STATE_DISCONNECTED;
            case "failed" -> PeerState.PEER_STATE_FAILED;
            default -> PeerState.PEER_STATE_UNSPECIFIED;
        };
    }
}
