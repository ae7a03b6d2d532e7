package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.grpc.v1.AckResponse;
import dev.remotemedia.signaling.grpc.v1.AnnounceRequest;
import dev.remotemedia.signaling.grpc.v1.AnswerRequest;
import dev.remotemedia.signaling.grpc.v1.DisconnectRequest;
import dev.remotemedia.signaling.grpc.v1.IceCandidateRequest;
import dev.remotemedia.signaling.grpc.v1.OfferRequest;
import dev.remotemedia.signaling.grpc.v1.PeerListResponse;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.StateChangeRequest;
import java.util.concurrent.CompletableFuture;

/**
 * The requests of {@code SignalingRequest} (DESIGN.md §5.2) on the hub, for {@code Signal} and
 * {@code Send} alike: each becomes exactly one response with its {@code request_id}, an ack, a peer
 * list or an {@code ErrorResponse}. Never fails: a failure is the ErrorResponse.
 */
final class GrpcRequests {
    private final SignalingHub hub;

    GrpcRequests(SignalingHub hub) {
        this.hub = requireNonNull(hub, "hub");
    }

    /** What a request asks, in the words of its errors. */
    static String name(SignalingRequest request) {
        return switch (request.getRequestCase()) {
            case ANNOUNCE -> "announce";
            case OFFER -> "offer";
            case ANSWER -> "answer";
            case ICE_CANDIDATE -> "ice_candidate";
            case DISCONNECT -> "disconnect";
            case LIST_PEERS -> "list_peers";
            case STATE_CHANGED -> "state_changed";
            case REQUEST_NOT_SET -> "request";
        };
    }

    /**
     * Handles {@code request} (its request_id already checked) for {@code session};
     * {@code bearerAuthorized} tells whether the call's metadata carried the server's token.
     */
    CompletableFuture<SignalingResponse> handle(PeerSession session, SignalingRequest request) {
        final String name = name(request);
        CompletableFuture<SignalingResponse> response;
        try {
            response = dispatch(session, request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.handle((ok, failure) -> failure == null ? ok : SignalingResponse.newBuilder()
                .setRequestId(request.getRequestId()).setError(ProtoMapping.error(failure, name)).build());
    }

    private CompletableFuture<SignalingResponse> dispatch(PeerSession session, SignalingRequest request) {
        final String id = request.getRequestId();
        return switch (request.getRequestCase()) {
            case ANNOUNCE -> announce(session, request.getAnnounce()).thenApply(ack -> ack(id, ack));
            case LIST_PEERS -> CompletableFuture.completedFuture(SignalingResponse.newBuilder().setRequestId(id)
                    .setPeerList(PeerListResponse.newBuilder().addAllPeers(
                            ProtoMapping.peerInfos(hub.list(session, "list_peers")))).build());
            case OFFER -> offer(session, id, request.getOffer()).thenApply(ack -> ack(id, ack));
            case ANSWER -> answer(session, request.getAnswer()).thenApply(unused -> ack(id, null));
            case ICE_CANDIDATE -> iceCandidate(session, request.getIceCandidate()).thenApply(unused -> ack(id, null));
            case STATE_CHANGED -> stateChanged(session, request.getStateChanged()).thenApply(unused -> ack(id, null));
            case DISCONNECT -> disconnect(session, request.getDisconnect()).thenApply(unused -> ack(id, null));
            case REQUEST_NOT_SET -> throw new RemoteMediaException(ErrorCode.METHOD_NOT_FOUND,
                    "request: no request this server knows is set" + unknownFields(request));
        };
    }

    private static String unknownFields(SignalingRequest request) {
        final var fields = request.getUnknownFields().asMap().keySet();
        return fields.isEmpty() ? "" : " (unknown field numbers " + fields + ')';
    }

    /** Announces for {@code session}; a refusal fails the future (never throws). */
    CompletableFuture<AckResponse> announce(PeerSession session, AnnounceRequest announce) {
        try {
            return announceOrThrow(session, announce);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<AckResponse> announceOrThrow(PeerSession session, AnnounceRequest announce) {
        final String token = announce.getAuthToken().isEmpty() ? null : announce.getAuthToken();
        return hub.announce(session, announce.getPeerId(), ProtoMapping.capabilities(announce.getCapabilities()),
                            ProtoMapping.userData(announce.getMetadataMap()), token)
                  .thenApply(registration -> AckResponse.newBuilder()
                          .addAllPeers(ProtoMapping.peerInfos(registration.others())).build());
    }

    private CompletableFuture<AckResponse> offer(PeerSession session, String requestId, OfferRequest offer) {
        final String self = SignalingHub.requireAnnounced(session, "offer");
        final String to = requireTo(offer.getToPeerId());
        requireType(offer.getType(), "offer");
        final String pipeline = offer.getPipeline().isEmpty() ? null : offer.getPipeline();
        if (pipeline != null && pipeline.length() > Offer.MAX_PIPELINE_NAME_LENGTH) {
            throw invalid("offer.pipeline: " + pipeline.length() + " characters (expected: a pipeline name of 1 to "
                          + Offer.MAX_PIPELINE_NAME_LENGTH + " characters)");
        }
        return hub.offer(session, new Offer(self, to, offer.getSdp(), true, requestId, pipeline), false)
                  .thenApply(answer -> {
                      final Answer a = requireNonNull(answer, "answer");
                      session.link().answer(a);
                      return AckResponse.newBuilder().setSdp(a.sdp()).build();
                  });
    }

    private CompletableFuture<String> answer(PeerSession session, AnswerRequest answer) {
        final String self = SignalingHub.requireAnnounced(session, "answer");
        final String to = requireTo(answer.getToPeerId());
        requireType(answer.getType(), "answer");
        return hub.answer(session, new Answer(self, to, answer.getSdp(), true, ""), false);
    }

    private CompletableFuture<String> iceCandidate(PeerSession session, IceCandidateRequest c) {
        final String self = SignalingHub.requireAnnounced(session, "ice_candidate");
        return hub.iceCandidate(session, new IceCandidate(self, requireTo(c.getToPeerId()), c.getCandidate(),
                                                   c.getSdpMlineIndex(), emptyToNull(c.getSdpMid()),
                                                   emptyToNull(c.getUsernameFragment())));
    }

    private CompletableFuture<String> stateChanged(PeerSession session, StateChangeRequest change) {
        final String self = SignalingHub.requireAnnounced(session, "state_changed");
        return hub.stateChanged(session, new StateChange(self, requireTo(change.getToPeerId()),
                                                  ProtoMapping.stateName(change.getState()), null, null, null));
    }

    private CompletableFuture<String> disconnect(PeerSession session, DisconnectRequest disconnect) {
        SignalingHub.requireAnnounced(session, "disconnect");
        final String reason = disconnect.getReason().isEmpty() ? "disconnected" : disconnect.getReason();
        return hub.disconnect(session, emptyToNull(disconnect.getToPeerId()), reason);
    }

    private static String requireTo(String to) {
        if (to.isEmpty()) {
            throw invalid("to_peer_id: missing (expected: the peer id to send to)");
        }
        return to;
    }

    private static void requireType(String type, String expected) {
        if (!type.isEmpty() && !type.equals(expected)) {
            throw invalid("type: '" + type + "' (expected: " + expected + " or empty)");
        }
    }

    private static @Nullable String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static RemoteMediaException invalid(String message) {
        return new RemoteMediaException(ErrorCode.INVALID_PARAMS, message);
    }

    private static SignalingResponse ack(String requestId, @Nullable AckResponse ack) {
        return SignalingResponse.newBuilder().setRequestId(requestId)
                                .setAck(ack == null ? AckResponse.getDefaultInstance() : ack).build();
    }
}
