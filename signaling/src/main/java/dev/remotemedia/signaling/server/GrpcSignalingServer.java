package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.WebRtcSignalingGrpc;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC signaling server of DESIGN.md §5.2: {@code remotemedia.v1.WebRtcSignaling/Signal} on its
 * own port, served by grpc-java on its shaded Netty, on the same hub as the JSON-RPC
 * {@link SignalingServer} it is built from: the same peers, ServerPeers, auth token and limits.
 *
 * <p>Limits: each message at most {@link SignalingServer.Builder#maxMessageBytes} (grpc-java ends
 * a stream that sends more with RESOURCE_EXHAUSTED); each stream's rate as for a WebSocket
 * (RESOURCE_EXHAUSTED); {@link Builder#maxStreamsPerConnection} streams on one HTTP/2 connection;
 * keepalive pings every {@link Builder#keepAliveTime}, and connections with no stream closed after
 * {@link Builder#idleTimeout}; a client that stops reading is dropped once
 * {@link SignalingServer.Builder#maxQueuedBytes} wait for it.
 *
 * <pre>{@code
 * try (GrpcSignalingServer grpc = GrpcSignalingServer.builder(signaling).address("0.0.0.0", 50051).start()) { ... }
 * }</pre>
 */
public final class GrpcSignalingServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(GrpcSignalingServer.class);
    public static final int DEFAULT_MAX_STREAMS_PER_CONNECTION = 16;
    public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofSeconds(30);
    public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Context.Key<String> AUTHORIZATION = Context.key("remotemedia-authorization");
    private static final Context.Key<String> REMOTE = Context.key("remotemedia-remote");
    private static final Metadata.Key<String> AUTHORIZATION_HEADER =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** A request as read off the wire: the message, or why it could not be decoded. */
    record Inbound(@Nullable SignalingRequest request, @Nullable String error) {}

    private final SignalingServer signaling;
    private final GrpcRequests requests;
    private final Server server;

    private GrpcSignalingServer(Builder b) {
        signaling = b.signaling;
        requests = new GrpcRequests(signaling.hub());
        final MethodDescriptor<Inbound, SignalingResponse> signal = WebRtcSignalingGrpc.getSignalMethod()
                .toBuilder(new InboundMarshaller(), ProtoUtils.marshaller(SignalingResponse.getDefaultInstance()))
                .build();
        final ServerServiceDefinition service = ServerServiceDefinition.builder(WebRtcSignalingGrpc.SERVICE_NAME)
                .addMethod(signal, ServerCalls.asyncBidiStreamingCall(responses -> new SignalStream(
                        this, (ServerCallStreamObserver<SignalingResponse>) responses,
                        bearerMatches(AUTHORIZATION.get()), String.valueOf(REMOTE.get()))))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(b.host, b.port))
                .directExecutor() // handlers only queue work and never block
                // Signaling is many small messages: without TCP_NODELAY, Nagle's algorithm and delayed
                // ACKs held relayed messages back (p50 270 ms at 200 msg/s on loopback, measured).
                .withChildOption(ChannelOption.TCP_NODELAY, true)
                .maxInboundMessageSize(signaling.maxMessageBytes())
                .maxInboundMetadataSize(16 * 1024)
                .maxConcurrentCallsPerConnection(b.maxStreamsPerConnection)
                .keepAliveTime(b.keepAliveTime.toNanos(), TimeUnit.NANOSECONDS)
                .keepAliveTimeout(b.keepAliveTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .maxConnectionIdle(b.idleTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .handshakeTimeout(10, TimeUnit.SECONDS)
                .addService(ServerInterceptors.intercept(service, new CallInfo()))
                .build();
    }

    /** A builder for a gRPC server on the hub of {@code signaling}. */
    public static Builder builder(SignalingServer signaling) {
        return new Builder(signaling);
    }

    SignalingServer signaling() {
        return signaling;
    }

    GrpcRequests requests() {
        return requests;
    }

    /** The port it listens on (the real one when it was 0). */
    public int port() {
        return server.getPort();
    }

    private boolean bearerMatches(@Nullable String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return signaling.hub().tokenMatches(header.substring(7).strip());
    }

    /** Stops accepting streams and ends the open ones (UNAVAILABLE); their peers leave. */
    @Override
    public void close() {
        server.shutdownNow();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                logger.warn("the gRPC signaling server did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Puts the Authorization header and the remote address where the stream can read them. */
    private static final class CallInfo implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            final Context context = Context.current()
                    .withValue(AUTHORIZATION, headers.get(AUTHORIZATION_HEADER))
                    .withValue(REMOTE, String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
            return Contexts.interceptCall(context, call, headers, next);
        }
    }

    /** Decodes requests without throwing: an undecodable message becomes data the stream answers. */
    private static final class InboundMarshaller implements MethodDescriptor.Marshaller<Inbound> {
        @Override
        public InputStream stream(Inbound value) {
            throw new UnsupportedOperationException("the server only reads requests");
        }

        @Override
        public Inbound parse(InputStream stream) {
            try {
                return new Inbound(SignalingRequest.parseFrom(stream.readAllBytes()), null);
            } catch (InvalidProtocolBufferException e) {
                return new Inbound(null, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Builds and starts a {@link GrpcSignalingServer}. Not thread-safe. */
    public static final class Builder {
        private final SignalingServer signaling;
        private String host = "0.0.0.0";
        private int port = 50051;
        private int maxStreamsPerConnection = DEFAULT_MAX_STREAMS_PER_CONNECTION;
        private Duration keepAliveTime = DEFAULT_KEEPALIVE_TIME;
        private Duration keepAliveTimeout = DEFAULT_KEEPALIVE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder(SignalingServer signaling) {
            this.signaling = requireNonNull(signaling, "signaling");
        }

        /** Where to listen ({@code GRPC_SIGNALING_ADDRESS}); port 0 picks a free one. */
        public Builder address(String host, int port) {
            this.host = requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
            }
            this.port = port;
            return this;
        }

        /** The most concurrent streams one client connection may open; more are refused. */
        public Builder maxStreamsPerConnection(int maxStreamsPerConnection) {
            if (maxStreamsPerConnection <= 0) {
                throw new IllegalArgumentException("maxStreamsPerConnection: " + maxStreamsPerConnection
                                                   + " (expected: > 0)");
            }
            this.maxStreamsPerConnection = maxStreamsPerConnection;
            return this;
        }

        /** How often to ping a connection, and how long to wait for the pong before closing it. */
        public Builder keepAlive(Duration time, Duration timeout) {
            this.keepAliveTime = positive(time, "time");
            this.keepAliveTimeout = positive(timeout, "timeout");
            return this;
        }

        /** How long a connection with no open stream stays open. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
            }
            return d;
        }

        /**
         * Builds and binds the server.
         *
         * @throws UncheckedIOException if the address cannot be bound
         */
        public GrpcSignalingServer start() {
            final GrpcSignalingServer grpc = new GrpcSignalingServer(this);
            try {
                grpc.server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + host + ':' + port + ": " + e.getMessage(), e);
            }
            logger.info("gRPC signaling listening on {}:{}", host, grpc.port());
            return grpc;
        }
    }
}
