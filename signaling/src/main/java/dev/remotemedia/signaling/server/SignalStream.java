package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
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
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.StateChangeNotification;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code Signal} stream (DESIGN.md §5.2): its requests go to the hub one by one, each answered
 * with its request_id; the hub's events come back as notifications. Faults of the stream itself
 * end it with a status: an undecodable message, a rate-limit breach, a request without
 * request_id (grpc-java itself ends it for an oversized message).
 */
final class SignalStream implements StreamObserver<GrpcSignalingServer.Inbound> {
    private static final Logger logger = LoggerFactory.getLogger(SignalStream.class);

    private final SignalingHub hub;
    private final GrpcRequests requests;
    private final GrpcOutbox outbox;
    private final PeerSession session;
    private final TokenBucket bucket;
    private final TimeSource time;
    private final int messagesPerSecond;
    private final int messageBurst;
    private final String remote;
    private final AtomicBoolean ended = new AtomicBoolean();

    SignalStream(GrpcSignalingServer server, ServerCallStreamObserver<SignalingResponse> responses,
                 boolean bearerAuthorized, String remote) {
        final SignalingServer signaling = server.signaling();
        hub = signaling.hub();
        requests = server.requests();
        time = signaling.timeSource();
        messagesPerSecond = signaling.messagesPerSecond();
        messageBurst = signaling.messageBurst();
        this.remote = requireNonNull(remote, "remote");
        bucket = new TokenBucket(messagesPerSecond, messageBurst, time.nowNanos());
        outbox = new GrpcOutbox(responses, signaling.maxQueuedBytes(), () -> {
            signaling.droppedSlowClientCounter().incrementAndGet();
            logger.info("dropped gRPC signaling stream from {}: it does not read", remote);
            ended("connection lost");
        });
        final Link link = new Link(outbox, remote);
        link.onAbort(() -> ended("connection lost"));
        session = new PeerSession(link, Dialect.GRPC, bearerAuthorized);
        responses.setOnCancelHandler(() -> ended("connection lost"));
    }

    @Override
    public void onNext(GrpcSignalingServer.Inbound inbound) {
        if (outbox.finishing()) {
            return;
        }
        if (!bucket.tryTake(1, time.nowNanos())) {
            abusive(Status.RESOURCE_EXHAUSTED.withDescription(
                    "rate limit exceeded: more than " + messagesPerSecond + " messages per second (burst "
                    + messageBurst + "); closing the stream"));
            return;
        }
        final SignalingRequest request = inbound.request();
        if (request == null) {
            abusive(Status.INVALID_ARGUMENT.withDescription("undecodable SignalingRequest: " + inbound.error()));
            return;
        }
        if (request.getRequestId().isEmpty()) {
            abusive(Status.INVALID_ARGUMENT.withDescription(
                    "request_id: missing; every request needs a non-empty request_id (" + GrpcRequests.name(request)
                    + ')'));
            return;
        }
        requests.handle(session, request).thenAccept(outbox::send);
    }

    private void abusive(Status status) {
        logger.info("closing gRPC signaling stream {}: {}", session, status.getDescription());
        outbox.finish(status);
        ended("connection closed");
    }

    @Override
    public void onError(Throwable t) {
        logger.debug("gRPC signaling stream {} failed: {}", session, t.toString());
        ended("connection lost");
    }

    @Override
    public void onCompleted() {
        // The client half-closed: it sends no more requests, so the peer leaves and the stream ends.
        ended("connection closed");
        outbox.finish(Status.OK);
    }

    private void ended(String reason) {
        if (ended.compareAndSet(false, true)) {
            hub.sessionClosed(session, reason);
        }
    }

    /** The hub's events as notifications on a Signal or Join stream. */
    static final class Link implements PeerLink {
        private final GrpcOutbox outbox;
        private final String remote;
        private volatile @Nullable Runnable abort;

        Link(GrpcOutbox outbox, String remote) {
            this.outbox = outbox;
            this.remote = remote;
        }

        private void notify(Notification.Builder notification) {
            outbox.send(SignalingResponse.newBuilder().setNotification(notification).build());
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
        public void abort() {
            outbox.finish(Status.UNAVAILABLE.withDescription("dropped by the server"));
            final Runnable r = abort;
            if (r != null) {
                r.run();
            }
        }

        void onAbort(Runnable abort) {
            this.abort = abort;
        }

        @Override
        public String remote() {
            return remote;
        }
    }
}
