package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The responses waiting for one gRPC stream, sent as its flow control allows. Any thread may
 * {@link #send} or {@link #finish}; writes to the stream happen one at a time (a work-in-progress
 * counter elects the drainer), so the stream's observer is never called concurrently. Bounded:
 * when more than {@code maxQueuedBytes} wait, the client is taken for one that stopped reading:
 * the queue is dropped, the stream ends with RESOURCE_EXHAUSTED and {@code onOverflow} runs.
 */
final class GrpcOutbox {
    private final ServerCallStreamObserver<SignalingResponse> stream;
    private final long maxQueuedBytes;
    private final Runnable onOverflow;
    private final Queue<SignalingResponse> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile @Nullable Status terminal;
    private volatile boolean done;

    GrpcOutbox(ServerCallStreamObserver<SignalingResponse> stream, long maxQueuedBytes, Runnable onOverflow) {
        this.stream = requireNonNull(stream, "stream");
        this.maxQueuedBytes = maxQueuedBytes;
        this.onOverflow = requireNonNull(onOverflow, "onOverflow");
        stream.setOnReadyHandler(this::drain);
    }

    /** Queues {@code response}; ignored once the stream is finishing. */
    void send(SignalingResponse response) {
        if (terminal != null) {
            return;
        }
        final long queued = queuedBytes.addAndGet(response.getSerializedSize());
        if (queued > maxQueuedBytes) {
            finish(Status.RESOURCE_EXHAUSTED.withDescription(
                    "the client does not read: " + queued + " bytes wait for it (limit " + maxQueuedBytes + ")"));
            onOverflow.run();
            return;
        }
        queue.add(response);
        drain();
    }

    /**
     * Ends the stream with {@code status} (OK: completed) after the responses already queued, or,
     * for an error, at once without them.
     */
    void finish(Status status) {
        if (terminal == null) {
            terminal = status;
            drain();
        }
    }

    boolean finishing() {
        return terminal != null;
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!done) {
                drainOnce();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drainOnce() {
        final Status end = terminal;
        if (end != null && !end.isOk()) {
            queue.clear();
            close(end);
            return;
        }
        if (stream.isCancelled()) {
            queue.clear();
            done = true;
            return;
        }
        SignalingResponse next;
        while (stream.isReady() && (next = queue.poll()) != null) {
            queuedBytes.addAndGet(-next.getSerializedSize());
            stream.onNext(next);
        }
        if (end != null && queue.isEmpty()) {
            close(end);
        }
    }

    private void close(Status status) {
        done = true;
        try {
            if (status.isOk()) {
                stream.onCompleted();
            } else {
                stream.onError(status.asRuntimeException());
            }
        } catch (IllegalStateException alreadyClosed) {
            // The call was cancelled or closed meanwhile: nothing is left to tell the client.
        }
    }
}
