package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
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

    /** The hub's events as notifications on this stream. */
    static final class Link extends GrpcNotificationLink {
        private final GrpcOutbox outbox;
        private volatile @Nullable Runnable abort;

        Link(GrpcOutbox outbox, String remote) {
            super(remote);
            this.outbox = outbox;
        }

        @Override
        void deliver(SignalingResponse notification) {
            outbox.send(notification);
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
    }
}
