package dev.remotemedia.server;

import dev.remotemedia.transport.peer.ServerPeer;
import dev.remotemedia.transport.peer.ServerPeerStats;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Counters of every ServerPeer the server has had, for {@code /metrics}: the live peers' counts
 * plus those of the peers that have closed. Thread-safe.
 */
final class ServerPeerTotals {
    private final Object lock = new Object();
    // Guarded by lock.
    private ServerPeerStats closed = new ServerPeerStats(0, 0, 0, 0, 0, 0, 0);
    private final Map<ToLongFunction<ServerPeerStats>, AtomicLong> highest = new ConcurrentHashMap<>();

    /** Adds a closed peer's final counts. */
    void closed(ServerPeer peer) {
        final ServerPeerStats s = peer.stats();
        synchronized (lock) {
            closed = new ServerPeerStats(closed.messagesIn() + s.messagesIn(), closed.bytesIn() + s.bytesIn(),
                                         closed.messagesOut() + s.messagesOut(), closed.bytesOut() + s.bytesOut(),
                                         closed.rejectedIn() + s.rejectedIn(), closed.droppedIn() + s.droppedIn(),
                                         closed.droppedOut() + s.droppedOut());
        }
    }

    /**
     * {@code field} summed over {@code live} peers and the closed ones. A peer leaves the live list
     * a moment before its counts are added here, so the sum is kept from going down: a counter
     * never does.
     */
    long sum(Collection<ServerPeer> live, ToLongFunction<ServerPeerStats> field) {
        long sum;
        synchronized (lock) {
            sum = field.applyAsLong(closed);
        }
        for (ServerPeer peer : live) {
            if (!peer.isClosed()) {
                sum += field.applyAsLong(peer.stats());
            }
        }
        final long total = sum;
        return highest.computeIfAbsent(field, f -> new AtomicLong()).accumulateAndGet(total, Math::max);
    }
}
