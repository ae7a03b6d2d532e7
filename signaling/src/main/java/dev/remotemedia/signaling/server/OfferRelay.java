package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.Offer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offers in flight between two peers (DESIGN.md §5.1 {@code peer.offer}, §5.2 the offer relay):
 * the server forwards an offer to its receiver with a relay id, and whichever comes first
 * completes the sender's request: the receiver's answer (a JSON-RPC response to the relay id, a
 * {@code peer.answer} with the offer's {@code request_id}, or a gRPC {@code AnswerRequest} to the
 * offerer), the relay timeout ({@code -32008}), or the receiver leaving ({@code -32001}).
 * Protocol-neutral: the receiver's {@link PeerLink} encodes the forwarded offer.
 */
final class OfferRelay {
    /** One forwarded offer. */
    static final class Pending {
        final Offer offer;
        final PeerSession answerer;
        final String relayId;
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        volatile @Nullable ScheduledFuture<?> timeout;

        Pending(Offer offer, PeerSession answerer, String relayId) {
            this.offer = offer;
            this.answerer = answerer;
            this.relayId = relayId;
        }
    }

    private final Map<String, Pending> byKey = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;

    OfferRelay(ScheduledExecutorService scheduler, Duration timeout) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** An id for a request the server sends, distinct from any the server sent before. */
    String nextServerRequestId() {
        return "rm-" + nextId.getAndIncrement();
    }

    /** Forwards {@code offer} to {@code answerer}; the future completes with its answer. */
    CompletableFuture<Answer> forward(Offer offer, PeerSession answerer) {
        final Pending pending = new Pending(offer, answerer, nextServerRequestId());
        final String key = key(offer.to(), offer.from(), offer.requestId());
        if (byKey.putIfAbsent(key, pending) != null) {
            throw new RemoteMediaException(ErrorCode.INVALID_PARAMS, answerer.field("params.request_id")
                    + ": an offer from " + offer.from() + " to " + offer.to() + " with request_id "
                    + offer.requestId() + " is already waiting for its answer");
        }
        answerer.awaitingAnswer.put(pending.relayId, pending);
        try {
            pending.timeout = scheduler.schedule(() -> fail(pending, new RemoteMediaException(
                    ErrorCode.TIMEOUT, "to: " + offer.to() + " did not answer the offer within " + timeout.toMillis()
                                       + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            fail(pending, new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "the server is shutting down"));
            return pending.answer;
        }
        answerer.link().offer(offer, pending.relayId);
        if (answerer.closed()) { // it closed while we registered: sessionClosed may have run before
            failAnswerer(pending);
        }
        return pending.answer;
    }

    /** Completes the offer {@code answer} answers (by its request id); {@code false} when none waits. */
    boolean answer(Answer answer) {
        final Pending pending = byKey.get(key(answer.from(), answer.to(), answer.requestId()));
        if (pending == null) {
            return false;
        }
        complete(pending, answer);
        return true;
    }

    /**
     * Completes the oldest offer from {@code offerer} that {@code answerer} has not answered yet (a
     * gRPC answer names no request id); returns {@code false} when none waits.
     */
    boolean answerOldest(PeerSession answerer, String offerer, String sdp) {
        Pending oldest = null;
        for (Pending pending : answerer.awaitingAnswer.values()) {
            if (pending.offer.from().equals(offerer)
                && (oldest == null || relayNumber(pending) < relayNumber(oldest))) {
                oldest = pending;
            }
        }
        if (oldest == null) {
            return false;
        }
        complete(oldest, Answer.to(oldest.offer, sdp, true));
        return true;
    }

    /** {@code answerer}'s answer to the offer it got with {@code relayId}; unknown ids are ignored. */
    void answered(PeerSession answerer, String relayId, Answer answer) {
        final Pending pending = answerer.awaitingAnswer.get(relayId);
        if (pending != null) {
            complete(pending, answer);
        }
    }

    /** {@code answerer} refused the offer it got with {@code relayId}; unknown ids are ignored. */
    void refused(PeerSession answerer, String relayId, RuntimeException why) {
        final Pending pending = answerer.awaitingAnswer.get(relayId);
        if (pending != null) {
            fail(pending, why);
        }
    }

    /** The offer {@code answerer} got with {@code relayId}, or {@code null}. */
    @Nullable Offer offerOf(PeerSession answerer, String relayId) {
        final Pending pending = answerer.awaitingAnswer.get(relayId);
        return pending == null ? null : pending.offer;
    }

    /**
     * {@code answerer} hung up on {@code offerer}: the offers from {@code offerer} it has not
     * answered fail with {@code -32001}. This is how a gRPC peer, which has no way to answer an
     * offer with an error, refuses one.
     */
    void hungUp(PeerSession answerer, String offerer, String reason) {
        for (Pending pending : answerer.awaitingAnswer.values()) {
            if (pending.offer.from().equals(offerer)) {
                fail(pending, new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "to: " + pending.offer.to()
                                                       + " hung up instead of answering: " + reason));
            }
        }
    }

    /** Fails the offers {@code session} was to answer. */
    void sessionClosed(PeerSession session) {
        for (Pending pending : session.awaitingAnswer.values()) {
            failAnswerer(pending);
        }
    }

    int pendingCount() {
        return byKey.size();
    }

    private static long relayNumber(Pending pending) {
        return Long.parseLong(pending.relayId.substring(3));
    }

    private void failAnswerer(Pending pending) {
        fail(pending, new RemoteMediaException(ErrorCode.CONNECTION_FAILED,
                                               "to: " + pending.offer.to() + " left before answering the offer"));
    }

    private void complete(Pending pending, Answer answer) {
        if (forget(pending)) {
            pending.answer.complete(answer);
        }
    }

    private void fail(Pending pending, RuntimeException cause) {
        if (forget(pending)) {
            pending.answer.completeExceptionally(cause);
        }
    }

    private boolean forget(Pending pending) {
        final Offer offer = pending.offer;
        final boolean removed = byKey.remove(key(offer.to(), offer.from(), offer.requestId()), pending);
        pending.answerer.awaitingAnswer.remove(pending.relayId, pending);
        final ScheduledFuture<?> timer = pending.timeout;
        if (timer != null) {
            timer.cancel(false);
        }
        return removed;
    }

    private static String key(String answerer, String offerer, String requestId) {
        return answerer + '\n' + offerer + '\n' + requestId;
    }
}
