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
 * slow track cannot hold unbounded memory.
 */
final class SerialExecutor implements Executor {
    private static final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);

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
        synchronized (queue) {
            if (queue.size() >= maxQueued) {
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
            synchronized (queue) {
                queue.clear();
                running = false;
            }
        }
    }

    private void drain() {
        while (true) {
            final Runnable task;
            synchronized (queue) {
                task = queue.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                logger.warn("codec task failed; the track goes on", e);
            }
        }
    }
}
