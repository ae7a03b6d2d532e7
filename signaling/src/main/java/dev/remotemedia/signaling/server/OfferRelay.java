package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.JsonRpcError;
import dev.remotemedia.signaling.jsonrpc.JsonRpcMessage;
import dev.remotemedia.signaling.jsonrpc.Params;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offers in flight between two peers (DESIGN.md §5.1 {@code peer.offer}): the server forwards an
 * offer to its receiver as a request, and whichever comes first completes the sender's request:
 * the receiver's response to that request, its {@code peer.answer} with the same
 * {@code request_id}, the relay timeout ({@code -32008}), or the receiver leaving ({@code -32001}).
 */
final class OfferRelay {
    /** One forwarded offer. */
    static final class Pending {
        final Offer offer;
        final PeerSession answerer;
        final String serverRequestId;
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        volatile @Nullable ScheduledFuture<?> timeout;

        Pending(Offer offer, PeerSession answerer, String serverRequestId) {
            this.offer = offer;
            this.answerer = answerer;
            this.serverRequestId = serverRequestId;
        }
    }

    private final Map<String, Pending> byKey = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final JsonRpcCodec codec;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;

    OfferRelay(JsonRpcCodec codec, ScheduledExecutorService scheduler, Duration timeout) {
        this.codec = requireNonNull(codec, "codec");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** An id for a request the server sends, distinct from any the server sent before. */
    String nextServerRequestId() {
        return "rm-" + nextId.getAndIncrement();
    }

    /** Forwards {@code offer} to {@code answerer} as a request; the future completes with its answer. */
    CompletableFuture<Answer> forward(Offer offer, PeerSession answerer) {
        final Pending pending = new Pending(offer, answerer, nextServerRequestId());
        final String key = key(offer.to(), offer.from(), offer.requestId());
        if (byKey.putIfAbsent(key, pending) != null) {
            throw Params.invalid("params.request_id: an offer from " + offer.from() + " to " + offer.to()
                                 + " with request_id " + offer.requestId() + " is already waiting for its answer");
        }
        answerer.awaitingAnswer.put(pending.serverRequestId, pending);
        try {
            pending.timeout = scheduler.schedule(() -> fail(pending, new RemoteMediaException(
                    ErrorCode.TIMEOUT, "to: " + offer.to() + " did not answer the offer within " + timeout.toMillis()
                                       + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            fail(pending, new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "the server is shutting down"));
            return pending.answer;
        }
        answerer.send(codec.encode(new JsonRpcMessage.Request(
                TextNode.valueOf(pending.serverRequestId), SignalingMethods.OFFER, offer.toParams())));
        if (answerer.closed()) { // it closed while we registered: sessionClosed may have run before
            failAnswerer(pending);
        }
        return pending.answer;
    }

    /** Completes the offer {@code answer} answers; returns {@code false} when none is waiting. */
    boolean answer(Answer answer) {
        final Pending pending = byKey.get(key(answer.from(), answer.to(), answer.requestId()));
        if (pending == null) {
            return false;
        }
        complete(pending, answer);
        return true;
    }

    /** A response from {@code answerer} to a forwarded offer; unknown ids are ignored. */
    void response(PeerSession answerer, JsonRpcMessage response) {
        final String id = response instanceof JsonRpcMessage.Response r ? r.id().asText()
                          : ((JsonRpcMessage.ErrorResponse) response).id().asText();
        final Pending pending = answerer.awaitingAnswer.get(id);
        if (pending == null) {
            return;
        }
        final Offer offer = pending.offer;
        if (response instanceof JsonRpcMessage.ErrorResponse error) {
            final JsonRpcError e = error.error();
            fail(pending, new JsonRpcError(e.code(), "to: " + offer.to() + " refused the offer: " + e.message(),
                                           e.data()).toException());
            return;
        }
        final Answer answer;
        try {
            answer = Answer.fromResult(offer, Params.of(((JsonRpcMessage.Response) response).result()));
        } catch (RemoteMediaException e) {
            fail(pending, new RemoteMediaException(
                    ErrorCode.ANSWER_INVALID, "to: " + offer.to() + " answered with an invalid result: " + e.getMessage()));
            return;
        }
        if (!SignalingHub.looksLikeSdp(answer.sdp())) {
            fail(pending, new RemoteMediaException(ErrorCode.ANSWER_INVALID, "to: " + offer.to()
                                                   + " answered with an sdp that does not start with v=0"));
            return;
        }
        complete(pending, answer);
    }

    /** Fails the offers {@code session} was to answer and forgets those it sent. */
    void sessionClosed(PeerSession session) {
        for (Pending pending : session.awaitingAnswer.values()) {
            failAnswerer(pending);
        }
    }

    int pendingCount() {
        return byKey.size();
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
        pending.answerer.awaitingAnswer.remove(pending.serverRequestId, pending);
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
