package dev.remotemedia.rtc.pc;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in order, on a shared executor: the codec work of one track (DESIGN.md
 * §4: codec work never runs on a network loop, and is serial per track so a codec needs no lock).
 * The queue is bounded: when a codec falls that far behind, new tasks are dropped and counted, so a
 * slow track cannot hold unbounded memory. A track runs at most {@link #BATCH} tasks before it
 * gives its pool thread back, so a slow sink or codec cannot keep the other tracks waiting.
 */
final class SerialExecutor implements Executor {
    private static final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);

    static final int BATCH = 8;
    private final Executor pool;
    private final int maxQueued;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    final AtomicLong dropped = new AtomicLong();

    SerialExecutor(Executor pool, int maxQueued) {
        this.pool = pool;
        this.maxQueued = maxQueued;
    }

    @Override
    public void execute(Runnable task) {
        enqueue(task, false);
    }

    /** Queues {@code task} even when the queue is full: for a track's last task, which frees its codec. */
    void executeAlways(Runnable task) {
        enqueue(task, true);
    }

    private void enqueue(Runnable task, boolean always) {
        synchronized (queue) {
            if (!always && queue.size() >= maxQueued) {
                dropped.incrementAndGet();
                return;
            }
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            pool.execute(this::drain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The pool is shut down (the factory closed): run what is left here, so codecs are freed.
            drainAll();
        }
    }

    private void drainAll() {
        while (true) {
            final Runnable task;
            synchronized (queue) {
                task = queue.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            run(task);
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            final Runnable task;
            synchronized (queue) {
                task = queue.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            run(task);
        }
        try {
            pool.execute(this::drain); // more to do: back in the pool's queue, behind the other tracks
        } catch (java.util.concurrent.RejectedExecutionException e) {
            drainAll();
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            logger.warn("codec task failed; the track goes on", e);
        }
    }
}
