package dev.remotemedia.pipeline.runtime;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's outputs as a {@link Flow.Publisher} (Reactive Streams 1.0.4). Signals are sent only by
 * the session's actor ({@link #deliver()}), one run at a time, so they are serial (§1.3);
 * {@code request} and {@code cancel} only record what was asked and wake the actor, so they never
 * call the subscriber back and never recurse (§3.3).
 */
final class OutputPublisher implements Flow.Publisher<RuntimeData> {
    private static final Logger logger = LoggerFactory.getLogger(OutputPublisher.class);

    private final StreamSession session;
    // Guarded by session.lock(); subscriber is also volatile so the actor can skip the lock when there is none.
    private boolean claimed;
    private volatile @Nullable Flow.Subscriber<? super RuntimeData> subscriber;
    private long demand;
    private boolean cancelled;
    private boolean terminated;
    private @Nullable Throwable requestError;

    OutputPublisher(StreamSession session) {
        this.session = session;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super RuntimeData> s) {
        if (s == null) {
            throw new NullPointerException("subscriber"); // §1.9
        }
        session.lock().lock();
        final boolean first = !claimed;
        claimed = true;
        session.lock().unlock();
        if (!first) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            s.onError(new IllegalStateException(session.id() + ": outputs already have a subscriber"));
            return;
        }
        s.onSubscribe(new Subscription());
        session.lock().lock();
        try {
            if (!cancelled) {
                subscriber = s;
            }
        } finally {
            session.lock().unlock();
        }
        session.schedule();
    }

    /** Sends what demand allows, then the terminal signal once the session has ended. Actor only. */
    void deliver() {
        if (subscriber == null) {
            return;
        }
        while (true) {
            final Flow.Subscriber<? super RuntimeData> s;
            RuntimeData next = null;
            Throwable terminal = null;
            boolean complete = false;
            session.lock().lock();
            try {
                s = subscriber;
                if (s == null || terminated) {
                    return;
                }
                if (requestError != null) {
                    terminal = requestError;
                    terminated = true;
                    subscriber = null;
                } else if (demand > 0 && (next = session.pollOutputLocked()) != null) {
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                } else if (session.drainedLocked()) {
                    terminal = session.errorLocked();
                    complete = terminal == null;
                    terminated = true;
                    subscriber = null; // §3.13: drop the reference once terminated
                } else {
                    return;
                }
            } finally {
                session.lock().unlock();
            }
            try {
                if (next != null) {
                    s.onNext(next);
                } else if (complete) {
                    s.onComplete();
                } else {
                    s.onError(terminal);
                }
            } catch (Throwable t) {
                // §2.13: a subscriber that throws is treated as having cancelled.
                logger.warn("{}: output subscriber threw; cancelling it", session.id(), t);
                cancel();
            }
        }
    }

    /** Whether {@link #deliver()} has something to send; the caller holds the session lock. */
    boolean hasSignalsLocked(ArrayDeque<RuntimeData> outputs, boolean ended) {
        if (subscriber == null || terminated) {
            return false;
        }
        return requestError != null || (demand > 0 && !outputs.isEmpty()) || (ended && outputs.isEmpty());
    }

    private void cancel() {
        session.lock().lock();
        try {
            cancelled = true;
            subscriber = null;
        } finally {
            session.lock().unlock();
        }
    }

    private final class Subscription implements Flow.Subscription {
        @Override
        public void request(long n) {
            session.lock().lock();
            try {
                if (cancelled || terminated) {
                    return; // §3.6
                }
                if (n <= 0) {
                    requestError = new IllegalArgumentException("request: " + n + " (expected: > 0, §3.9)");
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n; // §3.17: cap at Long.MAX_VALUE
                }
            } finally {
                session.lock().unlock();
            }
            session.schedule();
        }

        @Override
        public void cancel() {
            OutputPublisher.this.cancel();
        }
    }
}
