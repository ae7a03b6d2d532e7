package dev.remotemedia.transport.mesh;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A signaling server in memory: relays offers, candidates, states and disconnects between the
 * {@link MeshSignaling} ends it hands out, each end's inbound messages in order on a thread of its
 * own, as a WebSocket client would deliver them. Can hold offers back to let candidates overtake.
 */
final class InMemoryHub implements AutoCloseable {

    final class End implements MeshSignaling {
        final String id;
        final ExecutorService inbound;
        volatile Listener listener;
        final CountDownLatch firstCandidate = new CountDownLatch(1);
        final BlockingQueue<PeerStates> statesReceived = new LinkedBlockingQueue<>();

        End(String id) {
            this.id = id;
            inbound = Executors.newSingleThreadExecutor(r -> new Thread(r, "hub-" + id));
        }

        @Override
        public String localPeerId() {
            return id;
        }

        @Override
        public CompletableFuture<String> offer(String to, String sdp) {
            End target = ends.get(to);
            if (target == null) {
                return CompletableFuture.failedFuture(
                        new RemoteMediaException(ErrorCode.PEER_NOT_FOUND, "to: " + to + " is not announced"));
            }
            CompletableFuture<String> answer = new CompletableFuture<>();
            Runnable deliver = () -> target.inbound.execute(() -> {
                Listener l = target.listener;
                if (l == null) {
                    answer.completeExceptionally(new RemoteMediaException(ErrorCode.PEER_NOT_FOUND, to + " is gone"));
                    return;
                }
                l.onOffer(id, sdp).whenComplete((a, e) -> {
                    if (e != null) {
                        answer.completeExceptionally(e);
                    } else {
                        answer.complete(a);
                    }
                });
            });
            synchronized (heldOffers) {
                if (holdOffers) {
                    heldOffers.add(deliver);
                    return answer;
                }
            }
            deliver.run();
            return answer;
        }

        @Override
        public void iceCandidate(String to, RTCIceCandidate candidate) {
            End target = ends.get(to);
            if (target != null && !dropCandidates) {
                target.inbound.execute(() -> {
                    Listener l = target.listener;
                    if (l != null) {
                        target.firstCandidate.countDown();
                        l.onIceCandidate(id, candidate);
                    }
                });
            }
        }

        @Override
        public void stateChanged(String to, PeerStates states) {
            End target = ends.get(to);
            if (target != null) {
                target.statesReceived.add(states);
            }
        }

        @Override
        public void disconnect(String to, String reason) {
            End target = ends.get(to);
            if (target != null) {
                target.inbound.execute(() -> {
                    Listener l = target.listener;
                    if (l != null) {
                        l.onPeerLeft(id, reason);
                    }
                });
            }
        }

        @Override
        public void setListener(Listener listener) {
            this.listener = listener;
        }

        /** Leaves the hub: everybody else gets peer.left. */
        void leave() {
            ends.remove(id);
            for (End other : ends.values()) {
                other.inbound.execute(() -> {
                    Listener l = other.listener;
                    if (l != null) {
                        l.onPeerLeft(id, "socket closed");
                    }
                });
            }
            inbound.shutdown();
        }
    }

    private final Map<String, End> ends = new ConcurrentHashMap<>();
    private final List<Runnable> heldOffers = new ArrayList<>();
    private boolean holdOffers;
    /** While set, trickled candidates are lost, so connections cannot connect. */
    volatile boolean dropCandidates;

    /** The ids of the ends in the hub. */
    List<String> peerIds() {
        return List.copyOf(ends.keySet());
    }

    /** A new end; nobody is told until {@link #announce}. */
    End join(String id) {
        End end = new End(id);
        ends.put(id, end);
        return end;
    }

    /** peer.announced to everybody else. */
    void announce(End end) {
        for (End other : ends.values()) {
            if (other != end) {
                other.inbound.execute(() -> {
                    MeshSignaling.Listener l = other.listener;
                    if (l != null) {
                        l.onPeerAnnounced(end.id);
                    }
                });
            }
        }
    }

    void holdOffers(boolean hold) {
        List<Runnable> release;
        synchronized (heldOffers) {
            holdOffers = hold;
            if (hold) {
                return;
            }
            release = List.copyOf(heldOffers);
            heldOffers.clear();
        }
        release.forEach(Runnable::run);
    }

    int heldOfferCount() {
        synchronized (heldOffers) {
            return heldOffers.size();
        }
    }

    @Override
    public void close() {
        ends.values().forEach(e -> e.inbound.shutdownNow());
        ends.clear();
    }

    /** Joins this hub as a JSON-RPC client would join the signaling server, for a WebRtcTransport. */
    MeshSignalingConnector connector() {
        return (config, peerId) -> {
            List<String> before = List.copyOf(peerIds());
            End end = join(peerId);
            announce(end);
            return CompletableFuture.completedFuture(new MeshSignalingConnector.Connection() {
                @Override public List<String> peersAtJoin() { return before; }
                @Override public void close() { end.leave(); }
                @Override public String localPeerId() { return end.localPeerId(); }
                @Override public CompletableFuture<String> offer(String to, String sdp) { return end.offer(to, sdp); }
                @Override public void iceCandidate(String to, RTCIceCandidate c) { end.iceCandidate(to, c); }
                @Override public void stateChanged(String to, PeerStates s) { end.stateChanged(to, s); }
                @Override public void disconnect(String to, String reason) { end.disconnect(to, reason); }
                @Override public void setListener(Listener listener) { end.setListener(listener); }
            });
        };
    }
}
