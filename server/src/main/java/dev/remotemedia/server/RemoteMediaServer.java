package dev.remotemedia.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.util.EventLoopGroups;
import com.linecorp.armeria.common.util.ThreadFactories;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.file.FileService;
import dev.remotemedia.signaling.server.SignalingServer;
import dev.remotemedia.transport.WebRtcTransportConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code remotemedia-server}: one Armeria server on {@code HTTP_PORT} serving
 * {@code GET /health}, {@code GET /metrics} (Prometheus text), JSON-RPC signaling at {@code /ws}
 * (DESIGN.md §5.1) and the web client from the classpath folder {@code web/}. Later issues add
 * ServerPeers here.
 */
public final class RemoteMediaServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(RemoteMediaServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Leaves room inside the 3 s shutdown budget for logging and the JVM's own exit. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofMillis(2_000);
    private static final Duration EVENT_LOOP_SHUTDOWN = Duration.ofMillis(200);

    private final Server server;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final long startedNanos;
    private final SignalingServer signaling;

    private RemoteMediaServer(WebRtcTransportConfig config) {
        signaling = SignalingServer.builder().config(config).build();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        Gauge.builder("remotemedia.peers", signaling, SignalingServer::peerCount)
             .description("Peers announced on this server's signaling")
             .register(registry);

        startedNanos = System.nanoTime();
        server = Server.builder()
                       .http(config.httpPort())
                       .meterRegistry(registry)
                       .gracefulShutdownTimeout(Duration.ZERO, SHUTDOWN_TIMEOUT)
                       // Idle keep-alive connections are closed at once on shutdown instead of after
                       // Armeria's default 1 s drain, which (on JDK 25 at least) outlasted our wait.
                       .connectionDrainDuration(Duration.ZERO)
                       // Our own worker loops with no quiet period: Armeria's shared ones are shut
                       // down by a JVM hook with Netty's default 2 s quiet period. The acceptor loop
                       // still takes that 2 s in Armeria 1.40 (a bossGroupFactory with a shorter
                       // shutdown was measured to make no difference), so stop() takes about 2 s.
                       .workerGroup(EventLoopGroups.builder()
                               .threadFactory(ThreadFactories.newThreadFactory("remotemedia-http", true))
                               .gracefulShutdown(Duration.ZERO, EVENT_LOOP_SHUTDOWN)
                               .build(), true)
                       .route().get("/health")
                               .build((ctx, req) -> HttpResponse.of(MediaType.JSON_UTF_8, health()))
                       .service("/ws", signaling.service())
                       .route().get("/metrics")
                               .build((ctx, req) -> HttpResponse.of(
                                       MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), registry.scrape()))
                       .serviceUnder("/", webRoot())
                       .build();
    }

    /**
     * The web client from the classpath folder {@code web/}. Only files are served: a folder inside
     * a jar reads as an empty file (with a logged stack trace), so paths whose last segment has no
     * extension are 404, except {@code /}, which serves {@code index.html}.
     */
    private static HttpService webRoot() {
        final HttpService files = FileService.builder(RemoteMediaServer.class.getClassLoader(), "web")
                                             .maxCacheEntries(64)
                                             .build();
        return files.decorate((delegate, ctx, req) -> {
            final String path = ctx.path();
            final String last = path.substring(path.lastIndexOf('/') + 1);
            if (!"/".equals(path) && last.indexOf('.') <= 0) {
                return HttpResponse.of(HttpStatus.NOT_FOUND);
            }
            return delegate.serve(ctx, req);
        });
    }

    /**
     * Starts a server for a valid {@code config}; {@code /health} and {@code /metrics} report the
     * peers announced on its signaling.
     *
     * @throws java.util.concurrent.CompletionException if the port cannot be bound
     */
    public static RemoteMediaServer start(WebRtcTransportConfig config) {
        requireNonNull(config, "config").requireValid();
        final RemoteMediaServer server = new RemoteMediaServer(config);
        try {
            server.server.start().join();
        } catch (RuntimeException e) {
            server.server.stop();
            server.releaseMetrics();
            throw e;
        }
        logger.info("HTTP server started on port {}", server.httpPort());
        return server;
    }

    /** The port the server listens on (the real one when {@code HTTP_PORT} was 0). */
    public int httpPort() {
        return server.activeLocalPort();
    }

    /** The signaling server mounted at {@code /ws}. */
    public SignalingServer signaling() {
        return signaling;
    }

    /**
     * Closes every signaling socket (1001), stops accepting connections and finishes in-flight
     * requests within {@link #SHUTDOWN_TIMEOUT}.
     */
    public CompletableFuture<Void> stop() {
        signaling.close();
        return server.stop().whenComplete((unused, cause) -> releaseMetrics());
    }

    /**
     * Stops the server and waits until its ports are closed and its connections drained, at most
     * {@code timeout}; returns whether that happened in time. Unlike {@link #stop()}, it does not
     * wait for Netty's acceptor loop to finish its 2 s quiet period, which serves no request.
     */
    public boolean shutDown(Duration timeout) {
        final CompletableFuture<Void> stopping = stop();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!stopping.isDone() && System.nanoTime() < deadline) {
            if (server.activePorts().isEmpty() && server.numConnections() == 0) {
                return true;
            }
            try {
                Thread.sleep(10); // a shutdown poll, not a protocol timer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return stopping.isDone() && !stopping.isCompletedExceptionally();
    }

    /** Stops the server and waits for it. */
    @Override
    public void close() {
        stop().join();
    }

    private void releaseMetrics() {
        gcMetrics.close();
        registry.close();
    }

    private String health() {
        final ObjectNode body = JSON.createObjectNode();
        body.put("status", "UP");
        body.put("version", ServerVersion.get());
        body.put("uptime_seconds", (System.nanoTime() - startedNanos) / 1e9);
        body.put("peers", signaling.peerCount());
        return body.toString();
    }
}
