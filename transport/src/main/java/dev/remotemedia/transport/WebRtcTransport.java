package dev.remotemedia.transport;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannelMessage;
import dev.remotemedia.transport.mesh.MeshPeer;
import dev.remotemedia.transport.mesh.MeshSignalingConnector;
import dev.remotemedia.transport.mesh.PeerManager;
import dev.remotemedia.transport.session.Session;
import dev.remotemedia.transport.session.SessionManager;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport of the seeds' Quick Start: joins a signaling server as a peer, connects to other
 * peers in a mesh ({@link PeerManager}) and groups them in sessions ({@link SessionManager}).
 *
 * <pre>{@code
 * WebRtcTransportConfig config = WebRtcTransportConfig.builder()
 *         .signalingUrl(URI.create("ws://localhost:8080/ws"))
 *         .maxPeers(10)
 *         .build()
 *         .requireValid();
 * try (WebRtcTransport transport = WebRtcTransport.builder(config).peerId("java-1").build()) {
 *     transport.start().join();
 *     Session session = transport.createSession("session-1");
 *     String peerId = transport.connectPeer("peer-remote").join();
 *     transport.addPeerToSession("session-1", peerId);
 *     transport.broadcast("session-1", "hello");
 *     transport.shutdown();
 * }
 * }</pre>
 *
 * <p><b>Audio</b> (seed 001 "Media Streaming"): build with {@link Builder#audio(boolean)} so every
 * connection negotiates Opus up front, then add a track to a peer and send to it:
 * <pre>{@code
 * WebRtcTransport transport = WebRtcTransport.builder(config).audio(true)
 *         .onPeerAudio((peer, frame) -> play(peer.peerId(), frame.samples(), frame.rtpTimestamp()))
 *         .build();
 * transport.start().join();
 * String peerId = transport.connectPeer("peer-remote").join();
 * transport.peerManager().peer(peerId).orElseThrow().addAudioTrack(AudioEncoderConfig.defaults());
 * transport.sendAudio(peerId, new float[960]);       // 20 ms at 48 kHz, every 20 ms
 * transport.broadcastAudio(new float[960], Set.of()); // to every peer with a track
 * }</pre>
 *
 * <p><b>Video</b> the same way: build with {@link Builder#video(boolean)} (and
 * {@link Builder#onPeerVideo}), {@code addVideoTrack(VideoEncoderConfig.from(config))} on a peer,
 * then {@link #sendVideo} or {@link #broadcastVideo} I420 pictures with their capture times.
 *
 * <p>Signaling comes from a {@link MeshSignalingConnector}: by default the one the {@code signaling}
 * module registers for the scheme of {@link WebRtcTransportConfig#signalingUrl()} (JSON-RPC over
 * WebSocket for {@code ws://} and {@code wss://}, DESIGN.md §5.1; gRPC {@code Signal} for
 * {@code grpc://host:port} and {@code grpcs://host:port}, §5.2), so that module must be on the
 * class path. Thread-safe.
 */
public final class WebRtcTransport implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(WebRtcTransport.class);

    private final WebRtcTransportConfig config;
    private final String peerId;
    private final MeshSignalingConnector connector;
    private final SessionManager sessions = new SessionManager();
    private final BiConsumer<MeshPeer, RTCDataChannelMessage> onMessage;
    private final @Nullable BiConsumer<MeshPeer, AudioFrame> onAudio;
    private final boolean audio;
    private final @Nullable BiConsumer<MeshPeer, VideoFrame> onVideo;
    private final boolean video;
    private final Consumer<MeshPeer> onOpen;
    private final Consumer<MeshPeer> onClosed;
    private final boolean autoConnect;

    private final Object lock = new Object();
    // Guarded by lock.
    private @Nullable CompletableFuture<Void> started;
    private @Nullable PeerConnectionFactory factory;
    private @Nullable PeerManager mesh;
    private MeshSignalingConnector.@Nullable Connection signaling;
    private boolean shutDown;

    private WebRtcTransport(Builder b) {
        config = b.config;
        peerId = b.peerId;
        connector = b.connector != null ? b.connector : defaultConnector(config.signalingUrl());
        onMessage = b.onMessage;
        onAudio = b.onAudio;
        audio = b.audio;
        onVideo = b.onVideo;
        video = b.video;
        onOpen = b.onOpen;
        onClosed = b.onClosed;
        autoConnect = b.autoConnect;
    }

    /** Returns a builder for a transport with {@code config} (checked with {@link WebRtcTransportConfig#requireValid()}). */
    public static Builder builder(WebRtcTransportConfig config) {
        return new Builder(requireNonNull(config, "config").requireValid());
    }

    /** This transport's peer id on the signaling server. */
    public String peerId() {
        return peerId;
    }

    public WebRtcTransportConfig config() {
        return config;
    }

    /**
     * Opens the peer connection factory (the UDP port, the event loops) and joins the signaling
     * server; completes once announced. Calling it again returns the same future.
     */
    public CompletableFuture<Void> start() {
        synchronized (lock) {
            if (shutDown) {
                return CompletableFuture.failedFuture(new IllegalStateException("transport is shut down"));
            }
            if (started != null) {
                return started;
            }
            PeerConnectionFactory f = PeerConnectionFactory.builder().iceConfig(TransportIce.from(config))
                                                           .jitterBufferMaxMillis(config.jitterBufferMs())
                                                           .videoCodecs(TransportVideo.preference(config)).build();
            factory = f;
            started = connector.connect(config, peerId).thenAccept(connection -> {
                synchronized (lock) {
                    if (shutDown) {
                        connection.close();
                        throw new IllegalStateException("transport shut down while starting");
                    }
                    signaling = connection;
                    PeerManager.Builder meshBuilder = PeerManager.builder(f, connection);
                    if (onAudio != null) {
                        meshBuilder.onPeerAudio(onAudio);
                    }
                    if (onVideo != null) {
                        meshBuilder.onPeerVideo(onVideo);
                    }
                    mesh = meshBuilder.maxPeers(config.maxPeers())
                                      .maxConnectionAttempts(config.maxConnectionAttempts())
                                      .autoConnect(autoConnect)
                                      .audio(audio)
                                      .video(video)
                                      .onPeerMessage(onMessage)
                                      .onPeerOpen(onOpen)
                                      .onPeerClosed(peer -> {
                                          sessions.removePeer(peer.peerId());
                                          onClosed.accept(peer);
                                      })
                                      .build();
                }
            });
            return started;
        }
    }

    /**
     * Connects to {@code remotePeerId} through signaling; completes with its id once the mesh
     * channel is open.
     */
    public CompletableFuture<String> connectPeer(String remotePeerId) {
        return mesh().connectPeer(remotePeerId).thenApply(MeshPeer::peerId);
    }

    /** Disconnects from a peer; false if not connected to it. */
    public boolean disconnectPeer(String remotePeerId) {
        return mesh().disconnectPeer(remotePeerId, "disconnected by " + peerId);
    }

    /** The peers whose connection is {@code connected}. */
    public List<MeshPeer> listPeers() {
        return mesh().listPeers();
    }

    /** Every peer of the mesh, in any state. */
    public List<MeshPeer> listAllPeers() {
        return mesh().listAllPeers();
    }

    /** The mesh, once started. */
    public PeerManager peerManager() {
        return mesh();
    }

    public SessionManager sessionManager() {
        return sessions;
    }

    public Session createSession(String sessionId) {
        return sessions.createSession(sessionId);
    }

    public Session getSession(String sessionId) {
        return sessions.getSession(sessionId);
    }

    public boolean hasSession(String sessionId) {
        return sessions.hasSession(sessionId);
    }

    public List<String> listSessions() {
        return sessions.listSessions();
    }

    public boolean removeSession(String sessionId) {
        return sessions.removeSession(sessionId);
    }

    /**
     * Adds a peer of the mesh to a session.
     *
     * @throws RemoteMediaException {@link ErrorCode#PEER_NOT_FOUND} if the mesh has no such peer,
     *     {@link ErrorCode#INVALID_PARAMS} if there is no such session
     */
    public void addPeerToSession(String sessionId, String remotePeerId) {
        if (mesh().peer(remotePeerId).isEmpty()) {
            throw new RemoteMediaException(ErrorCode.PEER_NOT_FOUND,
                                           "peerId: " + remotePeerId + " is not a peer of this transport");
        }
        sessions.addPeerToSession(sessionId, remotePeerId);
    }

    /** Sends text to every peer of a session whose mesh channel is open; returns how many got it. */
    public int broadcast(String sessionId, String text) {
        int sent = 0;
        for (String id : sessions.getSession(sessionId).peers()) {
            MeshPeer peer = mesh().peer(id).orElse(null);
            if (peer != null && peer.whenOpen().isDone() && !peer.whenOpen().isCompletedExceptionally()) {
                peer.send(text);
                sent++;
            }
        }
        return sent;
    }

    /**
     * Sends 16-bit PCM on the audio track of {@code remotePeerId} (see {@link MeshPeer#sendAudio(short[])}).
     *
     * @throws RemoteMediaException {@link ErrorCode#PEER_NOT_FOUND} if the mesh has no such peer
     * @throws IllegalStateException if its connection is closed or has no audio track
     * @throws IllegalArgumentException if {@code samples} is empty or not whole frames
     */
    public void sendAudio(String remotePeerId, short[] samples) {
        meshPeer(remotePeerId).sendAudio(samples);
    }

    /** Sends float samples in [-1, 1] to {@code remotePeerId}, as {@link #sendAudio(String, short[])}. */
    public void sendAudio(String remotePeerId, float[] samples) {
        meshPeer(remotePeerId).sendAudio(samples);
    }

    /**
     * Sends 16-bit PCM to every peer with an audio track but those in {@code exclude} (see
     * {@link PeerManager#broadcastAudio(short[], Set)}); returns how many got it.
     */
    public int broadcastAudio(short[] samples, Set<String> exclude) {
        return mesh().broadcastAudio(samples, exclude);
    }

    /** Sends float samples in [-1, 1] to every peer with an audio track but those in {@code exclude}. */
    public int broadcastAudio(float[] samples, Set<String> exclude) {
        return mesh().broadcastAudio(samples, exclude);
    }

    /**
     * Sends a picture on the video track of {@code remotePeerId} (see {@link MeshPeer#sendVideo}).
     *
     * @throws RemoteMediaException {@link ErrorCode#PEER_NOT_FOUND} if the mesh has no such peer
     * @throws IllegalStateException if its connection is closed or has no video track
     */
    public void sendVideo(String remotePeerId, VideoFrame frame) {
        meshPeer(remotePeerId).sendVideo(frame);
    }

    /**
     * Sends a picture to every peer with a video track but those in {@code exclude} (see
     * {@link PeerManager#broadcastVideo}); returns how many got it.
     */
    public int broadcastVideo(VideoFrame frame, Set<String> exclude) {
        return mesh().broadcastVideo(frame, exclude);
    }

    private MeshPeer meshPeer(String remotePeerId) {
        requireNonNull(remotePeerId, "remotePeerId");
        return mesh().peer(remotePeerId).orElseThrow(() -> new RemoteMediaException(
                ErrorCode.PEER_NOT_FOUND, "peerId: " + remotePeerId + " is not a peer of this transport"));
    }

    /** Closes every connection, leaves signaling and releases the factory. Idempotent. */
    public void shutdown() {
        PeerManager m;
        MeshSignalingConnector.Connection s;
        PeerConnectionFactory f;
        synchronized (lock) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            m = mesh;
            s = signaling;
            f = factory;
        }
        if (m != null) {
            m.close();
        }
        if (s != null) {
            s.close();
        }
        if (f != null) {
            f.close();
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    private PeerManager mesh() {
        synchronized (lock) {
            if (shutDown) {
                throw new IllegalStateException("transport is shut down");
            }
            if (mesh == null) {
                throw new IllegalStateException("transport not started: call start() and wait for it");
            }
            return mesh;
        }
    }

    /** The connector on the class path for the URL's scheme: {@code ws}/{@code wss} or {@code grpc}/{@code grpcs}. */
    private static MeshSignalingConnector defaultConnector(URI signalingUrl) {
        final String scheme = signalingUrl.getScheme().toLowerCase(Locale.ROOT);
        return ServiceLoader.load(MeshSignalingConnector.class).stream()
                            .map(ServiceLoader.Provider::get)
                            .filter(c -> c.schemes().contains(scheme))
                            .findFirst()
                            .orElseThrow(() -> new RemoteMediaException(
                                    ErrorCode.NOT_AVAILABLE, "no signaling connector for " + scheme
                                                             + ":// URLs on the class path (add the "
                                                             + "dev.remotemedia:signaling module, or pass one to "
                                                             + "the builder)"));
    }

    /** Builds a {@link WebRtcTransport}; not thread-safe. */
    public static final class Builder {
        private final WebRtcTransportConfig config;
        private String peerId = "java-" + UUID.randomUUID().toString().substring(0, 8);
        private @Nullable MeshSignalingConnector connector;
        private BiConsumer<MeshPeer, RTCDataChannelMessage> onMessage = (p, m) -> {};
        private @Nullable BiConsumer<MeshPeer, AudioFrame> onAudio;
        private boolean audio;
        private @Nullable BiConsumer<MeshPeer, VideoFrame> onVideo;
        private boolean video;
        private Consumer<MeshPeer> onOpen = p -> {};
        private Consumer<MeshPeer> onClosed = p -> {};
        private boolean autoConnect;

        private Builder(WebRtcTransportConfig config) {
            this.config = config;
        }

        /** This transport's peer id; default {@code java-} and 8 random hex digits. */
        public Builder peerId(String peerId) {
            requireNonNull(peerId, "peerId");
            if (peerId.isBlank()) {
                throw new IllegalArgumentException("peerId: blank (expected: a peer id)");
            }
            this.peerId = peerId;
            return this;
        }

        /** The signaling to use instead of the one found with {@link ServiceLoader}. */
        public Builder signaling(MeshSignalingConnector connector) {
            this.connector = requireNonNull(connector, "connector");
            return this;
        }

        /** Offer to every peer announced after this one joined (see {@link PeerManager}); default false. */
        public Builder autoConnect(boolean autoConnect) {
            this.autoConnect = autoConnect;
            return this;
        }

        /**
         * Whether every connection negotiates an Opus m-line up front ({@code WEBRTC_AUDIO_CODEC}),
         * so {@link MeshPeer#addAudioTrack} works on it; default false (see {@link PeerManager.Builder#audio}).
         */
        public Builder audio(boolean audio) {
            this.audio = audio;
            return this;
        }

        /**
         * Whether every connection negotiates a video m-line up front (the codec: {@code
         * WEBRTC_VIDEO_CODEC} first), so {@link MeshPeer#addVideoTrack} works on it; default false
         * (see {@link PeerManager.Builder#video}). Needs FFmpeg's natives on the class path.
         */
        public Builder video(boolean video) {
            this.video = video;
            return this;
        }

        /** Receives each peer's decoded pictures (see {@link PeerManager.Builder#onPeerVideo}). */
        public Builder onPeerVideo(BiConsumer<MeshPeer, VideoFrame> callback) {
            onVideo = requireNonNull(callback, "callback");
            return this;
        }

        /** Receives each peer's decoded audio frames (see {@link PeerManager.Builder#onPeerAudio}). */
        public Builder onPeerAudio(BiConsumer<MeshPeer, AudioFrame> callback) {
            onAudio = requireNonNull(callback, "callback");
            return this;
        }

        public Builder onPeerMessage(BiConsumer<MeshPeer, RTCDataChannelMessage> callback) {
            onMessage = requireNonNull(callback, "callback");
            return this;
        }

        public Builder onPeerOpen(Consumer<MeshPeer> callback) {
            onOpen = requireNonNull(callback, "callback");
            return this;
        }

        public Builder onPeerClosed(Consumer<MeshPeer> callback) {
            onClosed = requireNonNull(callback, "callback");
            return this;
        }

        public WebRtcTransport build() {
            return new WebRtcTransport(this);
        }
    }
}
