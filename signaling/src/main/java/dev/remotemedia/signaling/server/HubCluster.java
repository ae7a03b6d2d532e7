package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.cluster.ClusterCodec;
import dev.remotemedia.signaling.cluster.ClusterListener;
import dev.remotemedia.signaling.cluster.ClusterMessage;
import dev.remotemedia.signaling.jsonrpc.JsonRpcError;
import dev.remotemedia.signaling.jsonrpc.JsonRpcException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's side of the cluster (issue 15): what other nodes say, applied to the hub on its
 * membership loop, in the order it arrived. Peers of other nodes are members of the hub whose
 * link is a {@link RemotePeerLink}; relays to this node's peers go to their own links, and a
 * forwarded offer is forwarded again here ({@link OfferRelay}), its result sent back to the
 * offerer's node.
 *
 * <p>Every message is checked against the registry: a relay must come from the node that holds its
 * {@code from} peer and go to a peer of this node; one that does not is dropped and counted
 * ({@link #rejected()}), as is a relay whose receiver has just left (its sender's node is told for
 * an offer).
 */
final class HubCluster implements ClusterListener {
    private static final Logger logger = LoggerFactory.getLogger(HubCluster.class);

    private final SignalingHub hub;
    private final LongAdder rejected = new LongAdder();

    HubCluster(SignalingHub hub) {
        this.hub = requireNonNull(hub, "hub");
    }

    /** Relays from other nodes that named a peer the sender does not hold, or one not here: dropped. */
    long rejected() {
        return rejected.sum();
    }

    private void onLoop(Runnable task) {
        try {
            hub.membership().execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    logger.warn("a cluster message failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the server is shutting down
        }
    }

    @Override
    public void received(ClusterCodec.Envelope envelope) {
        onLoop(() -> apply(envelope.node(), envelope.message()));
    }

    private void apply(String node, ClusterMessage message) {
        final Map<String, SignalingHub.Member> members = hub.members();
        if (message instanceof ClusterMessage.PeerJoined m) {
            hub.addRemote(node, m);
        } else if (message instanceof ClusterMessage.PeerLeft m) {
            final SignalingHub.Member member = members.get(m.peerId());
            if (member != null && node.equals(member.node)) {
                hub.removeRemote(member, m.reason());
            }
        } else if (message instanceof ClusterMessage.RelayOffer m) {
            offer(node, m.offer(), m.relayId());
        } else if (message instanceof ClusterMessage.OfferResult m) {
            offerResult(node, m);
        } else if (message instanceof ClusterMessage.RelayAnswer m) {
            final PeerSession target = target(node, m.answer().from(), m.answer().to());
            if (target != null && !hub.offers().answer(m.answer())) {
                target.link().answer(m.answer());
            }
        } else if (message instanceof ClusterMessage.RelayIceCandidate m) {
            final PeerSession target = target(node, m.candidate().from(), m.candidate().to());
            if (target != null) {
                target.link().iceCandidate(m.candidate());
            }
        } else if (message instanceof ClusterMessage.RelayStateChange m) {
            final PeerSession target = target(node, m.change().from(), m.change().to());
            if (target != null) {
                final SignalingHub.Member sender = members.get(m.change().from());
                if (sender != null && m.change().connectionState() != null) {
                    sender.state = m.change().connectionState();
                }
                target.link().stateChanged(m.change());
            }
        } else if (message instanceof ClusterMessage.RelayDisconnect m) {
            final PeerSession target = target(node, m.from(), m.to());
            if (target != null) {
                target.link().disconnect(m.from(), m.to(), m.reason());
            }
        } else {
            rejected.increment();
        }
    }

    /** The session of local peer {@code to}, if {@code from} is a peer of {@code node}; else counts a rejection. */
    private @Nullable PeerSession target(String node, String from, String to) {
        final Map<String, SignalingHub.Member> members = hub.members();
        final SignalingHub.Member sender = members.get(from);
        final SignalingHub.Member receiver = members.get(to);
        if (sender == null || !node.equals(sender.node) || receiver == null || receiver.node != null) {
            rejected.increment();
            return null;
        }
        return receiver.session;
    }

    private void offer(String node, Offer offer, @Nullable String relayId) {
        final PeerSession target = target(node, offer.from(), offer.to());
        if (target == null) {
            if (relayId != null) {
                sendResult(node, relayId, offer.to(), null, new RemoteMediaException(
                        ErrorCode.PEER_NOT_FOUND, "to: " + offer.to() + " is not announced"));
            }
            return;
        }
        if (relayId == null) {
            target.link().offer(offer, null);
            return;
        }
        try {
            hub.offers().forward(offer, target).whenComplete(
                    (answer, cause) -> sendResult(node, relayId, offer.to(), answer, cause));
        } catch (RuntimeException e) {
            sendResult(node, relayId, offer.to(), null, e);
        }
    }

    private void sendResult(String node, String relayId, String answerer, @Nullable Answer answer,
                            @Nullable Throwable cause) {
        final var backplane = hub.cluster();
        if (backplane == null) {
            return;
        }
        final ClusterMessage.OfferResult result;
        if (cause == null && answer != null) {
            result = new ClusterMessage.OfferResult(relayId, answerer, answer, 0, "");
        } else {
            final RuntimeException e = RemotePeerLink.unwrap(cause == null ? new IllegalStateException("no answer") : cause);
            final int code;
            if (e instanceof RemoteMediaException r) {
                code = r.code().jsonRpcCode();
            } else if (e instanceof JsonRpcException j) {
                code = j.code();
            } else {
                code = ErrorCode.INTERNAL.jsonRpcCode();
            }
            result = new ClusterMessage.OfferResult(relayId, answerer, null, code, String.valueOf(e.getMessage()));
        }
        backplane.send(node, result); // if that node is gone, so is the offer's sender
    }

    private void offerResult(String node, ClusterMessage.OfferResult result) {
        final SignalingHub.Member answerer = hub.members().get(result.answerer());
        if (answerer == null || !node.equals(answerer.node)) {
            rejected.increment();
            return;
        }
        final Answer answer = result.answer();
        if (answer != null) {
            if (!answer.from().equals(result.answerer())) {
                rejected.increment();
                return;
            }
            hub.offers().answered(answerer.session, result.relayId(), answer);
        } else {
            hub.offers().refused(answerer.session, result.relayId(),
                                 new JsonRpcError(result.errorCode(), result.errorMessage(), null).toException());
        }
    }

    @Override
    public void snapshot(Map<String, RemotePeer> peers, Set<String> pendingNodes) {
        onLoop(() -> {
            final Map<String, SignalingHub.Member> members = hub.members();
            for (SignalingHub.Member member : List.copyOf(members.values())) {
                final RemotePeer now = member.node == null ? null : peers.get(member.peerId);
                if (member.node != null && !pendingNodes.contains(member.node)
                    && (now == null || !now.node().equals(member.node))) {
                    hub.removeRemote(member, "left the cluster");
                }
            }
            peers.forEach((peerId, remote) -> hub.addRemote(remote.node(), remote.peer()));
        });
    }

    @Override
    public void liveNodes(Set<String> nodes) {
        onLoop(() -> {
            for (SignalingHub.Member member : List.copyOf(hub.members().values())) {
                if (member.node != null && !nodes.contains(member.node)) {
                    hub.removeRemote(member, "node " + member.node + " left the cluster");
                }
            }
        });
    }

    @Override
    public Collection<ClusterMessage.PeerJoined> localPeers() {
        final List<ClusterMessage.PeerJoined> local = new ArrayList<>();
        hub.members().values().forEach(m -> {
            if (m.node == null) {
                local.add(m.joined());
            }
        });
        return local;
    }

    @Override
    public void conflicts(Collection<String> peerIds) {
        onLoop(() -> peerIds.forEach(peerId -> {
            final PeerSession session = hub.sessionOf(peerId);
            if (session != null) {
                session.link().abort();
            }
        }));
    }

    @Override
    public void connectivity(boolean connected) {
        // RedisBackplane logs it; /health reads RedisBackplane#connected.
    }
}
