package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns the protocol state of every peer connection pinned to it (DESIGN.md §4).
 * Socket readers, ice4j callbacks and DTLS handshake threads never touch that state: they
 * {@link #post} a task here. Tasks run one at a time in the order they were posted; a task that
 * throws is logged and does not stop the loop.
 *
 * <p>Posted tasks wait in a lock-free queue that one executor task drains in batches: a socket
 * reader posts a task per datagram, and giving each its own {@code ScheduledThreadPoolExecutor}
 * task (an allocation, and the executor's lock and heap on both threads) cost about a tenth of the
 * CPU of a bulk transfer. Timers ({@link #schedule}) stay on the executor and run between batches.
 */
public final class EventLoop implements Executor {
    private static final Logger logger = LoggerFactory.getLogger(EventLoop.class);

    /** Posted tasks run per drain at most; then timers that are due get their turn. */
    private static final int MAX_BATCH = 256;

    private final ScheduledThreadPoolExecutor executor;
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    /** Whether a drain task is queued or running; a post that sets it queues one. */
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final String name;
    private volatile Thread thread;
    /** The loop threads of every loop, to tell a wait on any loop from one on another thread. */
    private static final java.util.Set<Thread> LOOP_THREADS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    EventLoop(String name) {
        this.name = requireNonNull(name, "name");
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            final Thread t = new Thread(() -> {
                try {
                    runnable.run();
                } finally {
                    LOOP_THREADS.remove(Thread.currentThread());
                }
            }, name);
            t.setDaemon(true);
            thread = t;
            LOOP_THREADS.add(t);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartCoreThread();
    }

    /**
     * Runs {@code task} on this loop after the tasks posted before it.
     *
     * @return {@code false} if the loop is shut down and the task was dropped
     */
    public boolean post(Runnable task) {
        requireNonNull(task, "task");
        if (executor.isShutdown()) {
            logger.debug("{}: dropped a task posted after shutdown", name);
            return false;
        }
        posted.add(task);
        if (drainQueued.compareAndSet(false, true) && !queueDrain()) {
            posted.remove(task);
            logger.debug("{}: dropped a task posted after shutdown", name);
            return false;
        }
        return true;
    }

    private boolean queueDrain() {
        try {
            executor.execute(drain);
            return true;
        } catch (RejectedExecutionException e) {
            drainQueued.set(false);
            return false;
        }
    }

    /** Runs the posted tasks, a batch at a time; on the loop. */
    private void drain() {
        for (int i = 0; i < MAX_BATCH; i++) {
            final Runnable task = posted.poll();
            if (task == null) {
                break;
            }
            runSafely(task);
        }
        drainQueued.set(false);
        // A task posted after the last poll found the flag still set and queued nothing.
        if (!posted.isEmpty() && drainQueued.compareAndSet(false, true) && !queueDrain()) {
            posted.clear(); // shut down: dropped, as the executor drops its own queue
        }
    }

    /** Same as {@link #post}, for APIs that want an {@link Executor}; drops tasks after shutdown. */
    @Override
    public void execute(Runnable task) {
        post(task);
    }

    /**
     * Runs {@code task} on this loop after {@code delayNanos}. Protocol timers are driven by their
     * cores' {@code nextDeadlineNanos()}; this is how the loop wakes up for them.
     *
     * @return a handle to cancel the task, or {@code null} if the loop is shut down
     */
    public ScheduledFuture<?> schedule(long delayNanos, Runnable task) {
        requireNonNull(task, "task");
        try {
            return executor.schedule(() -> runSafely(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            logger.debug("{}: dropped a timer scheduled after shutdown", name);
            return null;
        }
    }

    /** Whether the caller is the thread of any event loop (of any factory). */
    static boolean onAnyLoop() {
        return LOOP_THREADS.contains(Thread.currentThread());
    }

    /** Whether the caller is this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The loop thread's name. */
    public String name() {
        return name;
    }

    void shutdown() {
        executor.shutdown();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return executor.awaitTermination(timeout, unit);
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            logger.warn("{}: a task failed; the loop goes on", name, e);
        }
    }

    @Override
    public String toString() {
        return "EventLoop(" + name + ')';
    }
}
