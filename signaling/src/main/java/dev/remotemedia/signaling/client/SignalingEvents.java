package dev.remotemedia.signaling.client;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.jsonrpc.Params;

/** Turns the server's notifications (DESIGN.md §5.1) into {@link SignalingEvent}s. */
final class SignalingEvents {
    private SignalingEvents() {}

    /**
     * The event for a notification of canonical {@code method}, or {@code null} for a method a
     * client does not handle.
     *
     * @throws dev.remotemedia.rtc.common.error.RemoteMediaException when the params are malformed
     */
    static @Nullable SignalingEvent fromNotification(String method, Params params) {
        switch (method) {
            case SignalingMethods.ANNOUNCED:
                return new SignalingEvent.PeerAnnounced(PeerInfo.fromJson(params.node()));
            case SignalingMethods.LEFT:
                return new SignalingEvent.PeerLeft(params.requiredString("peer_id"), orEmpty(params.optionalString("reason")));
            case SignalingMethods.OFFER:
                return new SignalingEvent.OfferReceived(Offer.fromParams(params, ""));
            case SignalingMethods.ANSWER:
                return new SignalingEvent.AnswerReceived(Answer.fromParams(params));
            case SignalingMethods.ICE_CANDIDATE:
                return new SignalingEvent.IceCandidateReceived(IceCandidate.fromParams(params));
            case SignalingMethods.STATE_CHANGED:
                return new SignalingEvent.PeerStateChanged(StateChange.fromParams(params));
            case SignalingMethods.DISCONNECT:
                return new SignalingEvent.DisconnectReceived(params.requiredString("from"),
                                                             orEmpty(params.optionalString("reason")));
            default:
                return null;
        }
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }
}
