package dev.remotemedia.signaling.client;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.transport.WebRtcTransportConfig;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/** Builds a {@link GrpcSignalingClient}. Not thread-safe. */
public final class GrpcSignalingClientBuilder {
    final URI target;
    @Nullable String peerId;
    List<String> capabilities = List.of("data");
    Map<String, String> metadata = Map.of();
    @Nullable String authToken;
    ReconnectBackoff backoff = ReconnectBackoff.of(WebRtcTransportConfig.defaults());
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    Duration requestTimeout = SignalingClient.DEFAULT_REQUEST_TIMEOUT;
    @Nullable OfferHandler offerHandler;
    final List<Consumer<SignalingEvent>> listeners = new ArrayList<>();
    @Nullable EventExecutor loop;
    int maxMessageBytes = 256 * 1024;

    GrpcSignalingClientBuilder(URI target) {
        requireNonNull(target, "target");
        final String scheme = target.getScheme();
        if (!"grpc".equalsIgnoreCase(scheme) && !"grpcs".equalsIgnoreCase(scheme) || target.getHost() == null
            || target.getPort() < 0) {
            throw new IllegalArgumentException("target: " + target + " (expected: grpc://host:port or grpcs://host:port)");
        }
        this.target = target;
    }

    public GrpcSignalingClientBuilder peerId(String peerId) {
        this.peerId = requireNonNull(peerId, "peerId");
        return this;
    }

    /** What this peer can do: {@code audio}, {@code video}, {@code data} (default: data). */
    public GrpcSignalingClientBuilder capabilities(List<String> capabilities) {
        this.capabilities = List.copyOf(capabilities);
        return this;
    }

    /** Metadata other peers see (JSON-RPC peers as {@code user_data}). */
    public GrpcSignalingClientBuilder metadata(Map<String, String> metadata) {
        this.metadata = new LinkedHashMap<>(requireNonNull(metadata, "metadata"));
        return this;
    }

    /** The token the server requires, or {@code null}. */
    public GrpcSignalingClientBuilder authToken(@Nullable String authToken) {
        this.authToken = authToken;
        return this;
    }

    /** The reconnection backoff and auth token of {@code config}. */
    public GrpcSignalingClientBuilder config(WebRtcTransportConfig config) {
        backoff = ReconnectBackoff.of(requireNonNull(config, "config"));
        authToken = config.signalingAuthToken().orElse(authToken);
        return this;
    }

    public GrpcSignalingClientBuilder reconnectBackoff(ReconnectBackoff backoff) {
        this.backoff = requireNonNull(backoff, "backoff");
        return this;
    }

    /** The jitter source, in [0, 1). */
    public GrpcSignalingClientBuilder random(DoubleSupplier random) {
        this.random = requireNonNull(random, "random");
        return this;
    }

    public GrpcSignalingClientBuilder requestTimeout(Duration requestTimeout) {
        requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout: " + requestTimeout + " (expected: > 0)");
        }
        this.requestTimeout = requestTimeout;
        return this;
    }

    /** Answers offers; without one they come as {@link SignalingEvent.OfferReceived}. */
    public GrpcSignalingClientBuilder offerHandler(@Nullable OfferHandler offerHandler) {
        this.offerHandler = offerHandler;
        return this;
    }

    public GrpcSignalingClientBuilder listener(Consumer<SignalingEvent> listener) {
        listeners.add(requireNonNull(listener, "listener"));
        return this;
    }

    /** The loop that owns the client's state (default: one of Armeria's worker loops). */
    public GrpcSignalingClientBuilder eventLoop(EventExecutor loop) {
        this.loop = requireNonNull(loop, "loop");
        return this;
    }

    public GrpcSignalingClient build() {
        return new GrpcSignalingClient(this);
    }
}
