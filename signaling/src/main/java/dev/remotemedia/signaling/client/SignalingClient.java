package dev.remotemedia.signaling.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.CommonPools;
import io.netty.util.concurrent.EventExecutor;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.JsonRpcDispatcher;
import dev.remotemedia.signaling.jsonrpc.JsonRpcError;
import dev.remotemedia.signaling.jsonrpc.JsonRpcInput;
import dev.remotemedia.signaling.jsonrpc.JsonRpcMessage;
import dev.remotemedia.signaling.jsonrpc.Params;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * A JSON-RPC 2.0 signaling client (DESIGN.md §5.1) over the JDK's WebSocket client
 * ({@code java.net.http}: one TCP connection per client, as a browser has; Armeria 1.40's client
 * was measured to misread frames under load, see docs/BENCHMARKS.md). It announces
 * one peer id, sends requests with timeouts, answers forwarded offers through an
 * {@link OfferHandler}, and reports everything else as {@link SignalingEvent}s. When the socket is
 * lost after it was connected, it reconnects with exponential backoff and jitter
 * ({@link ReconnectBackoff}) and announces the same peer id again; every state change is an event.
 *
 * <p>All state lives on one event loop; listeners and the offer handler run there, in order, and
 * must not block. Public methods may be called from any thread.
 */
public final class SignalingClient implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(SignalingClient.class);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** RFC 6455 §7.4.1. */
    private static final int NORMAL_CLOSURE = 1000;

    private final URI uri;
    private final String peerId;
    private final List<String> capabilities;
    private final JsonNode userData;
    private final @Nullable String authToken;
    private final ReconnectBackoff backoff;
    private final DoubleSupplier random;
    private final Duration requestTimeout;
    private final @Nullable OfferHandler offerHandler;
    private final EventExecutor loop;
    private final int maxMessageBytes;
    private final JsonRpcCodec codec;
    private final List<Consumer<SignalingEvent>> listeners = new CopyOnWriteArrayList<>();

    // Owned by the loop.
    private ConnectionState state = ConnectionState.NEW;
    private int attempt;
    private long generation;
    private @Nullable ClientSocket socket;
    private long nextRequestId = 1;
    private long nextOfferId = 1;
    private final Map<Long, PendingRequest> pending = new HashMap<>();
    private @Nullable ScheduledFuture<?> reconnectTimer;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

    private final ClientSocket.Events socketEvents = new ClientSocket.Events() {
        @Override
        public void onText(ClientSocket from, String text) {
            SignalingClient.this.onText(from, text);
        }

        @Override
        public void onEnded(ClientSocket ended, String reason) {
            onSocketEnded(ended, reason);
        }
    };

    private record PendingRequest(String method, CompletableFuture<JsonNode> result, ScheduledFuture<?> timer) {}

    SignalingClient(SignalingClientBuilder b) {
        uri = b.uri;
        peerId = requireNonNull(b.peerId, "peerId (set with SignalingClientBuilder.peerId)");
        capabilities = b.capabilities;
        userData = b.userData;
        authToken = b.authToken;
        backoff = b.backoff;
        random = b.random;
        requestTimeout = b.requestTimeout;
        offerHandler = b.offerHandler;
        loop = b.loop != null ? b.loop : CommonPools.workerGroup().next();
        listeners.addAll(b.listeners);
        codec = JsonRpcCodec.of(b.maxMessageBytes);
        maxMessageBytes = b.maxMessageBytes;
    }

    /** A builder for a client of the server at {@code uri}, such as {@code ws://localhost:8080/ws}. */
    public static SignalingClientBuilder builder(URI uri) {
        return new SignalingClientBuilder(uri);
    }

    /** The peer id this client announces. */
    public String peerId() {
        return peerId;
    }

    /** The current state; read from any thread, it may be a moment behind the loop. */
    public ConnectionState state() {
        return state;
    }

    /** Adds a listener of every later event. */
    public void addListener(Consumer<SignalingEvent> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /**
     * Connects and announces; the future gives the other peers announced at that moment. If this
     * first attempt fails, the client is {@link ConnectionState#CLOSED} and the future fails;
     * reconnection only follows the loss of an established connection.
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
                    shutDown("first connection failed: " + describe(cause));
                    result.completeExceptionally(cause);
                }
            });
        });
        return result;
    }

    /** {@code peer.list}: every announced peer, this one included. */
    public CompletableFuture<List<PeerInfo>> listPeers() {
        return request(SignalingMethods.LIST, JsonRpcCodec.nodes().objectNode()).thenApply(SignalingClient::peerList);
    }

    /**
     * {@code peer.offer} to {@code to}; the future gives its answer, or fails with a
     * {@link dev.remotemedia.signaling.jsonrpc.JsonRpcException} carrying the server's error
     * ({@code -32000} unknown peer, {@code -32008} no answer in time, ...).
     */
    public CompletableFuture<Answer> offer(String to, String sdp, boolean canTrickleIceCandidates) {
        final CompletableFuture<Offer> offer = new CompletableFuture<>();
        loop.execute(() -> offer.complete(new Offer(peerId, requireNonNull(to, "to"), requireNonNull(sdp, "sdp"),
                                                    canTrickleIceCandidates, peerId + "-offer-" + nextOfferId++)));
        return offer.thenCompose(o -> request(SignalingMethods.OFFER, o.toParams())
                .thenApply(result -> Answer.fromResult(o, Params.of(result))));
    }

    /** {@code peer.answer}: answers an offer received as {@link SignalingEvent.OfferReceived}. */
    public CompletableFuture<Void> answer(Answer answer) {
        requireFromSelf(answer.from());
        return request(SignalingMethods.ANSWER, answer.toParams()).thenApply(unused -> null);
    }

    /** Sends a {@code peer.ice_candidate} notification; returns {@code false} when not connected. */
    public CompletableFuture<Boolean> sendIceCandidate(IceCandidate candidate) {
        requireFromSelf(candidate.from());
        return notify(SignalingMethods.ICE_CANDIDATE, candidate.toParams());
    }

    /** Sends a {@code peer.state_changed} notification; returns {@code false} when not connected. */
    public CompletableFuture<Boolean> sendStateChanged(StateChange change) {
        requireFromSelf(change.from());
        return notify(SignalingMethods.STATE_CHANGED, change.toParams());
    }

    /** {@code peer.disconnect} to {@code to}: tells that peer this one ended their connection. */
    public CompletableFuture<Void> disconnect(String to, String reason) {
        final ObjectNode params = JsonRpcCodec.nodes().objectNode();
        params.put("from", peerId);
        params.put("to", requireNonNull(to, "to"));
        params.put("reason", requireNonNull(reason, "reason"));
        return request(SignalingMethods.DISCONNECT, params).thenApply(unused -> null);
    }

    /** Sends any request; the future gives its result or fails with the error received. */
    public CompletableFuture<JsonNode> request(String method, JsonNode params) {
        requireNonNull(method, "method");
        requireNonNull(params, "params");
        final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (state != ConnectionState.CONNECTED || socket == null) {
                result.completeExceptionally(notConnected(method));
                return;
            }
            send(requireNonNull(socket), method, params, result);
        });
        return result;
    }

    /** Sends any notification; the future tells whether the client was connected to send it. */
    public CompletableFuture<Boolean> notify(String method, JsonNode params) {
        requireNonNull(method, "method");
        requireNonNull(params, "params");
        final CompletableFuture<Boolean> sent = new CompletableFuture<>();
        loop.execute(() -> {
            final ClientSocket current = socket;
            if (state != ConnectionState.CONNECTED || current == null) {
                sent.complete(false);
                return;
            }
            current.write(codec.encode(new JsonRpcMessage.Notification(method, params)));
            sent.complete(true);
        });
        return sent;
    }

    /**
     * Leaves gracefully: sends {@code peer.disconnect} (so the others get {@code peer.left} with
     * this reason), closes the socket with 1000 and stops reconnecting. Completes when closed.
     */
    public CompletableFuture<Void> close(String reason) {
        loop.execute(() -> {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            final ClientSocket current = socket;
            if (state == ConnectionState.CONNECTED && current != null) {
                final ObjectNode params = JsonRpcCodec.nodes().objectNode();
                params.put("from", peerId);
                params.put("reason", reason);
                current.write(codec.encode(new JsonRpcMessage.Notification(SignalingMethods.DISCONNECT, params)));
            }
            shutDown(reason);
        });
        return closedFuture;
    }

    /** {@link #close(String)} with reason {@code "closed"}, waiting for it. */
    @Override
    public void close() {
        close("closed").join();
    }

    // ---- on the loop ----

    /** Opens a socket and announces; completes with the other peers. */
    private CompletableFuture<List<PeerInfo>> open() {
        final long gen = ++generation;
        final CompletableFuture<List<PeerInfo>> announced = new CompletableFuture<>();
        final ClientSocket opened = new ClientSocket(loop, socketEvents, maxMessageBytes);
        opened.connect(uri).whenCompleteAsync((unused, cause) -> {
            if (cause != null) {
                announced.completeExceptionally(cause);
                return;
            }
            if (gen != generation || state == ConnectionState.CLOSED) {
                opened.abort();
                announced.completeExceptionally(new RemoteMediaException(
                        ErrorCode.CONNECTION_FAILED, "connection superseded"));
                return;
            }
            socket = opened;
            final CompletableFuture<JsonNode> result = new CompletableFuture<>();
            send(opened, SignalingMethods.ANNOUNCE, announceParams(), result);
            result.whenComplete((value, failure) -> {
                if (failure != null) {
                    opened.close(NORMAL_CLOSURE, "announce failed");
                    announced.completeExceptionally(failure);
                } else {
                    announced.complete(peerList(value));
                }
            });
        }, loop);
        return announced;
    }

    private ObjectNode announceParams() {
        final ObjectNode params = JsonRpcCodec.nodes().objectNode();
        params.put("peer_id", peerId);
        capabilities.forEach(params.putArray("capabilities")::add);
        params.set("user_data", userData);
        if (authToken != null) {
            params.put("auth_token", authToken);
        }
        return params;
    }

    private void send(ClientSocket target, String method, JsonNode params, CompletableFuture<JsonNode> result) {
        final long id = nextRequestId++;
        final ScheduledFuture<?> timer = loop.schedule(() -> {
            final PendingRequest request = pending.remove(id);
            if (request != null) {
                request.result().completeExceptionally(new RemoteMediaException(
                        ErrorCode.TIMEOUT, method + ": no response within " + requestTimeout.toMillis() + " ms"));
            }
        }, requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(id, new PendingRequest(method, result, timer));
        target.write(codec.encode(new JsonRpcMessage.Request(LongNode.valueOf(id), method, params)));
    }

    private void onText(ClientSocket from, String text) {
        if (from != socket) {
            return;
        }
        final JsonRpcInput input = codec.parse(text);
        if (input instanceof JsonRpcInput.Rejected rejected) {
            logger.warn("{}: unreadable message from the server: {}", peerId, rejected.response().error().message());
            return;
        }
        final List<JsonRpcInput.Item> items = input instanceof JsonRpcInput.Single single
                                              ? List.of(single.item()) : ((JsonRpcInput.Batch) input).items();
        for (JsonRpcInput.Item item : items) {
            if (item instanceof JsonRpcInput.Invalid invalid) {
                logger.warn("{}: invalid message from the server: {}", peerId, invalid.response().error().message());
                continue;
            }
            try {
                onMessage(from, ((JsonRpcInput.Valid) item).message());
            } catch (RemoteMediaException e) {
                logger.warn("{}: bad message from the server: {}", peerId, e.getMessage());
            }
        }
    }

    private void onMessage(ClientSocket from, JsonRpcMessage message) {
        if (message instanceof JsonRpcMessage.Response response) {
            complete(response.id(), response.result(), null);
        } else if (message instanceof JsonRpcMessage.ErrorResponse error) {
            if (error.id().isNull()) {
                logger.warn("{}: the server reported: {}", peerId, error.error().message());
            } else {
                complete(error.id(), null, error.error());
            }
        } else if (message instanceof JsonRpcMessage.Request request) {
            onRequest(from, request);
        } else {
            final JsonRpcMessage.Notification notification = (JsonRpcMessage.Notification) message;
            onNotification(SignalingMethods.ALIASES.getOrDefault(notification.method(), notification.method()),
                           Params.of(notification.params()));
        }
    }

    private void complete(JsonNode id, @Nullable JsonNode result, @Nullable JsonRpcError error) {
        final PendingRequest request = id.canConvertToLong() ? pending.remove(id.longValue()) : null;
        if (request == null) {
            return;
        }
        request.timer().cancel(false);
        if (error != null) {
            request.result().completeExceptionally(error.toException());
        } else {
            request.result().complete(result == null ? NullNode.getInstance() : result);
        }
    }

    private void onRequest(ClientSocket from, JsonRpcMessage.Request request) {
        final String method = SignalingMethods.ALIASES.getOrDefault(request.method(), request.method());
        if (!SignalingMethods.OFFER.equals(method)) {
            from.write(codec.encode(new JsonRpcMessage.ErrorResponse(request.id(), JsonRpcError.of(
                    ErrorCode.METHOD_NOT_FOUND, "method not found: " + method))));
            return;
        }
        final Offer offer;
        try {
            offer = Offer.fromParams(Params.of(request.params()), "");
        } catch (RemoteMediaException e) {
            from.write(codec.encode(new JsonRpcMessage.ErrorResponse(request.id(), JsonRpcError.of(e))));
            return;
        }
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
        answer.whenCompleteAsync((value, cause) -> {
            final JsonRpcMessage reply = cause == null
                    ? new JsonRpcMessage.Response(request.id(), value.toResult())
                    : new JsonRpcMessage.ErrorResponse(request.id(), JsonRpcDispatcher.errorOf(
                            new JsonRpcDispatcher.Call(method, request.id(), request.params()), cause));
            from.write(codec.encode(reply));
        }, loop);
    }

    private void onNotification(String method, Params params) {
        final SignalingEvent event = SignalingEvents.fromNotification(method, params);
        if (event == null) {
            logger.debug("{}: ignoring notification {}", peerId, method);
        } else {
            emit(event);
        }
    }

    private void onSocketEnded(ClientSocket ended, String reason) {
        if (ended != socket) {
            return;
        }
        socket = null;
        // Fails the announce of an attempt in progress too, whose failure schedules the next one.
        failPending("the signaling connection was lost: " + reason);
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
        open().whenComplete((peers, cause) -> {
            if (state != ConnectionState.RECONNECTING) {
                return;
            }
            if (cause == null) {
                attempt = 0;
                setState(ConnectionState.CONNECTED, null, "reconnected");
                return;
            }
            socket = null;
            final int code = cause instanceof dev.remotemedia.signaling.jsonrpc.JsonRpcException rpc ? rpc.code() : 0;
            if (code == ErrorCode.UNAUTHORIZED.jsonRpcCode() || code == ErrorCode.INVALID_PARAMS.jsonRpcCode()) {
                shutDown("re-announcing failed: " + describe(cause)); // retrying cannot help
            } else {
                scheduleReconnect(describe(cause));
            }
        });
    }

    private void shutDown(String reason) {
        final ScheduledFuture<?> timer = reconnectTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        final ClientSocket current = socket;
        socket = null;
        if (current != null) {
            current.close(NORMAL_CLOSURE, reason);
        }
        failPending("the client is closed: " + reason);
        if (state != ConnectionState.CLOSED) {
            setState(ConnectionState.CLOSED, null, reason);
        }
        closedFuture.complete(null);
    }

    private void failPending(String message) {
        final List<PendingRequest> failed = new ArrayList<>(pending.values());
        pending.clear();
        for (PendingRequest request : failed) {
            request.timer().cancel(false);
            request.result().completeExceptionally(new RemoteMediaException(
                    ErrorCode.CONNECTION_FAILED, request.method() + ": " + message));
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

    private RemoteMediaException notConnected(String method) {
        return new RemoteMediaException(ErrorCode.CONNECTION_FAILED, method + ": not connected (state " + state + ')');
    }

    private void requireFromSelf(String from) {
        if (!peerId.equals(from)) {
            throw new IllegalArgumentException("from: " + from + " (expected: this client's peer id " + peerId + ')');
        }
    }

    private static List<PeerInfo> peerList(JsonNode result) {
        final JsonNode peers = result.path("peers");
        final List<PeerInfo> list = new ArrayList<>(peers.size());
        peers.forEach(p -> list.add(PeerInfo.fromJson(p)));
        return list;
    }

    static String describe(Throwable cause) {
        Throwable c = cause;
        while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException
                                        || c instanceof java.util.concurrent.ExecutionException)) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
