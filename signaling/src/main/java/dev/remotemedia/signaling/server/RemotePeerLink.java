package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.cluster.ClusterMessage;
import dev.remotemedia.signaling.cluster.RedisBackplane;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The way to a peer announced on another node of the cluster: each event goes to that node's
 * channel ({@link RedisBackplane#send}), which hands it to the peer's own link there. Membership
 * events are not sent: every node tells its own peers. A relay that cannot be delivered fails its
 * future with {@code -32001}; for a forwarded offer, the offer's sender gets that error.
 */
final class RemotePeerLink implements PeerLink {
    private final String node;
    private final Supplier<@Nullable RedisBackplane> cluster;
    private final OfferRelay offers;
    private volatile @Nullable PeerSession session;

    RemotePeerLink(String node, Supplier<@Nullable RedisBackplane> cluster, OfferRelay offers) {
        this.node = requireNonNull(node, "node");
        this.cluster = requireNonNull(cluster, "cluster");
        this.offers = requireNonNull(offers, "offers");
    }

    void session(PeerSession session) {
        this.session = session;
    }

    String node() {
        return node;
    }

    /** Sends {@code message} to this peer's node; fails with {@code -32001} when it cannot be delivered. */
    CompletableFuture<Void> send(ClusterMessage message) {
        final RedisBackplane backplane = cluster.get();
        if (backplane == null) {
            return CompletableFuture.failedFuture(new RemoteMediaException(ErrorCode.CONNECTION_FAILED,
                                                                           "this server has left its cluster"));
        }
        return backplane.send(node, message);
    }

    @Override
    public void peerJoined(AnnouncedPeer peer) {
        // its own node tells it
    }

    @Override
    public void peerLeft(String peerId, String reason) {
        // its own node tells it
    }

    @Override
    public void offer(Offer offer, @Nullable String relayId) {
        final PeerSession answerer = session;
        send(new ClusterMessage.RelayOffer(offer, relayId)).whenComplete((unused, cause) -> {
            if (cause != null && relayId != null && answerer != null) {
                offers.refused(answerer, relayId, unwrap(cause));
            }
        });
    }

    @Override
    public void answer(Answer answer) {
        send(new ClusterMessage.RelayAnswer(answer));
    }

    @Override
    public void iceCandidate(IceCandidate candidate) {
        send(new ClusterMessage.RelayIceCandidate(candidate));
    }

    @Override
    public void stateChanged(StateChange change) {
        send(new ClusterMessage.RelayStateChange(change));
    }

    @Override
    public void disconnect(String from, String to, String reason) {
        send(new ClusterMessage.RelayDisconnect(from, to, reason));
    }

    @Override
    public void abort() {
        // the connection is another node's
    }

    @Override
    public String remote() {
        return "node " + node;
    }

    static RuntimeException unwrap(Throwable cause) {
        Throwable t = cause;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException r ? r
               : new RemoteMediaException(ErrorCode.CONNECTION_FAILED, String.valueOf(t.getMessage()));
    }
}
