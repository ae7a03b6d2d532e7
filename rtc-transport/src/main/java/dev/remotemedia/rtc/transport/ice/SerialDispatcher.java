package dev.remotemedia.rtc.transport.ice;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to a listener on an executor, one at a time and in the order they were posted,
 * even when the executor has many threads. Posting never runs the listener: it only queues and,
 * if no drain is pending, submits one. So a thread holding ice4j's locks or ours can post.
 */
final class SerialDispatcher<E> {

    private static final Logger logger = LoggerFactory.getLogger(SerialDispatcher.class);

    private final Executor executor;
    private final Consumer<? super E> listener;
    private final Queue<E> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialDispatcher(Executor executor, Consumer<? super E> listener) {
        this.executor = executor;
        this.listener = listener;
    }

    void post(E event) {
        queue.add(event);
        schedule();
    }

    private void schedule() {
        if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
            logger.debug("event executor rejected a drain, dropping {} events", queue.size());
            queue.clear();
        }
    }

    private void drain() {
        try {
            E event;
            while ((event = queue.poll()) != null) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    logger.warn("ICE event listener threw on {}", event, e);
                }
            }
        } finally {
            scheduled.set(false);
            schedule();
        }
    }
}
