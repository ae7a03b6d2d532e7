package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's state for one connection: which peer it announced (if any), whether it has shown the
 * auth token, and the offers forwarded to it that await its answer.
 */
final class PeerSession {
    private final SignalingConnection connection;
    /** Forwarded peer.offer requests awaiting this peer's response, by the id the server gave them. */
    final Map<String, OfferRelay.Pending> awaitingAnswer = new ConcurrentHashMap<>();
    private volatile @Nullable String peerId;
    private volatile boolean authorized;
    private volatile boolean closed;

    PeerSession(SignalingConnection connection, boolean authorized) {
        this.connection = requireNonNull(connection, "connection");
        this.authorized = authorized;
    }

    SignalingConnection connection() {
        return connection;
    }

    void send(String text) {
        if (!closed) {
            connection.send(text);
        }
    }

    @Nullable String peerId() {
        return peerId;
    }

    void peerId(@Nullable String peerId) {
        this.peerId = peerId;
    }

    boolean authorized() {
        return authorized;
    }

    void authorize() {
        authorized = true;
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    @Override
    public String toString() {
        final String id = peerId;
        return (id == null ? "(not announced)" : id) + '@' + connection.remote();
    }
}
