package dev.remotemedia.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.util.BlockingTaskExecutor;
import com.linecorp.armeria.common.util.EventLoopGroups;
import com.linecorp.armeria.common.util.ThreadFactories;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.file.FileService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.cluster.ClusterOptions;
import dev.remotemedia.signaling.cluster.RedisBackplane;
import dev.remotemedia.signaling.server.GrpcSignalingServer;
import dev.remotemedia.signaling.server.SignalingServer;
import dev.remotemedia.transport.ConfigKey;
import dev.remotemedia.transport.TransportIce;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.peer.ServerPeerManager;
import dev.remotemedia.transport.peer.ServerPeerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code remotemedia-server} (DESIGN.md §5.5, §5.6): one Armeria server on {@code HTTP_PORT}
 * serving {@code GET /health}, {@code GET /metrics} (Prometheus text), {@code GET /api/pipelines},
 * the web client from the classpath folder {@code web/} and, in modes {@code server} and
 * {@code grpc}, JSON-RPC signaling at {@code /ws} (§5.1) and gRPC-Web {@code Join}/{@code Send}
 * (§5.2) on one hub whose {@code remotemedia-server} peer answers offers with ServerPeers. With gRPC signaling on (mode {@code grpc}, or
 * {@code WEBRTC_ENABLE_GRPC_SIGNALING}), {@code Signal} is served on {@code GRPC_SIGNALING_ADDRESS}
 * (§5.2) on the same hub. In mode {@code websocket} the ServerPeers answer offers made through an
 * external signaling server instead ({@link ExternalSignalingPeer}). With a Redis URL the hub joins
 * a cluster of servers (issue 15, {@link ClusterEndpoints}: {@code GET /api/cluster}).
 */
public final class RemoteMediaServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(RemoteMediaServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Leaves room inside the 3 s shutdown budget for logging and the JVM's own exit. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofMillis(2_000);
    private static final Duration EVENT_LOOP_SHUTDOWN = Duration.ofMillis(200);
    /** How long mode {@code websocket} waits to join the signaling server at start. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);
    private static final int BLOCKING_THREADS = 4;
    /** The demo's chat channel runs the pipeline served under this name (the built-in one unless replaced). */
    private static final String CHAT_PIPELINE = "text-upper";

    private final Server server;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final long startedNanos;
    private final ServerMode mode;
    private final URI signalingUrl;
    private final PipelineCatalog catalog;
    private final PipelineRunner runner;
    private final PeerConnectionFactory factory;
    private final ServerPeerManager peers;
    private final ServerPeerTotals totals = new ServerPeerTotals();
    private final ServerPeerBridge bridge;
    private final ChatChannel chat;
    private final @Nullable SignalingServer signaling;
    private volatile @Nullable ExternalSignalingPeer external;
    private volatile @Nullable GrpcSignalingServer grpc;

    private RemoteMediaServer(WebRtcTransportConfig config, ServerMode mode, PipelineCatalog catalog,
                              PeerConnectionFactory factory, @Nullable ClusterOptions cluster) {
        this.mode = mode;
        this.signalingUrl = config.signalingUrl();
        this.catalog = catalog;
        this.factory = factory;
        runner = PipelineRunner.of();
        chat = new ChatChannel(runner, catalog.get(CHAT_PIPELINE).manifest());
        final ServerPeerManager.Builder peersBuilder = ServerPeerManager.builder(factory, runner)
                .maxPeers(config.maxPeers())
                .channelHandler(chat)
                .onPeerClosed(totals::closed);
        catalog.entries().forEach((name, entry) -> peersBuilder.pipeline(name, entry.manifest()));
        peers = peersBuilder.defaultPipeline(catalog.defaultName()).build();
        bridge = new ServerPeerBridge(peers, SignalingMethods.SERVER_PEER_ID);
        // In a cluster (issue 15) the hub shares its peers through Redis; ServerPeers stay local.
        signaling = mode.hasOwnSignaling()
                    ? SignalingServer.builder().config(config).serverPeerHandler(bridge).cluster(cluster)
                                     .clusterCounts(() -> Map.of("server_peers", (long) peers.peerCount(),
                                                                 "sessions", (long) runner.activeSessions()))
                                     .build()
                    : null;

        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        bindServerMetrics();
        if (signaling != null && signaling.cluster() != null) {
            ClusterEndpoints.bindMetrics(registry, signaling);
        }

        startedNanos = System.nanoTime();
        final var builder = Server.builder()
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
                       // A small fixed pool for file reads: Armeria's shared one grows to dozens of
                       // threads under a page load's parallel requests and keeps them for a minute.
                       .blockingTaskExecutor(BlockingTaskExecutor.builder()
                                                                 .threadNamePrefix("remotemedia-blocking")
                                                                 .numThreads(BLOCKING_THREADS)
                                                                 .daemon(true)
                                                                 .build(), true)
                       .route().get("/health")
                               .build((ctx, req) -> HttpResponse.of(MediaType.JSON_UTF_8, health()))
                       .route().get("/api/cluster")
                               .build((ctx, req) -> HttpResponse.of(MediaType.JSON_UTF_8,
                                                                    ClusterEndpoints.cluster(signaling).toString()))
                       .route().get("/api/pipelines")
                               .build((ctx, req) -> HttpResponse.of(MediaType.JSON_UTF_8, pipelines()))
                       .route().get("/metrics")
                               .build((ctx, req) -> HttpResponse.of(
                                       MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), registry.scrape()));
        if (signaling != null) {
            builder.service("/ws", signaling.service())
                   .serviceUnder(SignalingServer.GRPC_WEB_PATH_PREFIX, signaling.grpcWebService());
        }
        server = builder.serviceUnder("/", webRoot()).build();
    }

    private void bindServerMetrics() {
        Gauge.builder("remotemedia.peers", this, RemoteMediaServer::signalingPeers)
             .description("Peers announced on this server's signaling")
             .register(registry);
        Gauge.builder("remotemedia.server.peers", peers, ServerPeerManager::peerCount)
             .description("ServerPeers: clients connected to a pipeline")
             .register(registry);
        Gauge.builder("remotemedia.pipeline.sessions", runner, PipelineRunner::activeSessions)
             .description("Pipeline stream sessions running")
             .register(registry);
        counter("remotemedia.server.peer.messages", "direction", "in", "DataBuffers received from clients",
                t -> t.messagesIn());
        counter("remotemedia.server.peer.messages", "direction", "out", "Pipeline outputs sent to clients",
                t -> t.messagesOut());
        counter("remotemedia.server.peer.bytes", "direction", "in", "Bytes of DataBuffers received from clients",
                t -> t.bytesIn());
        counter("remotemedia.server.peer.bytes", "direction", "out", "Bytes of pipeline outputs sent to clients",
                t -> t.bytesOut());
        counter("remotemedia.server.peer.dropped.messages", "reason", "invalid", "Messages that were not DataBuffers",
                t -> t.rejectedIn());
        counter("remotemedia.server.peer.dropped.messages", "reason", "input_queue_full",
                "Messages dropped because a peer's input queue was full", t -> t.droppedIn());
        counter("remotemedia.server.peer.dropped.messages", "reason", "not_sent", "Outputs that could not be sent",
                t -> t.droppedOut());
        FunctionCounter.builder("remotemedia.chat.messages", chat, ChatChannel::messages)
                       .description("Messages on the demo's chat channel")
                       .register(registry);
    }

    private void counter(String name, String tag, String value, String description,
                         ToLongFunction<ServerPeerStats> field) {
        FunctionCounter.builder(name, this, server -> server.totals.sum(server.peers.peers(), field))
                       .tag(tag, value)
                       .description(description)
                       .register(registry);
    }


    private int signalingPeers() {
        final SignalingServer s = signaling;
        return s == null ? 0 : s.peerCount();
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
     * Starts a server in mode {@code server} for a valid {@code config}, serving the pipelines it
     * names (see {@link PipelineCatalog}).
     *
     * @throws dev.remotemedia.rtc.common.error.RemoteMediaException (INVALID_CONFIG) if a manifest is
     *     not valid
     * @throws RuntimeException if a port cannot be bound
     */
    public static RemoteMediaServer start(WebRtcTransportConfig config) {
        requireNonNull(config, "config").requireValid();
        return start(config, ServerMode.SERVER, PipelineCatalog.load(config));
    }

    static RemoteMediaServer start(WebRtcTransportConfig config, ServerMode mode, PipelineCatalog catalog) {
        return start(config, mode, catalog, null);
    }

    /**
     * As {@link #start(WebRtcTransportConfig, ServerMode, PipelineCatalog)}, joining {@code cluster}
     * ({@code null}: alone).
     *
     * @throws dev.remotemedia.signaling.cluster.ClusterStartException when Redis cannot be reached
     *     or the node id is taken
     */
    static RemoteMediaServer start(WebRtcTransportConfig config, ServerMode mode, PipelineCatalog catalog,
                                   @Nullable ClusterOptions cluster) {
        requireNonNull(config, "config").requireValid();
        requireNonNull(mode, "mode");
        requireNonNull(catalog, "catalog");
        final PeerConnectionFactory factory;
        try {
            factory = PeerConnectionFactory.builder().iceConfig(TransportIce.from(config))
                                           .jitterBufferMaxMillis(config.jitterBufferMs())
                                           .videoCodecs(dev.remotemedia.transport.TransportVideo.preference(config)).build();
        } catch (RuntimeException e) {
            throw new StartFailure(ConfigKey.UDP_PORT.envVar() + " (" + ConfigKey.UDP_PORT.flag()
                                            + "): cannot open UDP port " + config.udpPort() + " ("
                                            + (e.getMessage() == null ? e.toString() : e.getMessage()) + ')');
        }
        final RemoteMediaServer server;
        try {
            server = new RemoteMediaServer(config, mode, catalog, factory, cluster);
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
        try {
            server.server.start().join();
            if (mode == ServerMode.WEBSOCKET) {
                server.external = join(config, server.bridge);
            }
            if (ServerCli.grpcSignaling(config, mode)) {
                server.grpc = listenGrpc(config, requireNonNull(server.signaling, "signaling"));
            }
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        logger.info("HTTP server started on port {} (mode {}, pipelines {}, default {})", server.httpPort(),
                    mode.cliName(), catalog.entries().keySet(), catalog.defaultName());
        return server;
    }

    private static GrpcSignalingServer listenGrpc(WebRtcTransportConfig config, SignalingServer signaling) {
        final var address = config.grpcSignalingAddress();
        try {
            return GrpcSignalingServer.builder(signaling).address(address.host(), address.port()).start();
        } catch (java.io.UncheckedIOException e) {
            throw new StartFailure(ConfigKey.GRPC_SIGNALING_ADDRESS.envVar() + " (" + ConfigKey.GRPC_SIGNALING_ADDRESS.flag()
                                   + "): cannot listen on " + address + " (" + rootMessage(e) + ')');
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static ExternalSignalingPeer join(WebRtcTransportConfig config, ServerPeerBridge bridge) {
        final String where = ConfigKey.SIGNALING_URL.envVar() + " (" + ConfigKey.SIGNALING_URL.flag() + "): ";
        try {
            final ExternalSignalingPeer peer = ExternalSignalingPeer.join(config, bridge)
                    .get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            logger.info("joined {} as {}", ExternalSignalingPeer.endpoint(config.signalingUrl()),
                        ExternalSignalingPeer.PEER_ID);
            return peer;
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StartFailure(where + "cannot join " + config.signalingUrl() + " as "
                                            + ExternalSignalingPeer.PEER_ID + " (" + cause.getMessage() + ')');
        } catch (TimeoutException e) {
            throw new StartFailure(where + "no answer from " + config.signalingUrl() + " within "
                                            + JOIN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure(where + "interrupted while joining");
        }
    }

    /** The port the server listens on (the real one when {@code HTTP_PORT} was 0). */
    public int httpPort() {
        return server.activeLocalPort();
    }

    /** The port of gRPC signaling (the real one when it was 0), or -1 when gRPC signaling is off. */
    public int grpcPort() {
        final GrpcSignalingServer g = grpc;
        return g == null ? -1 : g.port();
    }

    /** The signaling server mounted at {@code /ws}; {@code null} in mode {@code websocket}. */
    public @Nullable SignalingServer signaling() {
        return signaling;
    }

    /** The ServerPeers. */
    public ServerPeerManager serverPeers() {
        return peers;
    }

    /**
     * Leaves the external signaling server (mode {@code websocket}), closes every signaling socket
     * (1001), every ServerPeer and its session, then stops accepting connections and finishes
     * in-flight requests within {@link #SHUTDOWN_TIMEOUT}.
     */
    public CompletableFuture<Void> stop() {
        final ExternalSignalingPeer joined = external;
        if (joined != null) {
            joined.close();
        }
        final GrpcSignalingServer g = grpc;
        if (g != null) {
            g.close();
        }
        if (signaling != null) {
            signaling.close();
        }
        peers.close();
        runner.close();
        factory.close();
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
        final RedisBackplane cluster = signaling == null ? null : signaling.cluster();
        // Still serving its own peers without Redis, so still up, but say so.
        body.put("status", cluster == null || cluster.connected() ? "UP" : "DEGRADED");
        body.put("version", ServerVersion.get());
        body.put("uptime_seconds", (System.nanoTime() - startedNanos) / 1e9);
        body.put("mode", mode.cliName());
        body.put("peers", signalingPeers());
        if (grpc != null) {
            body.put("grpc_port", grpcPort());
        }
        body.put("server_peers", peers.peerCount());
        body.put("sessions", runner.activeSessions());
        body.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        if (cluster != null) {
            body.set("cluster", ClusterEndpoints.health(cluster, requireNonNull(signaling, "signaling")));
        }
        return body.toString();
    }

    /**
     * {@code {"default": name, "pipelines": [{"name", "description"}], "server_peer_id",
     * "signaling_url"}}, pipelines by name; {@code signaling_url} is {@code null} when this server's
     * own {@code /ws} is the one to use.
     */
    private String pipelines() {
        final ObjectNode body = JSON.createObjectNode();
        body.put("default", catalog.defaultName());
        if (mode == ServerMode.WEBSOCKET) {
            body.put("server_peer_id", ExternalSignalingPeer.PEER_ID);
            body.put("signaling_url", ExternalSignalingPeer.endpoint(signalingUrl).toString());
        } else {
            body.put("server_peer_id", SignalingMethods.SERVER_PEER_ID);
            body.putNull("signaling_url");
        }
        final ArrayNode list = body.putArray("pipelines");
        for (Map.Entry<String, PipelineCatalog.Entry> e : catalog.entries().entrySet()) {
            list.addObject().put("name", e.getKey()).put("description", e.getValue().description());
        }
        return body.toString();
    }
}
