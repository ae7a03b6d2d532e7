package dev.remotemedia.transport.mesh;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.rtc.pc.MediaKind;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCDataChannelInit;
import dev.remotemedia.rtc.pc.RTCDataChannelMessage;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.pc.RTCRtpTransceiver;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverDirection;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverInit;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mesh of peer connections negotiated through signaling: one {@link MeshPeer} per remote peer,
 * each with trickle ICE and a mesh data channel, at most {@link Builder#maxPeers(int)} at once.
 *
 * <pre>{@code
 * PeerManager mesh = PeerManager.builder(factory, signaling)      // signaling: a MeshSignaling adapter
 *         .onPeerMessage((peer, message) -> log.info("{} says {}", peer.peerId(), message.text()))
 *         .autoConnect(true)                                       // offer to every peer announced later
 *         .build();
 * mesh.connectPeer("peer-b").join().send("hello");
 * }</pre>
 *
 * <p><b>Who offers.</b> {@link #connectPeer} offers; an offer from a remote peer is answered
 * unless the mesh is full. With {@link Builder#autoConnect(boolean)}, peers already present offer
 * to a newcomer when it is announced, so a newcomer need not offer to anyone. When two peers
 * offer to each other at once (glare), the offer of the peer with the smaller id (in
 * {@link String#compareTo} order) wins: the other side answers it and drops its own. An offer
 * from a peer already connected replaces that connection (the remote peer restarted).
 *
 * <p><b>Audio.</b> With {@link Builder#audio(boolean)}, every offer carries a sendrecv Opus m-line
 * and every answer to an offer with one says sendrecv, so {@link MeshPeer#addAudioTrack} needs no
 * renegotiation (a re-offer from a connected peer reads as a restart here, see above).
 * {@link Builder#onPeerAudio} receives each peer's decoded audio.
 *
 * <p>Every connection state change is reported to the remote peer with {@code peer.state_changed}.
 * A connection that fails is closed and removed; {@code peer.left} or {@code peer.disconnect}
 * from a remote peer closes its connection.
 *
 * <p><b>Threads.</b> Methods may be called from any thread. Callbacks run on the connection's
 * event loop, except {@link Builder#onPeerClosed} for closes this manager starts, which runs on
 * the thread that caused it (a signaling thread, or the caller of {@link #disconnectPeer}).
 */
public final class PeerManager implements AutoCloseable {

    /** The default {@link Builder#maxPeers(int)}. */
    public static final int DEFAULT_MAX_PEERS = 10;
    /** The default {@link Builder#maxConnectionAttempts(int)}. */
    public static final int DEFAULT_MAX_CONNECTION_ATTEMPTS = 3;
    /** Label of the mesh data channel. */
    public static final String CHANNEL_LABEL = "mesh";
    /** Stream id of the negotiated mesh data channel. */
    public static final int CHANNEL_ID = 0;

    private static final Logger logger = LoggerFactory.getLogger(PeerManager.class);
    /** Peers whose candidates are held before their offer arrives. */
    private static final int MAX_EARLY_PEERS = 64;

    private final PeerConnectionFactory factory;
    private final MeshSignaling signaling;
    private final String localPeerId;
    private final int maxPeers;
    private final int maxAttempts;
    private final boolean autoConnect;
    private final boolean audio;
    private final @Nullable BiConsumer<MeshPeer, AudioFrame> onAudio;
    private final boolean video;
    private final @Nullable BiConsumer<MeshPeer, VideoFrame> onVideo;
    private final BiConsumer<MeshPeer, RTCDataChannelMessage> onMessage;
    private final BiConsumer<MeshPeer, RTCPeerConnectionState> onStateChange;
    private final Consumer<MeshPeer> onOpen;
    private final Consumer<MeshPeer> onClosed;

    private final Object lock = new Object();
    // Guarded by lock.
    private final Map<String, MeshPeer> peers = new LinkedHashMap<>();
    private final Map<String, List<RTCIceCandidate>> earlyCandidates = new LinkedHashMap<>();
    private boolean closed;

    private PeerManager(Builder b) {
        factory = b.factory;
        signaling = b.signaling;
        localPeerId = signaling.localPeerId();
        maxPeers = b.maxPeers;
        maxAttempts = b.maxAttempts;
        autoConnect = b.autoConnect;
        audio = b.audio;
        onAudio = b.onAudio;
        video = b.video;
        onVideo = b.onVideo;
        onMessage = b.onMessage;
        onStateChange = b.onStateChange;
        onOpen = b.onOpen;
        onClosed = b.onClosed;
        signaling.setListener(new Inbound());
    }

    /** Returns a builder for a mesh whose connections come from {@code factory}. */
    public static Builder builder(PeerConnectionFactory factory, MeshSignaling signaling) {
        return new Builder(requireNonNull(factory, "factory"), requireNonNull(signaling, "signaling"));
    }

    /** This peer's signaling id. */
    public String localPeerId() {
        return localPeerId;
    }

    /** The most connections at once. */
    public int maxPeers() {
        return maxPeers;
    }

    /**
     * Offers a connection to {@code peerId}; completes when its mesh channel is open. Returns the
     * pending or open connection's future when there is one already.
     *
     * @return a future that fails with {@link ErrorCode#MAX_PEERS_REACHED} when the mesh is full,
     *     or with the signaling error when the remote peer refuses or does not exist
     */
    public CompletableFuture<MeshPeer> connectPeer(String peerId) {
        requireNonNull(peerId, "peerId");
        if (peerId.equals(localPeerId)) {
            return CompletableFuture.failedFuture(new RemoteMediaException(
                    ErrorCode.INVALID_PARAMS, "peerId: " + peerId + " is this peer (expected: another peer's id)"));
        }
        MeshPeer peer;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("peer manager is closed"));
            }
            MeshPeer existing = peers.get(peerId);
            if (existing != null) {
                return existing.whenOpen();
            }
            if (peers.size() >= maxPeers) {
                return CompletableFuture.failedFuture(full(peerId));
            }
            peer = newPeer(peerId, true, 1, new CompletableFuture<>());
            peers.put(peerId, peer);
        }
        offer(peer);
        return peer.whenOpen();
    }

    /** Whether connections negotiate an audio m-line up front (see {@link Builder#audio(boolean)}). */
    public boolean audio() {
        return audio;
    }

    /** Sends the offer of {@code peer} and applies the answer. */
    private void offer(MeshPeer peer) {
        RTCPeerConnection pc = peer.connection();
        // addTransceiver waits for the connection's loop, which a retry (on another connection's
        // loop) must not do: it is made on a thread of the common pool.
        CompletableFuture<Void> ready = audio || video
                ? CompletableFuture.runAsync(() -> {
                    if (audio) {
                        pc.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverInit.DEFAULT);
                    }
                    if (video) {
                        pc.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverInit.DEFAULT);
                    }
                })
                : CompletableFuture.completedFuture(null);
        ready.thenCompose(v -> pc.createOffer())
             .thenCompose(offer -> pc.setLocalDescription(offer).thenApply(v -> offer))
             .thenCompose(offer -> signaling.offer(peer.peerId(), offer.sdp()))
             .thenCompose(answer -> pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer)))
             .whenComplete((v, error) -> {
                 if (error == null) {
                     peer.remoteDescriptionSet();
                 } else {
                     remove(peer, unwrap(error));
                 }
             });
    }

    /**
     * An offered connection failed before its channel opened: offers again, as a new connection,
     * unless this was the last attempt, the mesh closed, or another connection to the peer exists.
     */
    private boolean retry(MeshPeer failed) {
        MeshPeer next;
        synchronized (lock) {
            if (closed || peers.get(failed.peerId()) != failed) {
                return false;
            }
            next = newPeer(failed.peerId(), true, failed.attempt() + 1, failed.outcome);
            peers.put(failed.peerId(), next);
        }
        logger.info("mesh {}: connection to {} failed before opening; attempt {} of {}", localPeerId,
                    failed.peerId(), next.attempt(), maxAttempts);
        failed.close(new IllegalStateException("attempt " + failed.attempt() + " failed"), true);
        offer(next);
        return true;
    }

    /**
     * Closes the connection to {@code peerId} and tells it with {@code peer.disconnect}.
     *
     * @return whether there was such a connection
     */
    public boolean disconnectPeer(String peerId, String reason) {
        requireNonNull(peerId, "peerId");
        requireNonNull(reason, "reason");
        MeshPeer peer;
        synchronized (lock) {
            peer = peers.get(peerId);
        }
        if (peer == null || !remove(peer, null)) {
            return false;
        }
        signaling.disconnect(peerId, reason);
        return true;
    }

    /** The peers whose connection state is {@code connected}. */
    public List<MeshPeer> listPeers() {
        return listAllPeers().stream().filter(p -> p.state() == RTCPeerConnectionState.CONNECTED).toList();
    }

    /** Every peer of the mesh in any state (new, connecting, connected, disconnected). */
    public List<MeshPeer> listAllPeers() {
        synchronized (lock) {
            return List.copyOf(peers.values());
        }
    }

    /** The connection to {@code peerId}, if there is one. */
    public Optional<MeshPeer> peer(String peerId) {
        synchronized (lock) {
            return Optional.ofNullable(peers.get(peerId));
        }
    }

    /**
     * Sends 16-bit PCM to every peer with an audio track ({@link MeshPeer#addAudioTrack}) except
     * those in {@code exclude}, as {@link MeshPeer#sendAudio(short[])} does; peers without a track
     * are skipped. Send in real time, from one thread.
     *
     * @return how many peers it went to
     * @throws IllegalArgumentException if the sample count is not whole frames for some peer's
     *     track (then it went to none)
     */
    public int broadcastAudio(short[] samples, Set<String> exclude) {
        requireNonNull(samples, "samples");
        requireNonNull(exclude, "exclude");
        List<MeshPeer> targets = new ArrayList<>();
        for (MeshPeer peer : listAllPeers()) {
            if (!exclude.contains(peer.peerId()) && peer.acceptsAudio(samples.length)) {
                targets.add(peer);
            }
        }
        int sent = 0;
        for (MeshPeer peer : targets) {
            if (peer.offerAudio(samples)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Sends a picture to every peer with a video track ({@link MeshPeer#addVideoTrack}) except
     * those in {@code exclude}; peers without a track are skipped. Each peer's encoder scales it to
     * its own size. The picture is shared, not copied.
     *
     * @return how many peers it went to
     */
    public int broadcastVideo(VideoFrame frame, Set<String> exclude) {
        requireNonNull(frame, "frame");
        requireNonNull(exclude, "exclude");
        int sent = 0;
        for (MeshPeer peer : listAllPeers()) {
            if (!exclude.contains(peer.peerId()) && peer.offerVideo(frame)) {
                sent++;
            }
        }
        return sent;
    }

    /** Whether connections negotiate a video m-line up front (see {@link Builder#video(boolean)}). */
    public boolean video() {
        return video;
    }

    /** {@link #broadcastAudio(short[], Set)} of float samples in [-1, 1] (clipped, NaN as silence). */
    public int broadcastAudio(float[] samples, Set<String> exclude) {
        requireNonNull(samples, "samples");
        return broadcastAudio(MeshPeer.toPcm16(samples), exclude);
    }

    /** Closes every connection (telling each peer) and stops answering offers. */
    @Override
    public void close() {
        List<MeshPeer> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(peers.values());
            earlyCandidates.clear();
        }
        for (MeshPeer peer : all) {
            if (remove(peer, null)) {
                signaling.disconnect(peer.peerId(), "peer manager closed");
            }
        }
        signaling.setListener(null);
    }

    // Called with lock held; never calls out to user code.
    private MeshPeer newPeer(String peerId, boolean offerer, int attempt, CompletableFuture<MeshPeer> outcome) {
        RTCPeerConnection pc = factory.createPeerConnection();
        RTCDataChannel channel = pc.createDataChannel(
                CHANNEL_LABEL, RTCDataChannelInit.DEFAULT.withNegotiatedId(CHANNEL_ID));
        MeshPeer peer = new MeshPeer(peerId, offerer, pc, channel, attempt, outcome);
        pc.addIceCandidateListener(candidate -> {
            if (!peer.isClosed()) {
                signaling.iceCandidate(peerId, candidate);
            }
        });
        pc.addConnectionStateListener(state -> {
            if (peer.isClosed()) {
                return;
            }
            signaling.stateChanged(peerId, PeerStates.of(pc));
            onStateChange.accept(peer, state);
            if (state == RTCPeerConnectionState.FAILED) {
                boolean retried = peer.isOfferer() && !peer.opened.isDone() && peer.attempt() < maxAttempts
                                  && retry(peer);
                if (!retried) {
                    remove(peer, new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "connection to " + peerId
                                                          + " failed (attempt " + peer.attempt() + " of "
                                                          + maxAttempts + ")"));
                }
            }
        });
        channel.onOpen(() -> {
            if (peer.opened.complete(peer)) {
                peer.outcome.complete(peer);
                onOpen.accept(peer);
            }
        });
        channel.onMessage(message -> onMessage.accept(peer, message));
        if (onVideo != null) {
            BiConsumer<MeshPeer, VideoFrame> handler = onVideo;
            pc.addTrackListener(event -> {
                if (event.track().kind() == MediaKind.VIDEO) {
                    event.track().addVideoSink((frame, rtpTimestamp) -> {
                        if (!peer.isClosed()) {
                            handler.accept(peer, frame);
                        }
                    });
                }
            });
        }
        if (onAudio != null) {
            BiConsumer<MeshPeer, AudioFrame> handler = onAudio;
            pc.addTrackListener(event -> {
                if (event.track().kind() == MediaKind.AUDIO) {
                    event.track().addSink(frame -> {
                        if (!peer.isClosed()) {
                            handler.accept(peer, frame);
                        }
                    });
                }
            });
        }
        return peer;
    }

    /** Removes {@code peer} if it is still the current one for its id, closes it, reports it. */
    private boolean remove(MeshPeer peer, @Nullable Throwable cause) {
        synchronized (lock) {
            peers.remove(peer.peerId(), peer);
        }
        if (!peer.close(cause, false)) {
            return false;
        }
        if (cause != null) {
            logger.info("mesh {}: connection to {} ended: {}", localPeerId, peer.peerId(), cause.getMessage());
        }
        onClosed.accept(peer);
        return true;
    }

    private RemoteMediaException full(String peerId) {
        return new RemoteMediaException(ErrorCode.MAX_PEERS_REACHED,
                                        "maxPeers: " + maxPeers + " connections already (cannot add " + peerId
                                        + "; disconnect a peer first)");
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Inbound signaling. */
    private final class Inbound implements MeshSignaling.Listener {

        @Override
        public CompletableFuture<String> onOffer(String from, String sdp) {
            MeshPeer peer;
            @Nullable MeshPeer replaced = null;
            List<RTCIceCandidate> early;
            synchronized (lock) {
                if (closed) {
                    return CompletableFuture.failedFuture(new RemoteMediaException(
                            ErrorCode.CONNECTION_FAILED, localPeerId + " is closing"));
                }
                MeshPeer existing = peers.get(from);
                if (existing != null && existing.isOfferer()
                    && existing.connection().remoteDescription() == null
                    && localPeerId.compareTo(from) < 0) {
                    return CompletableFuture.failedFuture(new RemoteMediaException(
                            ErrorCode.CONNECTION_FAILED, "glare: " + localPeerId + " is offering to " + from
                                                         + " and its offer wins (smaller peer id)"));
                }
                if (existing != null) {
                    peers.remove(from);
                    replaced = existing;
                }
                if (peers.size() >= maxPeers) {
                    return CompletableFuture.failedFuture(full(from));
                }
                peer = newPeer(from, false, 1, new CompletableFuture<>());
                peers.put(from, peer);
                early = earlyCandidates.remove(from);
            }
            if (replaced != null) {
                remove(replaced, new IllegalStateException(from + " sent a new offer"));
            }
            if (early != null) {
                early.forEach(peer::addRemoteCandidate);
            }
            RTCPeerConnection pc = peer.connection();
            CompletableFuture<String> answer =
                    pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, sdp))
                      .thenRun(() -> {
                          peer.remoteDescriptionSet();
                          if (audio) {
                              sendOnOffered(pc, MediaKind.AUDIO);
                          }
                          if (video) {
                              sendOnOffered(pc, MediaKind.VIDEO);
                          }
                      })
                      .thenCompose(v -> pc.createAnswer())
                      .thenCompose(a -> pc.setLocalDescription(a).thenApply(v -> a.sdp()));
            return answer.handle((a, error) -> {
                if (error == null) {
                    return a;
                }
                Throwable cause = unwrap(error);
                remove(peer, cause);
                throw cause instanceof RemoteMediaException rme ? rme
                        : new RemoteMediaException(ErrorCode.OFFER_INVALID,
                                                   "offer from " + from + ": " + cause.getMessage());
            });
        }

        /** The offered m-lines of {@code kind} are answered sendrecv, so this side may add a track later. */
        private void sendOnOffered(RTCPeerConnection pc, MediaKind kind) {
            for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
                if (transceiver.kind() == kind && transceiver.mid() != null && !transceiver.isStopped()
                    && transceiver.direction() == RTCRtpTransceiverDirection.RECVONLY) {
                    transceiver.setDirection(RTCRtpTransceiverDirection.SENDRECV);
                }
            }
        }

        @Override
        public void onIceCandidate(String from, RTCIceCandidate candidate) {
            MeshPeer peer;
            synchronized (lock) {
                peer = peers.get(from);
                if (peer == null) {
                    // The offer may still be on its way (relayed in order, but answered asynchronously).
                    if (closed || (!earlyCandidates.containsKey(from) && earlyCandidates.size() >= MAX_EARLY_PEERS)) {
                        return;
                    }
                    List<RTCIceCandidate> held = earlyCandidates.computeIfAbsent(from, k -> new ArrayList<>());
                    if (held.size() < MeshPeer.MAX_HELD_CANDIDATES) {
                        held.add(candidate);
                    }
                    return;
                }
            }
            peer.addRemoteCandidate(candidate);
        }

        @Override
        public void onPeerAnnounced(String peerId) {
            synchronized (lock) {
                earlyCandidates.remove(peerId); // a peer that comes back starts afresh
            }
            if (autoConnect && !peerId.equals(localPeerId)) {
                connectPeer(peerId).exceptionally(error -> {
                    logger.info("mesh {}: could not connect to announced peer {}: {}", localPeerId, peerId,
                                unwrap(error).getMessage());
                    return null;
                });
            }
        }

        @Override
        public void onPeerLeft(String peerId, String reason) {
            MeshPeer peer;
            synchronized (lock) {
                earlyCandidates.remove(peerId);
                peer = peers.get(peerId);
            }
            if (peer != null) {
                remove(peer, new IllegalStateException(peerId + " left: " + reason));
            }
        }
    }

    /** Builds a {@link PeerManager}; not thread-safe. */
    public static final class Builder {
        private final PeerConnectionFactory factory;
        private final MeshSignaling signaling;
        private int maxPeers = DEFAULT_MAX_PEERS;
        private int maxAttempts = DEFAULT_MAX_CONNECTION_ATTEMPTS;
        private boolean autoConnect;
        private boolean audio;
        private @Nullable BiConsumer<MeshPeer, AudioFrame> onAudio;
        private boolean video;
        private @Nullable BiConsumer<MeshPeer, VideoFrame> onVideo;
        private BiConsumer<MeshPeer, RTCDataChannelMessage> onMessage = (p, m) -> {};
        private BiConsumer<MeshPeer, RTCPeerConnectionState> onStateChange = (p, s) -> {};
        private Consumer<MeshPeer> onOpen = p -> {};
        private Consumer<MeshPeer> onClosed = p -> {};

        private Builder(PeerConnectionFactory factory, MeshSignaling signaling) {
            this.factory = factory;
            this.signaling = signaling;
        }

        /** The most connections at once ({@code WEBRTC_MAX_PEERS}); default {@value PeerManager#DEFAULT_MAX_PEERS}. */
        public Builder maxPeers(int maxPeers) {
            if (maxPeers < 1) {
                throw new IllegalArgumentException("maxPeers: " + maxPeers + " (expected: > 0)");
            }
            this.maxPeers = maxPeers;
            return this;
        }

        /**
         * How many times a connection this side offers is tried when it fails before its channel
         * opens (ICE failure or timeout), each time as a new offer ({@code WEBRTC_MAX_CONNECTION_ATTEMPTS});
         * default {@value PeerManager#DEFAULT_MAX_CONNECTION_ATTEMPTS}.
         */
        public Builder maxConnectionAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxConnectionAttempts: " + maxAttempts + " (expected: > 0)");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Whether to offer to every peer announced after this one joined; default false. */
        public Builder autoConnect(boolean autoConnect) {
            this.autoConnect = autoConnect;
            return this;
        }

        /**
         * Whether every connection negotiates a sendrecv Opus m-line up front (offers carry one,
         * answers accept one sendrecv), so {@link MeshPeer#addAudioTrack} works without
         * renegotiation; default false. Both sides need it to send both ways.
         */
        public Builder audio(boolean audio) {
            this.audio = audio;
            return this;
        }

        /**
         * Called with each frame of a peer's decoded audio: 16-bit PCM at 48 kHz with its RTP
         * timestamp, its capture time (once the peer's RTCP sender report came) and whether it was
         * concealed. Runs on the track's codec thread, one frame at a time per peer; a slow handler
         * delays only that peer's audio. Without a handler, received audio is not decoded.
         */
        public Builder onPeerAudio(BiConsumer<MeshPeer, AudioFrame> callback) {
            onAudio = requireNonNull(callback, "callback");
            return this;
        }

        /**
         * Whether every connection negotiates a sendrecv video m-line up front, so
         * {@link MeshPeer#addVideoTrack} works without renegotiation; default false. Both sides
         * need it to send both ways. Video needs FFmpeg's natives (see the README's limits).
         */
        public Builder video(boolean video) {
            this.video = video;
            return this;
        }

        /**
         * Called with each decoded picture of a peer's video (I420; its timestamp the frame's RTP
         * time in microseconds). Runs on the track's codec thread, one picture at a time per peer.
         * Without a handler, received video is not decoded.
         */
        public Builder onPeerVideo(BiConsumer<MeshPeer, VideoFrame> callback) {
            onVideo = requireNonNull(callback, "callback");
            return this;
        }

        /** Called with each message on a peer's mesh channel. */
        public Builder onPeerMessage(BiConsumer<MeshPeer, RTCDataChannelMessage> callback) {
            onMessage = requireNonNull(callback, "callback");
            return this;
        }

        /** Called with each connection state change of a peer. */
        public Builder onPeerStateChange(BiConsumer<MeshPeer, RTCPeerConnectionState> callback) {
            onStateChange = requireNonNull(callback, "callback");
            return this;
        }

        /** Called when a peer's mesh channel opens. */
        public Builder onPeerOpen(Consumer<MeshPeer> callback) {
            onOpen = requireNonNull(callback, "callback");
            return this;
        }

        /** Called once when a peer's connection is closed and removed, for whatever reason. */
        public Builder onPeerClosed(Consumer<MeshPeer> callback) {
            onClosed = requireNonNull(callback, "callback");
            return this;
        }

        public PeerManager build() {
            return new PeerManager(this);
        }

    }
}
