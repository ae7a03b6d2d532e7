package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.error.GrpcStatusCode;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Puts one session's {@code Send} calls in {@code seq} order (DESIGN.md §5.2): seq 1, 2, 3, … are
 * applied as they come; one that arrives early is held until the gap fills, at most
 * {@code maxWait} (then it fails with ABORTED); a seq already used fails with INVALID_ARGUMENT.
 * Thread-safe; {@code apply} runs outside the lock, in seq order.
 *
 * @param <T> a call
 */
final class SendSequencer<T> {
    /** Why a call was not applied. */
    interface Refusal<T> {
        void refuse(T call, GrpcStatusCode status, String message);
    }

    private final Consumer<T> apply;
    private final Refusal<T> refuse;
    private final ScheduledExecutorService timers;
    private final Duration maxWait;
    private final int maxHeld;
    private final TreeMap<Long, Held<T>> held = new TreeMap<>();
    private long next = 1;
    private boolean applying;

    private record Held<T>(T call, ScheduledFuture<?> timer) {}

    SendSequencer(Consumer<T> apply, Refusal<T> refuse, ScheduledExecutorService timers, Duration maxWait,
                  int maxHeld) {
        this.apply = requireNonNull(apply, "apply");
        this.refuse = requireNonNull(refuse, "refuse");
        this.timers = requireNonNull(timers, "timers");
        this.maxWait = requireNonNull(maxWait, "maxWait");
        this.maxHeld = maxHeld;
    }

    /** Takes the call numbered {@code seq}. */
    void submit(long seq, T call) {
        synchronized (this) {
            if (seq < next || held.containsKey(seq)) {
                refuseLater(call, GrpcStatusCode.INVALID_ARGUMENT, "seq: " + seq + " was already used in this session"
                                                                   + " (the next one expected is " + next + ')');
                return;
            }
            if (seq > next) {
                if (held.size() >= maxHeld) {
                    refuseLater(call, GrpcStatusCode.RESOURCE_EXHAUSTED, "seq: " + seq + " arrived while "
                                + maxHeld + " calls already wait for seq " + next);
                    return;
                }
                final ScheduledFuture<?> timer;
                try {
                    timer = timers.schedule(() -> expire(seq), maxWait.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    refuseLater(call, GrpcStatusCode.UNAVAILABLE, "the server is shutting down");
                    return;
                }
                held.put(seq, new Held<>(call, timer));
                return;
            }
            held.put(seq, new Held<>(call, null));
            if (applying) {
                return; // the thread applying now takes it in order
            }
            applying = true;
        }
        drain();
    }

    private void drain() {
        while (true) {
            final T call;
            synchronized (this) {
                final Held<T> h = held.get(next);
                if (h == null) {
                    applying = false;
                    return;
                }
                held.remove(next);
                next++;
                if (h.timer() != null) {
                    h.timer().cancel(false);
                }
                call = h.call();
            }
            apply.accept(call);
        }
    }

    private void expire(long seq) {
        final Held<T> h;
        final long waitingFor;
        synchronized (this) {
            h = held.remove(seq);
            waitingFor = next;
        }
        if (h != null) {
            refuse.refuse(h.call(), GrpcStatusCode.ABORTED, "seq: " + seq + " waited " + maxWait.toMillis()
                                                             + " ms for seq " + waitingFor + ", which never came");
        }
    }

    /** Refusals run after the lock is released: the caller's answer may write to a socket. */
    private void refuseLater(T call, GrpcStatusCode status, String message) {
        try {
            timers.execute(() -> refuse.refuse(call, status, message));
        } catch (RejectedExecutionException e) {
            refuse.refuse(call, GrpcStatusCode.UNAVAILABLE, "the server is shutting down");
        }
    }
}
