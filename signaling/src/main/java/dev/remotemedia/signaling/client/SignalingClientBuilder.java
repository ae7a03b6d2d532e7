package dev.remotemedia.signaling.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.transport.WebRtcTransportConfig;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/** Builds a {@link SignalingClient}; made by {@link SignalingClient#builder(URI)}. Not thread-safe. */
public final class SignalingClientBuilder {
    // Read by SignalingClient's constructor.
    final URI uri;
    @Nullable String peerId;
    List<String> capabilities = List.of("data");
    JsonNode userData = NullNode.getInstance();
    @Nullable String authToken;
    ReconnectBackoff backoff = ReconnectBackoff.of(WebRtcTransportConfig.defaults());
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    Duration requestTimeout = SignalingClient.DEFAULT_REQUEST_TIMEOUT;
    @Nullable OfferHandler offerHandler;
    @Nullable EventExecutor loop;
    /** Room for the peer list of a server with 10,000 peers, which the server may send at once. */
    int maxMessageBytes = 2 * 1024 * 1024;
    final List<Consumer<SignalingEvent>> listeners = new ArrayList<>();

    SignalingClientBuilder(URI uri) {
        this.uri = requireNonNull(uri, "uri");
        final String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri: " + uri + " (expected: ws:// or wss:// with a host)");
        }
    }

    /** The peer id to announce (and announce again after reconnecting). Required. */
    public SignalingClientBuilder peerId(String peerId) {
        requireNonNull(peerId, "peerId");
        if (!SignalingMethods.isValidPeerId(peerId) || SignalingMethods.SERVER_PEER_ID.equals(peerId)) {
            throw new IllegalArgumentException("peerId: " + peerId + " (expected: 1 to "
                    + SignalingMethods.MAX_PEER_ID_LENGTH + " characters, no control characters, not "
                    + SignalingMethods.SERVER_PEER_ID + ')');
        }
        this.peerId = peerId;
        return this;
    }

    /** What the peer can do, such as {@code ["audio","video","data"]}; default {@code ["data"]}. */
    public SignalingClientBuilder capabilities(List<String> capabilities) {
        this.capabilities = List.copyOf(requireNonNull(capabilities, "capabilities"));
        return this;
    }

    /** Application data other peers see in {@code peer.list} and {@code peer.announced}. */
    public SignalingClientBuilder userData(JsonNode userData) {
        this.userData = requireNonNull(userData, "userData");
        return this;
    }

    /** The server's shared secret, sent as {@code auth_token} in {@code peer.announce}. */
    public SignalingClientBuilder authToken(@Nullable String authToken) {
        this.authToken = authToken;
        return this;
    }

    /** Takes the reconnection backoff and the auth token from {@code config}. */
    public SignalingClientBuilder config(WebRtcTransportConfig config) {
        backoff = ReconnectBackoff.of(requireNonNull(config, "config"));
        authToken = config.signalingAuthToken().orElse(null);
        return this;
    }

    public SignalingClientBuilder reconnectBackoff(ReconnectBackoff backoff) {
        this.backoff = requireNonNull(backoff, "backoff");
        return this;
    }

    /** The source of jitter, values in [0, 1); tests make it fixed. */
    public SignalingClientBuilder random(DoubleSupplier random) {
        this.random = requireNonNull(random, "random");
        return this;
    }

    /** How long a request waits for its response. */
    public SignalingClientBuilder requestTimeout(Duration requestTimeout) {
        requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout: " + requestTimeout + " (expected: > 0)");
        }
        this.requestTimeout = requestTimeout;
        return this;
    }

    /** Answers offers that arrive as requests; without one they are {@link SignalingEvent.OfferReceived}. */
    public SignalingClientBuilder offerHandler(@Nullable OfferHandler offerHandler) {
        this.offerHandler = offerHandler;
        return this;
    }

    /** Adds a listener from the start, so no event is missed. */
    public SignalingClientBuilder listener(Consumer<SignalingEvent> listener) {
        listeners.add(requireNonNull(listener, "listener"));
        return this;
    }

    /** The single-threaded loop the client runs on; default: one of Armeria's worker loops. */
    public SignalingClientBuilder eventLoop(EventExecutor loop) {
        this.loop = requireNonNull(loop, "loop");
        return this;
    }

    /** The longest message accepted from the server, in bytes. */
    public SignalingClientBuilder maxMessageBytes(int maxMessageBytes) {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: >= 1024)");
        }
        this.maxMessageBytes = maxMessageBytes;
        return this;
    }

    public SignalingClient build() {
        return new SignalingClient(this);
    }
}
