package dev.remotemedia.transport.session;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A named group of peers (the seed's streaming session): the application decides what a session
 * means — a room whose members get each other's messages, a broadcast's audience. Made by
 * {@link SessionManager#createSession}; thread-safe.
 */
public final class Session {

    private final String id;
    private final Instant createdAt;
    private final Set<String> peers = new LinkedHashSet<>();

    Session(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The peer ids in the session, in the order they were added. */
    public synchronized List<String> peers() {
        return List.copyOf(peers);
    }

    public synchronized boolean hasPeer(String peerId) {
        return peers.contains(peerId);
    }

    synchronized boolean add(String peerId) {
        return peers.add(peerId);
    }

    synchronized boolean remove(String peerId) {
        return peers.remove(peerId);
    }

    @Override
    public String toString() {
        return "Session{" + id + ", peers=" + peers() + '}';
    }
}
