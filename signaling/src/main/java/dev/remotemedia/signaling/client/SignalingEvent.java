package dev.remotemedia.signaling.client;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.StateChange;
import java.time.Duration;

/** What a {@link SignalingClient} reports to its listeners, in the order it happened. */
public sealed interface SignalingEvent {

    /**
     * The client's connection state changed. {@code attempt} counts reconnection attempts since the
     * connection was lost (0 otherwise); {@code retryIn} is the delay before the next attempt when
     * {@code state} is {@link ConnectionState#RECONNECTING}; {@code reason} says why, when known.
     */
    record StateChanged(ConnectionState state, int attempt, @Nullable Duration retryIn, @Nullable String reason)
            implements SignalingEvent {
        public StateChanged {
            requireNonNull(state, "state");
        }
    }

    /** Another peer announced itself (or re-announced after reconnecting). */
    record PeerAnnounced(PeerInfo peer) implements SignalingEvent {
        public PeerAnnounced {
            requireNonNull(peer, "peer");
        }
    }

    /** A peer left; close any connection with it. */
    record PeerLeft(String peerId, String reason) implements SignalingEvent {
        public PeerLeft {
            requireNonNull(peerId, "peerId");
            requireNonNull(reason, "reason");
        }
    }

    /**
     * An offer the application answers with {@link SignalingClient#answer(Answer)}: sent as a
     * notification, or sent as a request while no {@link OfferHandler} is installed.
     */
    record OfferReceived(Offer offer) implements SignalingEvent {
        public OfferReceived {
            requireNonNull(offer, "offer");
        }
    }

    /** An answer relayed as a {@code peer.answer} notification (to an offer sent as a notification). */
    record AnswerReceived(Answer answer) implements SignalingEvent {
        public AnswerReceived {
            requireNonNull(answer, "answer");
        }
    }

    /** A trickled ICE candidate, or the end of candidates when {@link IceCandidate#isEndOfCandidates()}. */
    record IceCandidateReceived(IceCandidate candidate) implements SignalingEvent {
        public IceCandidateReceived {
            requireNonNull(candidate, "candidate");
        }
    }

    /** Another peer reported the state of its connection with this one. */
    record PeerStateChanged(StateChange change) implements SignalingEvent {
        public PeerStateChanged {
            requireNonNull(change, "change");
        }
    }

    /** {@code from} ended its connection with this peer. */
    record DisconnectReceived(String from, String reason) implements SignalingEvent {
        public DisconnectReceived {
            requireNonNull(from, "from");
            requireNonNull(reason, "reason");
        }
    }
}
