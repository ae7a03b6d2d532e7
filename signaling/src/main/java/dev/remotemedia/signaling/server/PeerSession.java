package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's state for one client, whatever its protocol: which peer it announced (if any), whether
 * it has shown the auth token, and the offers forwarded to it that await its answer.
 */
final class PeerSession {
    private final PeerLink link;
    private final Dialect dialect;
    /** Forwarded offers awaiting this peer's answer, by the relay id the server gave them. */
    final Map<String, OfferRelay.Pending> awaitingAnswer = new ConcurrentHashMap<>();
    private volatile @Nullable String peerId;
    private volatile boolean authorized;
    private volatile boolean closed;

    PeerSession(PeerLink link, Dialect dialect, boolean authorized) {
        this.link = requireNonNull(link, "link");
        this.dialect = requireNonNull(dialect, "dialect");
        this.authorized = authorized;
    }

    /** The way to this client; its methods do nothing once the session is closed. */
    PeerLink link() {
        return link;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The name of the JSON-RPC field {@code jsonRpcName} in this client's protocol, for errors. */
    String field(String jsonRpcName) {
        return dialect.field(jsonRpcName);
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
        return (id == null ? "(not announced)" : id) + '@' + link.remote();
    }
}
