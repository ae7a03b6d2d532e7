package dev.remotemedia.signaling.server;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.grpc.v1.AnswerNotification;
import dev.remotemedia.signaling.grpc.v1.IceCandidateNotification;
import dev.remotemedia.signaling.grpc.v1.Notification;
import dev.remotemedia.signaling.grpc.v1.OfferNotification;
import dev.remotemedia.signaling.grpc.v1.PeerJoinedNotification;
import dev.remotemedia.signaling.grpc.v1.PeerLeftNotification;
import dev.remotemedia.signaling.grpc.v1.PeerState;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.StateChangeNotification;

/**
 * The hub's events as {@code Notification}s (DESIGN.md §5.2), for a {@code Signal} or a
 * {@code Join} stream: {@link #deliver} puts each on its stream.
 */
abstract class GrpcNotificationLink implements PeerLink {
    private final String remote;

    GrpcNotificationLink(String remote) {
    this.remote = remote;
    }

    /** Puts a notification on the stream; non-blocking and thread-safe. */
    abstract void deliver(SignalingResponse notification);

    private void notify(Notification.Builder notification) {
    deliver(SignalingResponse.newBuilder().setNotification(notification).build());
    }

    @Override
    public void peerJoined(AnnouncedPeer peer) {
        notify(Notification.newBuilder().setPeerJoined(
                PeerJoinedNotification.newBuilder().setPeer(ProtoMapping.peerInfo(peer))));
    }

    @Override
    public void peerLeft(String peerId, String reason) {
        notify(Notification.newBuilder().setPeerLeft(
                PeerLeftNotification.newBuilder().setPeerId(peerId).setReason(reason)));
    }

    @Override
    public void offer(Offer offer, @Nullable String relayId) {
        notify(Notification.newBuilder().setOffer(
                OfferNotification.newBuilder().setFromPeerId(offer.from()).setSdp(offer.sdp()).setType("offer")));
    }

    @Override
    public void answer(Answer answer) {
        notify(Notification.newBuilder().setAnswer(
                AnswerNotification.newBuilder().setFromPeerId(answer.from()).setSdp(answer.sdp())
                                  .setType("answer")));
    }

    @Override
    public void iceCandidate(IceCandidate c) {
        final IceCandidateNotification.Builder n = IceCandidateNotification.newBuilder()
                .setFromPeerId(c.from()).setCandidate(c.candidate());
        if (c.sdpMid() != null) {
            n.setSdpMid(c.sdpMid());
        }
        if (c.sdpMLineIndex() != null) {
            n.setSdpMlineIndex(c.sdpMLineIndex());
        }
        if (c.userFragment() != null) {
            n.setUsernameFragment(c.userFragment());
        }
        notify(Notification.newBuilder().setIceCandidate(n));
    }

    @Override
    public void stateChanged(StateChange change) {
        notify(Notification.newBuilder().setStateChanged(StateChangeNotification.newBuilder()
                .setFromPeerId(change.from()).setState(ProtoMapping.peerState(change.connectionState()))));
    }

    /** The proto has no hang-up notification: the peer's connection with {@code from} is disconnected. */
    @Override
    public void disconnect(String from, String to, String reason) {
        notify(Notification.newBuilder().setStateChanged(StateChangeNotification.newBuilder()
                .setFromPeerId(from).setState(PeerState.PEER_STATE_DISCONNECTED)));
    }

    @Override
    public String remote() {
        return remote;
    }
}
