package dev.remotemedia.pipeline.runtime;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.graph.NodeFailure;
import dev.remotemedia.pipeline.graph.PipelineGraph;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.manifest.ManifestLoader;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs pipelines: {@link #createStreamSession} for a stream of inputs, {@link #executeUnary} for one
 * input. Sessions share a fixed pool of worker threads ({@link Builder#workerThreads}) and one timer
 * thread for source nodes, so a thousand sessions do not mean a thousand threads (DESIGN.md §4).
 * Thread-safe; {@link #close()} ends every session and stops the threads.
 */
public final class PipelineRunner implements AutoCloseable {
    private static final AtomicInteger RUNNERS = new AtomicInteger();

    private final NodeRegistry registry;
    private final ManifestLoader loader;
    private final TimeSource clock;
    private final SessionOptions defaultOptions;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<StreamSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionIds = new AtomicLong();
    private volatile boolean closed;

    private PipelineRunner(Builder b) {
        registry = b.registry == null ? NodeRegistry.load() : b.registry;
        loader = ManifestLoader.of(registry);
        clock = b.clock;
        defaultOptions = b.defaultOptions;
        final int runner = RUNNERS.incrementAndGet();
        workers = new ThreadPoolExecutor(b.workerThreads, b.workerThreads, 0, TimeUnit.SECONDS,
                                         new LinkedBlockingQueue<>(), threads("pipeline-" + runner + "-worker-"));
        timer = new ScheduledThreadPoolExecutor(1, threads("pipeline-" + runner + "-timer-"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A runner with the node types on the class path and one worker per core. */
    public static PipelineRunner of() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The node types this runner knows. */
    public NodeRegistry registry() {
        return registry;
    }

    /** A manifest loader checking against {@link #registry()}. */
    public ManifestLoader loader() {
        return loader;
    }

    /** Starts a session of {@code manifest} with the runner's default options. */
    public StreamSession createStreamSession(Manifest manifest) {
        return createStreamSession(manifest, defaultOptions);
    }

    /**
     * Checks {@code manifest}, creates and opens its nodes, and returns the running session.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_CONFIG}) listing every problem of the
     *                              manifest, or naming the node that could not be opened
     * @throws IllegalStateException if the runner is closed
     */
    public StreamSession createStreamSession(Manifest manifest, SessionOptions options) {
        requireNonNull(options, "options");
        checkOpen();
        loader.requireValid(manifest);
        final String id = "s" + sessionIds.incrementAndGet();
        final PipelineGraph graph = PipelineGraph.open(manifest, registry, id, clock);
        final StreamSession session = new StreamSession(id, graph, options, workers, timer, clock, sessions::remove);
        sessions.add(session);
        if (closed) {
            session.close();
            throw new IllegalStateException("runner closed");
        }
        return session;
    }

    /**
     * Runs {@code manifest} on one input, on the calling thread, and returns everything that reached
     * the Output (after the nodes were flushed). Source nodes need a session's clock, so a manifest
     * with one is refused.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_CONFIG}) if the manifest is not valid or
     *                              has a source node; ({@link ErrorCode#INTERNAL}) if a node failed
     */
    public List<RuntimeData> executeUnary(Manifest manifest, RuntimeData data) {
        requireNonNull(data, "data");
        checkOpen();
        loader.requireValid(manifest);
        final PipelineGraph graph = PipelineGraph.open(manifest, registry, "unary" + sessionIds.incrementAndGet(),
                                                       clock);
        final List<RuntimeData> out = new ArrayList<>();
        NodeFailure failure = null;
        try {
            if (graph.hasSources()) {
                throw new RemoteMediaException(ErrorCode.INVALID_CONFIG, "manifest '" + manifest.name()
                                               + "': has a source node (expected: none in executeUnary; sources "
                                               + "need a stream session)");
            }
            failure = graph.push(data, out::add);
            if (failure == null) {
                failure = graph.flush(out::add);
            }
        } finally {
            graph.close();
        }
        if (failure != null) {
            throw new RemoteMediaException(ErrorCode.INTERNAL, failure.message(), failure.cause());
        }
        return out;
    }

    /** How many sessions are running. */
    public int activeSessions() {
        return sessions.size();
    }

    /**
     * Closes every session, waits up to five seconds for them to end, and stops the threads.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        final List<CompletableFuture<SessionEvent.Closed>> ends = new ArrayList<>();
        for (StreamSession s : sessions) {
            s.close();
            ends.add(s.closeFuture());
        }
        try {
            CompletableFuture.allOf(ends.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Sessions stuck in a node are abandoned; their threads are interrupted below.
        }
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("runner closed");
        }
    }

    private static ThreadFactory threads(String prefix) {
        final AtomicInteger n = new AtomicInteger();
        return r -> {
            final Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds a {@link PipelineRunner}. */
    public static final class Builder {
        private @Nullable NodeRegistry registry;
        private int workerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private TimeSource clock = TimeSource.system();
        private SessionOptions defaultOptions = SessionOptions.defaults();

        private Builder() {}

        /** The node types to use; default: every {@code NodeProvider} on the class path. */
        public Builder registry(NodeRegistry registry) {
            this.registry = requireNonNull(registry, "registry");
            return this;
        }

        /** How many threads run sessions; default: the number of cores, at least 2. */
        public Builder workerThreads(int workerThreads) {
            if (workerThreads <= 0 || workerThreads > 1024) {
                throw new IllegalArgumentException("workerThreads: " + workerThreads + " (expected: 1..1024)");
            }
            this.workerThreads = workerThreads;
            return this;
        }

        /** The clock for source pacing and latency figures; default: the system's. */
        public Builder clock(TimeSource clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** The options of sessions created without their own. */
        public Builder defaultOptions(SessionOptions defaultOptions) {
            this.defaultOptions = requireNonNull(defaultOptions, "defaultOptions");
            return this;
        }

        public PipelineRunner build() {
            return new PipelineRunner(this);
        }
    }
}
