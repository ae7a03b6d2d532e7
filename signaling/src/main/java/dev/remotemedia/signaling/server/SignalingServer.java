package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.websocket.WebSocket;
import com.linecorp.armeria.common.websocket.WebSocketCloseStatus;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketFrameType;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.websocket.WebSocketService;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.JsonRpcError;
import dev.remotemedia.signaling.jsonrpc.JsonRpcInput;
import dev.remotemedia.signaling.jsonrpc.JsonRpcMessage;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import dev.remotemedia.signaling.cluster.ClusterOptions;
import dev.remotemedia.signaling.cluster.RedisBackplane;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in JSON-RPC 2.0 signaling server of DESIGN.md §5.1 as an Armeria service: mount
 * {@link #service()} at {@code /ws}. It checks the browser origin at the upgrade (403 when not
 * allowed), bounds every message ({@link Builder#maxMessageBytes}) and each connection's message
 * rate ({@link Builder#messagesPerSecond}, {@link Builder#messageBurst}); a client over either
 * limit gets a {@code -32600} error whose {@code data.reason} is {@code message_too_large} or
 * {@code rate_limited}, and its socket is closed (1009 or 1008). Other errors never close a socket.
 *
 * <pre>{@code
 * SignalingServer signaling = SignalingServer.builder().config(config).build();
 * Server.builder().service("/ws", signaling.service()) ... ;
 * }</pre>
 */
public final class SignalingServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(SignalingServer.class);
    /** Room for an SDP with many media sections and candidates (DESIGN.md §5.3 uses the same bound). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
    public static final int DEFAULT_MESSAGES_PER_SECOND = 200;
    public static final int DEFAULT_MESSAGE_BURST = 400;
    public static final Duration DEFAULT_RELAY_TIMEOUT = Duration.ofSeconds(30);
    /** What may wait to be sent to one client before it counts as not reading and is dropped. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
    /** Where {@link #grpcWebService()} is mounted: the gRPC path of the service. */
    public static final String GRPC_WEB_PATH_PREFIX = GrpcWebService.PATH_PREFIX;

    private final SignalingHub hub;
    private final HubCluster hubCluster;
    private final JsonRpcSignaling jsonRpc;
    private final ScheduledExecutorService scheduler;
    private final OriginPolicy origins;
    private final byte @Nullable [] authToken;
    private final int maxMessageBytes;
    private final int messagesPerSecond;
    private final int messageBurst;
    private final long maxQueuedBytes;
    private final TimeSource time;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong droppedSlowClients = new AtomicLong();
    private final HttpService service;
    private final GrpcWebService grpcWeb;

    private SignalingServer(Builder b) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "remotemedia-signaling");
            thread.setDaemon(true);
            return thread;
        });
        hub = new SignalingHub(scheduler, b.maxPeers, b.authToken, b.serverPeerHandler, b.relayTimeout, b.clock);
        hubCluster = new HubCluster(hub);
        if (b.cluster != null) {
            final Supplier<Map<String, Long>> extra = b.clusterCounts;
            try {
                hub.cluster(RedisBackplane.start(b.cluster, hubCluster, () -> {
                    final Map<String, Long> counts = new LinkedHashMap<>();
                    counts.put("peers", (long) hub.peerCount());
                    if (extra != null) {
                        counts.putAll(extra.get());
                    }
                    return counts;
                }));
            } catch (RuntimeException e) {
                scheduler.shutdownNow();
                throw e;
            }
        }
        jsonRpc = new JsonRpcSignaling(hub, JsonRpcCodec.of(b.maxMessageBytes));
        maxQueuedBytes = b.maxQueuedBytes;
        origins = OriginPolicy.of(b.allowedOrigins);
        authToken = b.authToken == null ? null : b.authToken.getBytes(StandardCharsets.UTF_8);
        maxMessageBytes = b.maxMessageBytes;
        messagesPerSecond = b.messagesPerSecond;
        messageBurst = b.messageBurst;
        time = b.time;
        final WebSocketService webSocket = WebSocketService.builder(this::accept)
                // Armeria's own limit, past which it closes with 1009 and no JSON-RPC error; ours
                // (checked in Connection) is half of it, so most oversize messages get an error first.
                .maxFramePayloadLength(2 * maxMessageBytes)
                .aggregateContinuation(true)
                .allowedOrigins("*") // checked below, where the Host header is known, and absent Origin allowed
                .build();
        grpcWeb = new GrpcWebService(this);
        service = webSocket.decorate((delegate, ctx, req) -> {
            final String origin = req.headers().get(HttpHeaderNames.ORIGIN);
            if (!origins.allows(origin, req.authority(), ctx.sessionProtocol().isTls())) {
                logger.debug("refused a WebSocket upgrade from origin {}", origin);
                return HttpResponse.of(HttpStatus.FORBIDDEN, MediaType.PLAIN_TEXT_UTF_8,
                                       "origin not allowed: " + origin + " (see SIGNALING_ALLOWED_ORIGINS)");
            }
            return delegate.serve(ctx, req);
        });
    }

    /** A builder with the defaults of {@link WebRtcTransportConfig#defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The service to mount at {@code /ws}. */
    public HttpService service() {
        return service;
    }

    /** Clients dropped because they stopped reading ({@link Builder#maxQueuedBytes}), on every protocol. */
    public long droppedSlowClients() {
        return droppedSlowClients.get();
    }

    /** The hub every protocol of this server shares (gRPC, gRPC-Web). */
    SignalingHub hub() {
        return hub;
    }

    AtomicLong droppedSlowClientCounter() {
        return droppedSlowClients;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    OriginPolicy origins() {
        return origins;
    }

    int maxMessageBytes() {
        return maxMessageBytes;
    }

    int messagesPerSecond() {
        return messagesPerSecond;
    }

    int messageBurst() {
        return messageBurst;
    }

    long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    TimeSource timeSource() {
        return time;
    }

    /**
     * gRPC-Web {@code Join} and {@code Send} (DESIGN.md §5.2) on this server's hub, with CORS for
     * the allowed origins: mount it under {@link #GRPC_WEB_PATH_PREFIX}
     * ({@code serviceUnder(GRPC_WEB_PATH_PREFIX, signaling.grpcWebService())}).
     */
    public HttpService grpcWebService() {
        return grpcWeb;
    }

    /** The number of peers announced on this server (in a cluster, on this node). */
    public int peerCount() {
        return hub.peerCount();
    }

    /** The number of peers announced in the whole cluster as this node knows them; {@link #peerCount()} when alone. */
    public int clusterPeerCount() {
        return hub.clusterPeerCount();
    }

    /** This node's link to its cluster, or {@code null} when the server runs alone. */
    public @Nullable RedisBackplane cluster() {
        return hub.cluster();
    }

    /** Relays from other nodes that were dropped: from a peer the sending node does not hold, or to none here. */
    public long clusterRelaysRejected() {
        return hubCluster.rejected();
    }

    /** The announced peers (in a cluster, of every node), in no particular order. */
    public List<PeerInfo> peers() {
        return hub.peers();
    }

    /**
     * Drops the socket of {@code peerId} at once, without a close handshake, as a network failure
     * would; everyone else gets {@code peer.left}. Returns whether the peer was announced.
     */
    public boolean dropConnection(String peerId) {
        final PeerSession session = hub.sessionOf(requireNonNull(peerId, "peerId"));
        if (session == null) {
            return false;
        }
        session.link().abort();
        return true;
    }

    /** Closes every connection (1001 going away) and stops the relay timers. */
    @Override
    public void close() {
        final RedisBackplane backplane = hub.cluster();
        if (backplane != null) {
            // First, so every other node hears at once that this node's peers are gone.
            backplane.close();
            hub.cluster(null);
        }
        connections.forEach(c -> c.close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "server shutting down"));
        grpcWeb.closeAll();
        scheduler.shutdownNow();
    }

    private WebSocket accept(ServiceRequestContext ctx, WebSocket inbound) {
        final WebSocketWriter outbound = WebSocket.streaming();
        final Connection connection = new Connection(outbound, String.valueOf(ctx.remoteAddress()));
        final PeerSession session = new PeerSession(
                jsonRpc.link(connection::send, connection::abort, connection.remote), Dialect.JSON_RPC, bearerMatches(ctx));
        connection.session = session;
        connections.add(connection);
        outbound.whenComplete().handle((unused, cause) -> {
            connection.ended("connection closed");
            return null;
        });
        inbound.subscribe(connection, ctx.eventLoop());
        return outbound;
    }

    private boolean bearerMatches(ServiceRequestContext ctx) {
        final String header = ctx.request().headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authToken == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(authToken, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    /** One WebSocket: reads frames in order, one at a time, and writes replies. */
    private final class Connection implements Subscriber<WebSocketFrame> {
        private final WebSocketWriter outbound;
        private final String remote;
        private final TokenBucket bucket;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicLong queuedBytes = new AtomicLong();
        @Nullable PeerSession session;
        private @Nullable Subscription subscription;

        Connection(WebSocketWriter outbound, String remote) {
            this.outbound = outbound;
            this.remote = remote;
            bucket = new TokenBucket(messagesPerSecond, messageBurst, time.nowNanos());
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(WebSocketFrame frame) {
            boolean more = true;
            try {
                more = handle(frame);
            } catch (RuntimeException e) {
                logger.warn("signaling frame from {} failed", remote, e);
            } finally {
                frame.close();
            }
            if (more && subscription != null) {
                subscription.request(1);
            }
        }

        /** Returns whether to read on. */
        private boolean handle(WebSocketFrame frame) {
            final WebSocketFrameType type = frame.type();
            if (type == WebSocketFrameType.CLOSE) {
                outbound.close();
                return false;
            }
            if (type != WebSocketFrameType.TEXT && type != WebSocketFrameType.BINARY) {
                return true; // ping and pong: the WebSocket layer answers pings
            }
            if (!bucket.tryTake(1, time.nowNanos())) {
                return refuseAbusive("rate limit exceeded: more than " + messagesPerSecond + " messages per second"
                                     + " (burst " + messageBurst + "); closing the connection",
                                     data("rate_limited").put("limit_per_second", messagesPerSecond)
                                                         .put("burst", messageBurst),
                                     WebSocketCloseStatus.POLICY_VIOLATION);
            }
            if (frame.length() > maxMessageBytes) {
                return refuseAbusive("message of " + frame.length() + " bytes exceeds the limit of " + maxMessageBytes
                                     + " bytes; closing the connection",
                                     data("message_too_large").put("limit_bytes", maxMessageBytes),
                                     WebSocketCloseStatus.MESSAGE_TOO_BIG);
            }
            if (type == WebSocketFrameType.BINARY) {
                send(jsonRpc.codec().encode(JsonRpcMessage.ErrorResponse.withoutId(JsonRpcError.of(
                        ErrorCode.INVALID_REQUEST, "invalid request: binary frame; JSON-RPC goes in text frames"))));
                return true;
            }
            final JsonRpcInput input = jsonRpc.codec().parse(frame.text());
            if (input instanceof JsonRpcInput.Batch batch && batch.items().size() > 1
                && !bucket.tryTake(batch.items().size() - 1, time.nowNanos())) {
                return refuseAbusive("rate limit exceeded: a batch of " + batch.items().size() + " messages is more than "
                                     + "this connection may send now; closing the connection",
                                     data("rate_limited").put("limit_per_second", messagesPerSecond)
                                                         .put("burst", messageBurst),
                                     WebSocketCloseStatus.POLICY_VIOLATION);
            }
            final PeerSession current = requireNonNull(session, "session");
            jsonRpc.dispatcher().dispatch(current, input).thenAccept(reply -> {
                if (reply != null) {
                    send(reply);
                }
            });
            return true;
        }

        private ObjectNode data(String reason) {
            return JsonRpcCodec.nodes().objectNode().put("reason", reason);
        }

        private boolean refuseAbusive(String message, ObjectNode data, WebSocketCloseStatus status) {
            logger.info("closing signaling connection {}: {}", session, message);
            send(jsonRpc.codec().encode(JsonRpcMessage.ErrorResponse.withoutId(
                    JsonRpcError.of(ErrorCode.INVALID_REQUEST, message, data))));
            outbound.close(status, data.get("reason").asText());
            return false;
        }

        @Override
        public void onError(Throwable t) {
            logger.debug("signaling connection {} failed: {}", session, t.toString());
            outbound.close();
            ended("connection lost");
        }

        @Override
        public void onComplete() {
            outbound.close();
            ended("connection closed");
        }

        void ended(String reason) {
            if (ended.compareAndSet(false, true)) {
                connections.remove(this);
                final PeerSession current = session;
                if (current != null) {
                    hub.sessionClosed(current, reason);
                }
            }
        }

        /**
         * Queues {@code text}; a client that stops reading is dropped once more than
         * {@link Builder#maxQueuedBytes} wait for it, instead of growing its queue without bound.
         */
        void send(String text) {
            if (ended.get()) {
                return;
            }
            final long queued = queuedBytes.addAndGet(text.length());
            if (queued > maxQueuedBytes) {
                logger.info("dropping signaling connection {}: {} bytes wait to be sent to it (limit {}); "
                            + "it does not read", session, queued, maxQueuedBytes);
                droppedSlowClients.incrementAndGet();
                abort();
                return;
            }
            if (outbound.tryWrite(text)) {
                // Completes once the socket took everything written so far, this message included.
                outbound.whenConsumed().thenRun(() -> queuedBytes.addAndGet(-text.length()));
            }
        }

        void close(int code, String reason) {
            outbound.close(WebSocketCloseStatus.valueOf(code), reason);
        }

        void abort() {
            ended("connection lost");
            outbound.abort();
            if (subscription != null) {
                subscription.cancel();
            }
        }

    }

    /** Builds a {@link SignalingServer}. Not thread-safe. */
    public static final class Builder {
        private int maxPeers = WebRtcTransportConfig.defaults().maxPeers();
        private @Nullable String authToken;
        private List<String> allowedOrigins = List.of();
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int messagesPerSecond = DEFAULT_MESSAGES_PER_SECOND;
        private int messageBurst = DEFAULT_MESSAGE_BURST;
        private Duration relayTimeout = DEFAULT_RELAY_TIMEOUT;
        private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private @Nullable ServerPeerHandler serverPeerHandler;
        private Clock clock = Clock.systemUTC();
        private TimeSource time = TimeSource.system();
        private @Nullable ClusterOptions cluster;
        private @Nullable Supplier<Map<String, Long>> clusterCounts;

        private Builder() {}

        /**
         * Joins the cluster of {@code cluster} (issue 15) when the server is built: peers on every
         * node of it are one namespace ({@code null}: the server runs alone, the default).
         * {@link #build()} then throws {@link dev.remotemedia.signaling.cluster.ClusterStartException}
         * when Redis cannot be reached or the node id is taken.
         */
        public Builder cluster(@Nullable ClusterOptions cluster) {
            this.cluster = cluster;
            return this;
        }

        /**
         * What this node reports of itself to the cluster besides its peer count ({@code server_peers},
         * {@code sessions}, …), read on every heartbeat.
         */
        public Builder clusterCounts(Supplier<Map<String, Long>> clusterCounts) {
            this.clusterCounts = requireNonNull(clusterCounts, "clusterCounts");
            return this;
        }

        /** Takes {@code max_peers}, the auth token and the allowed origins from {@code config}. */
        public Builder config(WebRtcTransportConfig config) {
            requireNonNull(config, "config");
            maxPeers = config.maxPeers();
            authToken = config.signalingAuthToken().orElse(null);
            allowedOrigins = config.allowedOrigins();
            return this;
        }

        /** The most peers announced at once; more get {@code -32005}. */
        public Builder maxPeers(int maxPeers) {
            if (maxPeers <= 0) {
                throw new IllegalArgumentException("maxPeers: " + maxPeers + " (expected: > 0)");
            }
            this.maxPeers = maxPeers;
            return this;
        }

        /** The token {@code peer.announce} must carry, or {@code null} for none. */
        public Builder authToken(@Nullable String authToken) {
            if (authToken != null && authToken.isEmpty()) {
                throw new IllegalArgumentException("authToken: empty (expected: null or a non-empty token)");
            }
            this.authToken = authToken;
            return this;
        }

        /** Browser origins allowed to connect, normalized, or {@code *}; empty allows the server's own. */
        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = List.copyOf(requireNonNull(allowedOrigins, "allowedOrigins"));
            return this;
        }

        /** The longest message a client may send, in bytes. */
        public Builder maxMessageBytes(int maxMessageBytes) {
            if (maxMessageBytes < 1024) {
                throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: >= 1024)");
            }
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** The sustained message rate of one connection (batch items count one each). */
        public Builder messagesPerSecond(int messagesPerSecond) {
            if (messagesPerSecond <= 0) {
                throw new IllegalArgumentException("messagesPerSecond: " + messagesPerSecond + " (expected: > 0)");
            }
            this.messagesPerSecond = messagesPerSecond;
            return this;
        }

        /** How many messages a connection may send at once above the sustained rate. */
        public Builder messageBurst(int messageBurst) {
            if (messageBurst <= 0) {
                throw new IllegalArgumentException("messageBurst: " + messageBurst + " (expected: > 0)");
            }
            this.messageBurst = messageBurst;
            return this;
        }

        /**
         * How much may wait to be sent to one client (JSON text in characters, protobuf in bytes)
         * before the server takes it for a client that stopped reading and drops it; the same
         * bound for WebSocket, gRPC and gRPC-Web clients.
         */
        public Builder maxQueuedBytes(long maxQueuedBytes) {
            if (maxQueuedBytes < 1024) {
                throw new IllegalArgumentException("maxQueuedBytes: " + maxQueuedBytes + " (expected: >= 1024)");
            }
            this.maxQueuedBytes = maxQueuedBytes;
            return this;
        }

        /** How long a forwarded offer waits for its answer before the sender gets {@code -32008}. */
        public Builder relayTimeout(Duration relayTimeout) {
            requireNonNull(relayTimeout, "relayTimeout");
            if (relayTimeout.isNegative() || relayTimeout.isZero()) {
                throw new IllegalArgumentException("relayTimeout: " + relayTimeout + " (expected: > 0)");
            }
            this.relayTimeout = relayTimeout;
            return this;
        }

        /** Answers offers to {@code remotemedia-server}; without one they fail with {@code -32001}. */
        public Builder serverPeerHandler(@Nullable ServerPeerHandler serverPeerHandler) {
            this.serverPeerHandler = serverPeerHandler;
            return this;
        }

        /** The wall clock of {@code registered_at}. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic clock of the rate limits. */
        public Builder timeSource(TimeSource time) {
            this.time = requireNonNull(time, "time");
            return this;
        }

        public SignalingServer build() {
            return new SignalingServer(this);
        }
    }
}
