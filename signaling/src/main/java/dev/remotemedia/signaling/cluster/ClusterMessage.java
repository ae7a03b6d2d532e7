package dev.remotemedia.signaling.cluster;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.StateChange;

/**
 * What one node of a cluster tells the others through Redis pub/sub ({@link ClusterCodec} is the
 * wire form). Membership changes go to every node on the cluster's events channel; relays go to the
 * one node that holds the receiving peer, on that node's own channel.
 */
public sealed interface ClusterMessage {

    /** A peer announced itself on the sending node. */
    record PeerJoined(PeerInfo peer, long announcedAtMillis) implements ClusterMessage {
        public PeerJoined {
            requireNonNull(peer, "peer");
        }
    }

    /** A peer of the sending node left. */
    record PeerLeft(String peerId, String reason) implements ClusterMessage {
        public PeerLeft {
            requireNonNull(peerId, "peerId");
            requireNonNull(reason, "reason");
        }
    }

    /** The sending node republished its peers (after a Redis outage): every node re-reads the registry. */
    record Resync() implements ClusterMessage {}

    /**
     * An offer to a peer of the receiving node. With a {@code relayId}, the sender awaits an
     * {@link OfferResult} for it; without one, the offer was a notification.
     */
    record RelayOffer(Offer offer, @Nullable String relayId) implements ClusterMessage {
        public RelayOffer {
            requireNonNull(offer, "offer");
        }
    }

    /**
     * How the offer relayed with {@code relayId} ended on the answerer's node: its {@code answer},
     * or an error (the §5.1 code and message) when {@code answer} is {@code null}.
     */
    record OfferResult(String relayId, String answerer, @Nullable Answer answer, int errorCode, String errorMessage)
            implements ClusterMessage {
        public OfferResult {
            requireNonNull(relayId, "relayId");
            requireNonNull(answerer, "answerer");
            requireNonNull(errorMessage, "errorMessage");
        }
    }

    record RelayAnswer(Answer answer) implements ClusterMessage {
        public RelayAnswer {
            requireNonNull(answer, "answer");
        }
    }

    record RelayIceCandidate(IceCandidate candidate) implements ClusterMessage {
        public RelayIceCandidate {
            requireNonNull(candidate, "candidate");
        }
    }

    record RelayStateChange(StateChange change) implements ClusterMessage {
        public RelayStateChange {
            requireNonNull(change, "change");
        }
    }

    /** {@code from} hung up on {@code to}, a peer of the receiving node. */
    record RelayDisconnect(String from, String to, String reason) implements ClusterMessage {
        public RelayDisconnect {
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(reason, "reason");
        }
    }
}
