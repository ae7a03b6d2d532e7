package dev.remotemedia.transport.peer;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.data.DataBufferCodec;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.pipeline.runtime.StreamSession;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The server's peers: one {@link ServerPeer} per client that offers to {@code remotemedia-server},
 * each running the pipeline it asked for (or the default one), at most {@link Builder#maxPeers}
 * at once.
 *
 * <pre>{@code
 * ServerPeerManager peers = ServerPeerManager.builder(factory, runner)
 *         .pipeline("loopback", Manifests.builtIn("loopback"))     // the first one is the default
 *         .pipeline("text-upper", Manifests.builtIn("text-upper"))
 *         .build();
 * String answer = peers.offer("peer-1", offerSdp, null, signals).join();
 * peers.addIceCandidate("peer-1", candidate);
 * peers.disconnect("peer-1", "left");
 * }</pre>
 *
 * <p>Candidates that arrive before their peer's offer is processed are held (a bounded number per
 * peer, for a bounded number of peers) and applied once it is. Thread-safe.
 */
public final class ServerPeerManager implements AutoCloseable {

    /** Candidates held per peer before its description is applied. */
    static final int MAX_HELD_CANDIDATES = 64;
    /** Peers whose candidates are held before their offer arrives. */
    static final int MAX_EARLY_PEERS = 256;

    private final PeerConnectionFactory factory;
    private final PipelineRunner runner;
    private final Map<String, Manifest> pipelines;
    private final String defaultPipeline;
    private final int maxPeers;
    private final int maxMessageBytes;
    private final BiConsumer<ServerPeer, RTCDataChannel> channelHandler;
    private final Consumer<ServerPeer> onPeerClosed;
    private final ExecutorService routerPool;

    private final Object lock = new Object();
    // Guarded by lock.
    private final Map<String, ServerPeer> peers = new LinkedHashMap<>();
    private final Map<String, List<RTCIceCandidate>> early = new LinkedHashMap<>();
    private boolean closed;

    private ServerPeerManager(Builder b) {
        factory = b.factory;
        runner = b.runner;
        pipelines = Map.copyOf(b.pipelines);
        defaultPipeline = b.defaultPipeline;
        maxPeers = b.maxPeers;
        maxMessageBytes = b.maxMessageBytes;
        channelHandler = b.channelHandler;
        onPeerClosed = b.onPeerClosed;
        AtomicInteger n = new AtomicInteger();
        routerPool = Executors.newFixedThreadPool(b.routerThreads, r -> {
            Thread t = new Thread(r, "serverpeer-router-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Returns a builder; add at least one pipeline. */
    public static Builder builder(PeerConnectionFactory factory, PipelineRunner runner) {
        return new Builder(requireNonNull(factory, "factory"), requireNonNull(runner, "runner"));
    }

    /** The names of the pipelines a client may ask for. */
    public List<String> pipelineNames() {
        return List.copyOf(new java.util.TreeSet<>(pipelines.keySet()));
    }

    /** The pipeline a client gets when it names none. */
    public String defaultPipeline() {
        return defaultPipeline;
    }

    /**
     * Creates the ServerPeer of {@code peerId} for its offer (replacing one it had) and answers.
     *
     * @param pipeline the manifest's name, or {@code null} for the default
     * @return the answer's SDP; fails with {@link ErrorCode#MAX_PEERS_REACHED},
     *     {@link ErrorCode#INVALID_PARAMS} (unknown pipeline) or {@link ErrorCode#OFFER_INVALID}
     */
    public CompletableFuture<String> offer(String peerId, String sdp, @Nullable String pipeline, PeerSignals signals) {
        requireNonNull(peerId, "peerId");
        requireNonNull(sdp, "sdp");
        requireNonNull(signals, "signals");
        String name = pipeline == null || pipeline.isEmpty() ? defaultPipeline : pipeline;
        Manifest manifest = pipelines.get(name);
        if (manifest == null) {
            return CompletableFuture.failedFuture(new RemoteMediaException(
                    ErrorCode.INVALID_PARAMS, "pipeline: '" + name + "' is not served here (expected one of: "
                                              + String.join(", ", pipelineNames()) + ")"));
        }
        ServerPeer replaced;
        ServerPeer peer;
        List<RTCIceCandidate> held;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "the server is shutting down"));
            }
            replaced = peers.remove(peerId);
            if (peers.size() >= maxPeers) {
                if (replaced != null) {
                    peers.put(peerId, replaced);
                }
                return CompletableFuture.failedFuture(new RemoteMediaException(
                        ErrorCode.MAX_PEERS_REACHED, "maxPeers: the server has " + maxPeers
                                                     + " peers already (WEBRTC_MAX_PEERS)"));
            }
            held = early.remove(peerId);
        }
        if (replaced != null) {
            replaced.close("replaced by a new offer");
        }
        StreamSession session;
        try {
            session = runner.createStreamSession(manifest);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        RTCPeerConnection pc = factory.createPeerConnection();
        peer = new ServerPeer(peerId, name, pc, session, AudioInputFormat.of(manifest), routerPool, maxMessageBytes,
                              signals, channelHandler,
                              this::removed);
        synchronized (lock) {
            if (closed) {
                peer.close("the server is shutting down");
                return CompletableFuture.failedFuture(
                        new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "the server is shutting down"));
            }
            peers.put(peerId, peer);
        }
        if (held != null) {
            held.forEach(peer::addRemoteCandidate);
        }
        return peer.acceptOffer(sdp).handle((answer, error) -> {
            if (error == null) {
                return answer;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            peer.close("bad offer");
            throw new RemoteMediaException(ErrorCode.OFFER_INVALID, "offer: " + cause.getMessage());
        });
    }

    /** A trickled candidate from {@code peerId}; held if its offer has not been processed yet. */
    public void addIceCandidate(String peerId, RTCIceCandidate candidate) {
        requireNonNull(peerId, "peerId");
        requireNonNull(candidate, "candidate");
        ServerPeer peer;
        synchronized (lock) {
            peer = peers.get(peerId);
            if (peer == null) {
                if (closed || (!early.containsKey(peerId) && early.size() >= MAX_EARLY_PEERS)) {
                    return;
                }
                List<RTCIceCandidate> held = early.computeIfAbsent(peerId, k -> new ArrayList<>());
                if (held.size() < MAX_HELD_CANDIDATES) {
                    held.add(candidate);
                }
                return;
            }
        }
        peer.addRemoteCandidate(candidate);
    }

    /** Closes the ServerPeer of {@code peerId}, if any, and forgets candidates held for it. */
    public void disconnect(String peerId, String reason) {
        ServerPeer peer;
        synchronized (lock) {
            early.remove(peerId);
            peer = peers.get(peerId);
        }
        if (peer != null) {
            peer.close(reason);
        }
    }

    public Optional<ServerPeer> peer(String peerId) {
        synchronized (lock) {
            return Optional.ofNullable(peers.get(peerId));
        }
    }

    public List<ServerPeer> peers() {
        synchronized (lock) {
            return List.copyOf(peers.values());
        }
    }

    public int peerCount() {
        synchronized (lock) {
            return peers.size();
        }
    }

    private void removed(ServerPeer peer) {
        synchronized (lock) {
            peers.remove(peer.peerId(), peer);
        }
        onPeerClosed.accept(peer);
    }

    /** Closes every ServerPeer and the router pool. */
    @Override
    public void close() {
        List<ServerPeer> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(peers.values());
            early.clear();
        }
        all.forEach(p -> p.close("server shutting down"));
        routerPool.shutdownNow();
        try {
            routerPool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link ServerPeerManager}; not thread-safe. */
    public static final class Builder {
        private final PeerConnectionFactory factory;
        private final PipelineRunner runner;
        private final Map<String, Manifest> pipelines = new LinkedHashMap<>();
        private @Nullable String defaultPipeline;
        private int maxPeers = 10;
        private int maxMessageBytes = DataBufferCodec.DEFAULT_MAX_BYTES;
        private int routerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private BiConsumer<ServerPeer, RTCDataChannel> channelHandler = (p, dc) -> dc.close();
        private Consumer<ServerPeer> onPeerClosed = p -> {};

        private Builder(PeerConnectionFactory factory, PipelineRunner runner) {
            this.factory = factory;
            this.runner = runner;
        }

        /** Serves {@code manifest} as {@code name}; the first pipeline added is the default one. */
        public Builder pipeline(String name, Manifest manifest) {
            requireNonNull(name, "name");
            requireNonNull(manifest, "manifest");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name: empty (expected: a pipeline name)");
            }
            runner.loader().requireValid(manifest);
            pipelines.put(name, manifest);
            if (defaultPipeline == null) {
                defaultPipeline = name;
            }
            return this;
        }

        /** Which pipeline clients get when they name none; default: the first one added. */
        public Builder defaultPipeline(String name) {
            defaultPipeline = requireNonNull(name, "name");
            return this;
        }

        /** Most ServerPeers at once ({@code WEBRTC_MAX_PEERS}). */
        public Builder maxPeers(int maxPeers) {
            if (maxPeers < 1) {
                throw new IllegalArgumentException("maxPeers: " + maxPeers + " (expected: > 0)");
            }
            this.maxPeers = maxPeers;
            return this;
        }

        /** Largest DataBuffer accepted from a client; default 256 KiB. */
        public Builder maxMessageBytes(int maxMessageBytes) {
            if (maxMessageBytes < 1) {
                throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: > 0)");
            }
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** Threads that move inputs into sessions, shared by every peer; default max(2, cores). */
        public Builder routerThreads(int routerThreads) {
            if (routerThreads < 1) {
                throw new IllegalArgumentException("routerThreads: " + routerThreads + " (expected: > 0)");
            }
            this.routerThreads = routerThreads;
            return this;
        }

        /** Receives the channels a client opens besides {@value ServerPeer#CHANNEL_LABEL}; default: close them. */
        public Builder channelHandler(BiConsumer<ServerPeer, RTCDataChannel> channelHandler) {
            this.channelHandler = requireNonNull(channelHandler, "channelHandler");
            return this;
        }

        /** Called once per ServerPeer when it has closed. */
        public Builder onPeerClosed(Consumer<ServerPeer> onPeerClosed) {
            this.onPeerClosed = requireNonNull(onPeerClosed, "onPeerClosed");
            return this;
        }

        public ServerPeerManager build() {
            if (pipelines.isEmpty() || defaultPipeline == null) {
                throw new IllegalStateException("pipelines: none (expected: at least one pipeline(name, manifest))");
            }
            if (!pipelines.containsKey(defaultPipeline)) {
                throw new IllegalStateException("defaultPipeline: '" + defaultPipeline + "' is not one of "
                                                + pipelines.keySet());
            }
            return new ServerPeerManager(this);
        }
    }
}
