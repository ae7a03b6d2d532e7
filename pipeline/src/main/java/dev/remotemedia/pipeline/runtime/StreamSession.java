package dev.remotemedia.pipeline.runtime;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.graph.NodeFailure;
import dev.remotemedia.pipeline.graph.NodeMetrics;
import dev.remotemedia.pipeline.graph.PipelineGraph;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.node.SourceNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running pipeline: inputs go in with {@link #sendInput}, outputs come out of
 * {@link #receiveOutput} or the {@link #outputs()} publisher, in order.
 *
 * <p>A session owns no thread. It is an actor on the runner's shared worker pool: when it has work
 * it schedules itself once, and one worker at a time runs its graph ({@link PipelineGraph}), so its
 * nodes never run concurrently and the order of data is kept, while a thousand sessions share a few
 * threads. Its queues are bounded ({@link SessionOptions}) with the {@link QueuePolicy} chosen.
 *
 * <p>A node that throws does not take anything else down: the session reports
 * {@link SessionEvent.NodeFailed}, closes every node, ends the output stream with an error and
 * reports {@link SessionEvent.Closed}. Thread-safe.
 */
public final class StreamSession implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(StreamSession.class);
    /** Inputs processed per turn on a worker, so one busy session cannot starve the others. */
    private static final int BATCH = 32;

    private enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final PipelineGraph graph;
    private final SessionOptions options;
    private final Executor executor;
    private final @Nullable ScheduledExecutorService timer;
    private final TimeSource clock;
    private final long startNanos;
    private final Consumer<StreamSession> onClosed;
    private final CompletableFuture<SessionEvent.Closed> closeFuture = new CompletableFuture<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition inputNotFull = lock.newCondition();
    private final Condition outputNotEmpty = lock.newCondition();
    // Guarded by lock.
    private final ArrayDeque<RuntimeData> inputs = new ArrayDeque<>();
    private final ArrayDeque<RuntimeData> outputs = new ArrayDeque<>();
    private State state = State.OPEN;
    private boolean stalledOnOutput;
    private long inputsAccepted;
    private long inputsDropped;
    private long outputsQueued;
    private long outputsDropped;
    private int maxInputDepth;
    private int maxOutputDepth;
    private @Nullable String error;
    private final OutputPublisher publisher = new OutputPublisher(this);

    // Touched only by the worker running the session.
    private final List<RuntimeData> stepOutputs = new ArrayList<>();
    private final Consumer<RuntimeData> collector = stepOutputs::add;
    private volatile boolean sourceDue;
    private @Nullable ScheduledFuture<?> sourceWake;

    StreamSession(String id, PipelineGraph graph, SessionOptions options, Executor executor,
                  @Nullable ScheduledExecutorService timer, TimeSource clock, Consumer<StreamSession> onClosed) {
        this.id = id;
        this.graph = graph;
        this.options = options;
        this.executor = executor;
        this.timer = timer;
        this.clock = clock;
        this.onClosed = onClosed;
        startNanos = clock.nowNanos();
        if (graph.hasSources()) {
            sourceDue = true;
            schedule();
        }
    }

    /** This session's id, unique within its runner. */
    public String id() {
        return id;
    }

    /**
     * Queues {@code data} for the Input node. With {@link QueuePolicy#BLOCK} this waits while the
     * input queue is full; with {@link QueuePolicy#DROP_OLDEST} it never waits and drops the oldest
     * queued input instead.
     *
     * @return false, and nothing is queued, if the session is closing or closed (or the waiting
     *         thread is interrupted, whose interrupt flag is then set again)
     */
    public boolean sendInput(RuntimeData data) {
        requireNonNull(data, "data");
        lock.lock();
        try {
            while (true) {
                if (state != State.OPEN) {
                    return false;
                }
                if (inputs.size() < options.inputCapacity()) {
                    break;
                }
                if (options.policy() == QueuePolicy.DROP_OLDEST) {
                    inputs.pollFirst();
                    inputsDropped++;
                    break;
                }
                try {
                    inputNotFull.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            inputs.addLast(data);
            inputsAccepted++;
            maxInputDepth = Math.max(maxInputDepth, inputs.size());
        } finally {
            lock.unlock();
        }
        schedule();
        return true;
    }

    /**
     * Takes the next output, waiting up to {@code timeout} for one.
     *
     * @return the output, or {@code null} if none came in time or the session has ended and every
     *         output was taken (see {@link #isClosed()})
     */
    public @Nullable RuntimeData receiveOutput(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        final RuntimeData data;
        boolean wake = false;
        lock.lock();
        try {
            while (outputs.isEmpty()) {
                if (state == State.CLOSED || nanos <= 0) {
                    return null;
                }
                nanos = outputNotEmpty.awaitNanos(nanos);
            }
            data = outputs.pollFirst();
            if (stalledOnOutput && outputs.size() < options.outputCapacity()) {
                stalledOnOutput = false;
                wake = true;
            }
        } finally {
            lock.unlock();
        }
        if (wake) {
            schedule();
        }
        return data;
    }

    /**
     * The outputs as a Reactive Streams publisher that honours demand. One subscriber only (a second
     * gets {@code onError}); it completes when the session closes cleanly and fails with a
     * {@link RemoteMediaException} when a node failed. It takes from the same queue as
     * {@link #receiveOutput}: use one or the other. Signals arrive on the session's worker thread.
     */
    public Flow.Publisher<RuntimeData> outputs() {
        return publisher;
    }

    /**
     * Stops taking inputs and ends the session once what is queued has gone through: the nodes are
     * flushed (their held-back data reaches the outputs) and closed. Returns at once; see
     * {@link #closeFuture()}. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            inputNotFull.signalAll();
        } finally {
            lock.unlock();
        }
        schedule();
    }

    /** Completes with the session's last event once it has ended and released its nodes. */
    public CompletableFuture<SessionEvent.Closed> closeFuture() {
        return closeFuture.copy();
    }

    /** Whether the session has ended (its remaining outputs may still be read). */
    public boolean isClosed() {
        lock.lock();
        try {
            return state == State.CLOSED;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the session's queues and per-node counters. */
    public SessionMetrics metrics() {
        final List<NodeMetrics> nodes = new ArrayList<>(graph.metrics());
        lock.lock();
        try {
            for (int i = 0; i < nodes.size(); i++) {
                final NodeMetrics n = nodes.get(i);
                if (n.nodeType().equals(Manifest.INPUT)) {
                    nodes.set(i, n.withQueue(inputs.size(), maxInputDepth, inputsDropped));
                } else if (n.nodeType().equals(Manifest.OUTPUT)) {
                    nodes.set(i, n.withQueue(outputs.size(), maxOutputDepth, outputsDropped));
                }
            }
            return new SessionMetrics(id, inputsAccepted, inputsDropped, outputsQueued, outputsDropped, inputs.size(),
                                      outputs.size(), nodes);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "StreamSession{" + id + '}';
    }

    // ---- the actor ----

    /** Makes sure a worker will run the session; at most one run is pending or active at a time. */
    void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::run);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                logger.warn("{}: worker pool is shut down; session cannot run", id);
            }
        }
    }

    private void run() {
        try {
            for (int turn = 0; turn < BATCH; turn++) {
                publisher.deliver();
                final RuntimeData input;
                final boolean closing;
                lock.lock();
                try {
                    if (state == State.CLOSED) {
                        break;
                    }
                    closing = state == State.CLOSING;
                    if (closing) {
                        // Once closing, the queued inputs are finite: let them through whatever the reader does.
                        stalledOnOutput = false;
                    }
                    if (options.policy() == QueuePolicy.BLOCK && !closing
                        && outputs.size() >= options.outputCapacity()) {
                        // Backpressure: wait for the reader before taking more input.
                        stalledOnOutput = true;
                        input = null;
                    } else {
                        input = inputs.pollFirst();
                        if (input != null) {
                            inputNotFull.signal();
                        }
                    }
                } finally {
                    lock.unlock();
                }
                if (input != null) {
                    step(graph.push(input, collector));
                } else if (sourceDue && !closing) {
                    sourceDue = false;
                    final long nowUs = (clock.nowNanos() - startNanos) / 1000;
                    if (step(graph.produce(nowUs, collector))) {
                        wakeSourcesAt(graph.nextSourceDeadlineUs(), nowUs);
                    }
                } else if (closing) {
                    finish(null);
                } else {
                    break;
                }
            }
            publisher.deliver();
        } finally {
            scheduled.set(false);
            if (hasWork()) {
                schedule();
            }
        }
    }

    /** Queues the outputs of one step; returns false if a node failed (the session is then closed). */
    private boolean step(@Nullable NodeFailure failure) {
        queueOutputs();
        if (failure != null) {
            finish(failure);
            return false;
        }
        return true;
    }

    private void queueOutputs() {
        if (stepOutputs.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (RuntimeData data : stepOutputs) {
                if (options.policy() == QueuePolicy.DROP_OLDEST && outputs.size() >= options.outputCapacity()) {
                    outputs.pollFirst();
                    outputsDropped++;
                }
                outputs.addLast(data);
                outputsQueued++;
            }
            maxOutputDepth = Math.max(maxOutputDepth, outputs.size());
            outputNotEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        stepOutputs.clear();
    }

    private void wakeSourcesAt(long deadlineUs, long nowUs) {
        if (deadlineUs == SourceNode.DONE || timer == null) {
            return;
        }
        try {
            sourceWake = timer.schedule(() -> {
                sourceDue = true;
                schedule();
            }, Math.max(0, deadlineUs - nowUs), TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException e) {
            logger.debug("{}: timer is shut down; sources stop", id);
        }
    }

    /** Ends the session: flushes (unless a node failed), closes every node and tells everyone. */
    private void finish(@Nullable NodeFailure failure) {
        NodeFailure cause = failure;
        if (cause == null) {
            cause = graph.flush(collector);
            queueOutputs();
        }
        for (NodeFailure f : graph.close()) {
            logger.warn("{}: {}", id, f.message(), f.cause());
        }
        if (sourceWake != null) {
            sourceWake.cancel(false);
        }
        if (cause != null) {
            logger.warn("{}: {}", id, cause.message(), cause.cause());
        }
        lock.lock();
        try {
            state = State.CLOSED;
            error = cause == null ? null : cause.message();
            inputs.clear();
            stalledOnOutput = false;
            inputNotFull.signalAll();
            outputNotEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        if (cause != null) {
            tell(new SessionEvent.NodeFailed(id, cause.nodeId(), cause.nodeType(), cause.message()));
        }
        final SessionEvent.Closed closed = new SessionEvent.Closed(id, error);
        tell(closed);
        onClosed.accept(this);
        closeFuture.complete(closed);
    }

    private void tell(SessionEvent event) {
        try {
            options.listener().accept(event);
        } catch (Throwable t) {
            logger.warn("{}: session listener threw on {}", id, event, t);
        }
    }

    private boolean hasWork() {
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return publisher.hasSignalsLocked(outputs, true);
            }
            return (!inputs.isEmpty() && !stalledOnOutput) || state == State.CLOSING
                   || sourceDue || publisher.hasSignalsLocked(outputs, false);
        } finally {
            lock.unlock();
        }
    }

    // ---- used by OutputPublisher, which shares the lock ----

    ReentrantLock lock() {
        return lock;
    }

    /** Takes the next output for the publisher; the caller holds the lock. */
    @Nullable RuntimeData pollOutputLocked() {
        final RuntimeData data = outputs.pollFirst();
        if (data != null && stalledOnOutput && outputs.size() < options.outputCapacity()) {
            stalledOnOutput = false;
        }
        return data;
    }

    /** Whether the session ended and every output was taken; the caller holds the lock. */
    boolean drainedLocked() {
        return state == State.CLOSED && outputs.isEmpty();
    }

    /** The failure the session ended with, as an exception; the caller holds the lock. */
    @Nullable Throwable errorLocked() {
        return error == null ? null : new RemoteMediaException(ErrorCode.INTERNAL, error);
    }
}
