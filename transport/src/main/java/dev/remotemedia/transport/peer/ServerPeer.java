package dev.remotemedia.transport.peer;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.data.ControlData;
import dev.remotemedia.pipeline.data.DataBufferCodec;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.runtime.StreamSession;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCDataChannelMessage;
import dev.remotemedia.rtc.pc.RTCDataChannelState;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import dev.remotemedia.rtc.pc.MediaKind;
import dev.remotemedia.transport.mesh.PeerStates;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of one client (DESIGN.md §5.5): an {@link RTCPeerConnection} bound to its own
 * pipeline {@link StreamSession}. Every message on the client's {@value #CHANNEL_LABEL} data
 * channel is a protobuf {@code DataBuffer} that goes to the pipeline's Input; every output of the
 * pipeline goes back on that channel as a {@code DataBuffer}. Other channels go to the
 * application's channel handler.
 *
 * <p><b>Audio.</b> When the client's offer has an audio m-line, the peer answers it with a track
 * of its own on the same transceiver (sendrecv when the client sends and receives): the client's
 * audio, decoded, goes to the pipeline's Input as {@link AudioData} in the format the Input asks
 * for, and the pipeline's audio outputs are encoded onto that track ({@link ServerPeerAudio}).
 * Every other output goes on the {@value #CHANNEL_LABEL} channel; without that channel it is
 * dropped and counted. A pipeline that emits no audio sends nothing on the track.
 *
 * <p><b>Routing.</b> Inputs pass through a bounded queue to a router that runs on a pool shared by
 * every ServerPeer (no thread per peer). It gives priority to shutdown, then to inputs; outputs
 * are drained continuously by a subscriber to the session's publisher, which asks for the next
 * output only while the channel's {@code bufferedAmount} is below {@value #HIGH_WATER_BYTES}
 * bytes, so a slow client slows its own pipeline and nobody else's.
 *
 * <p><b>Errors.</b> A message that is not a valid DataBuffer, or that finds the input queue full,
 * is dropped, counted ({@link #stats()}) and answered with an {@code error} control message
 * naming the problem; the connection goes on. A pipeline node that fails ends the session: the
 * client gets an {@code error} control message and the peer closes.
 *
 * <p>Created by {@link ServerPeerManager}; everything is released by {@link #close(String)},
 * which runs when the client disconnects, its signaling socket closes, ICE fails or times out, or
 * the session fails.
 */
public final class ServerPeer {

    /** The label of the channel that carries DataBuffers (DESIGN.md §5.3). */
    public static final String CHANNEL_LABEL = "remotemedia";
    /** Kind of the control message that reports a problem to the client. */
    public static final String ERROR_CONTROL_KIND = "error";
    /** Outputs are requested from the pipeline only while the channel has less than this buffered. */
    static final long HIGH_WATER_BYTES = 1 << 20;
    /** Inputs waiting for the router at most; more are dropped and reported. */
    static final int INPUT_QUEUE_CAPACITY = 1024;

    private static final Logger logger = LoggerFactory.getLogger(ServerPeer.class);

    private final String peerId;
    private final String pipelineName;
    private final RTCPeerConnection connection;
    private final StreamSession session;
    private final int maxMessageBytes;
    private final Consumer<ServerPeer> onClosed;
    private final Router router;
    private final OutputSubscriber outputs = new OutputSubscriber();
    private final ServerPeerAudio audio;
    private final ServerPeerVideo video;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();

    // Guarded by this.
    private final List<RTCIceCandidate> heldCandidates = new ArrayList<>();
    private boolean remoteDescriptionSet;

    private volatile @Nullable RTCDataChannel channel;

    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder rejectedIn = new LongAdder();
    private final LongAdder droppedIn = new LongAdder();
    private final LongAdder droppedOut = new LongAdder();

    ServerPeer(String peerId, String pipelineName, RTCPeerConnection connection, StreamSession session,
               AudioInputFormat audioFormat, Executor routerPool, int maxMessageBytes, PeerSignals signals,
               BiConsumer<ServerPeer, RTCDataChannel> channelHandler, Consumer<ServerPeer> onClosed) {
        this.peerId = peerId;
        this.pipelineName = pipelineName;
        this.connection = connection;
        this.session = session;
        this.maxMessageBytes = maxMessageBytes;
        this.onClosed = onClosed;
        router = new Router(routerPool);
        audio = new ServerPeerAudio(audioFormat, this::offerTrackAudio, m -> sendControl(ERROR_CONTROL_KIND, m),
                                    System::nanoTime);
        video = new ServerPeerVideo(this::offerTrackVideo, m -> sendControl(ERROR_CONTROL_KIND, m));
        connection.addTrackListener(event -> {
            if (event.track().kind() == MediaKind.AUDIO && !closed.get()) {
                audio.receive(event.track());
            } else if (event.track().kind() == MediaKind.VIDEO && !closed.get()) {
                video.receive(event.track());
            }
        });
        connection.addIceCandidateListener(candidate -> {
            if (!closed.get()) {
                signals.iceCandidate(candidate);
            }
        });
        connection.addConnectionStateListener(state -> {
            if (closed.get()) {
                return;
            }
            signals.stateChanged(PeerStates.of(connection));
            if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED) {
                close("connection " + state.w3cName());
            }
        });
        connection.addDataChannelListener(dc -> {
            if (CHANNEL_LABEL.equals(dc.label())) {
                bind(dc);
            } else {
                channelHandler.accept(this, dc);
            }
        });
        session.closeFuture().thenAccept(event -> {
            if (!event.clean()) {
                sendControl(ERROR_CONTROL_KIND, "pipeline '" + pipelineName + "' failed: " + event.error());
                close("pipeline failed");
            }
        });
        session.outputs().subscribe(outputs);
    }

    /** The client's signaling id. */
    public String peerId() {
        return peerId;
    }

    /** The name of the manifest this peer's session runs. */
    public String pipelineName() {
        return pipelineName;
    }

    public RTCPeerConnection connection() {
        return connection;
    }

    /** The pipeline session bound to this peer. */
    public StreamSession session() {
        return session;
    }

    /** Counters of the peer's audio, both ways. */
    public ServerPeerAudioStats audioStats() {
        return audio.stats();
    }

    public ServerPeerStats stats() {
        return new ServerPeerStats(messagesIn.sum(), bytesIn.sum(), messagesOut.sum(), bytesOut.sum(),
                                   rejectedIn.sum(), droppedIn.sum(), droppedOut.sum());
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Completes with the reason once this peer has closed, left its {@link ServerPeerManager} and
     * its pipeline session has ended.
     */
    public CompletableFuture<String> closeFuture() {
        return closeReason.copy();
    }

    /**
     * Applies the client's offer, answers its audio m-line (if any) with the peer's own track, and
     * completes with the answer's SDP.
     */
    CompletableFuture<String> acceptOffer(String sdp) {
        return connection.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, sdp))
                         .thenRun(this::releaseCandidates)
                         .thenRun(this::answerMedia)
                         .thenCompose(v -> connection.createAnswer())
                         .thenCompose(answer -> connection.setLocalDescription(answer).thenApply(v -> answer.sdp()));
    }

    /** Applies a trickled candidate, or holds it until the offer is applied. */
    void addRemoteCandidate(RTCIceCandidate candidate) {
        synchronized (this) {
            if (!remoteDescriptionSet) {
                if (heldCandidates.size() < ServerPeerManager.MAX_HELD_CANDIDATES) {
                    heldCandidates.add(candidate);
                }
                return;
            }
        }
        connection.addIceCandidate(candidate).exceptionally(error -> {
            logger.debug("ServerPeer {}: candidate refused: {}", peerId, error.getMessage());
            return null;
        });
    }

    /**
     * W3C addTrack reuses the transceivers the client's audio and video m-lines made, so the answer
     * says sendrecv for each.
     */
    private void answerMedia() {
        final boolean audioOffered = connection.getTransceivers().stream()
                                               .anyMatch(t -> t.kind() == MediaKind.AUDIO && !t.isStopped());
        if (audioOffered && !closed.get()) {
            connection.addTrack(audio.localTrack(), "remotemedia-server");
            audio.startSending();
            outputs.demand();
        }
        final boolean videoOffered = connection.getTransceivers().stream()
                                               .anyMatch(t -> t.kind() == MediaKind.VIDEO && !t.isStopped());
        if (videoOffered && !closed.get()) {
            connection.addTrack(video.localTrack(), "remotemedia-server");
            video.startSending();
            outputs.demand();
        }
    }

    /** From the video track's codec thread: a picture for the pipeline; dropped when its queue is full. */
    private boolean offerTrackVideo(RuntimeData data) {
        return !closed.get() && router.offer(data);
    }

    /** From the track's codec thread: audio for the pipeline, in its format and at real time. */
    private boolean offerTrackAudio(RuntimeData data) {
        if (closed.get()) {
            return false;
        }
        if (!router.offer(data)) {
            droppedIn.increment();
            return false;
        }
        return true;
    }

    private void releaseCandidates() {
        List<RTCIceCandidate> held;
        synchronized (this) {
            remoteDescriptionSet = true;
            held = List.copyOf(heldCandidates);
            heldCandidates.clear();
        }
        held.forEach(this::addRemoteCandidate);
    }

    /**
     * Releases everything: the router stops, the session closes (its nodes are closed), the
     * connection closes. Idempotent; the first reason wins.
     */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        logger.debug("ServerPeer {} closing: {}", peerId, reason);
        router.shutdown();
        audio.close();
        video.close();
        session.close();
        connection.close();
        onClosed.accept(this); // removed from its manager before closeFuture() tells anyone it closed
        // ...and its session has ended too (it finishes what it holds asynchronously).
        session.closeFuture().whenComplete((event, error) -> closeReason.complete(reason));
    }

    private void bind(RTCDataChannel dc) {
        if (channel != null) {
            dc.close(); // one pipeline channel per peer
            return;
        }
        channel = dc;
        dc.setBufferedAmountLowThreshold(HIGH_WATER_BYTES / 2);
        dc.onMessage(this::receive);
        dc.onBufferedAmountLow(outputs::demand);
        dc.onOpen(outputs::demand);
        // The client closed the channel, or its whole association went (a closed page, a closed
        // RTCPeerConnection): nothing more can flow, so the peer is done.
        dc.onClose(() -> close(CHANNEL_LABEL + " channel closed"));
        if (dc.readyState() == RTCDataChannelState.OPEN) {
            outputs.demand();
        }
    }

    /** On the connection's loop: decode, count, queue for the router. */
    private void receive(RTCDataChannelMessage message) {
        if (closed.get()) {
            return;
        }
        RuntimeData data;
        try {
            data = message.binary() ? DataBufferCodec.decode(message.data(), maxMessageBytes)
                                    : TextData.of(message.text()); // plain text is accepted as text data
        } catch (RuntimeException e) {
            rejectedIn.increment();
            sendControl(ERROR_CONTROL_KIND, "message of " + message.data().length + " bytes dropped: " + e.getMessage());
            return;
        }
        if (data instanceof AudioData a && !audio.admit(a)) {
            rejectedIn.increment(); // reported by admit, once per format
            return;
        }
        if (!router.offer(data)) {
            droppedIn.increment();
            sendControl(ERROR_CONTROL_KIND, "input queue full (" + INPUT_QUEUE_CAPACITY
                                            + " messages): a message was dropped; send more slowly");
            return;
        }
        messagesIn.increment();
        bytesIn.add(message.data().length);
    }

    /** Sends a control message on the channel; false if there is no open channel to send it on. */
    private boolean sendControl(String kind, String message) {
        RTCDataChannel dc = channel;
        if (dc == null || dc.readyState() != RTCDataChannelState.OPEN) {
            return false;
        }
        String json = "{\"message\":" + jsonString(message) + "}";
        try {
            dc.send(DataBufferCodec.encode(new ControlData(kind, 0, json, java.util.Map.of())));
            return true;
        } catch (RuntimeException e) {
            logger.debug("ServerPeer {}: could not report '{}': {}", peerId, message, e.getMessage());
            return false;
        }
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Moves inputs into the session on the shared router pool, one turn at a time per peer. A
     * shutdown overtakes queued inputs: they are dropped, not processed.
     */
    private final class Router implements Runnable {
        private final Executor pool;
        private final ArrayDeque<RuntimeData> queue = new ArrayDeque<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean shutdown;

        Router(Executor pool) {
            this.pool = pool;
        }

        boolean offer(RuntimeData data) {
            synchronized (queue) {
                if (shutdown || queue.size() >= INPUT_QUEUE_CAPACITY) {
                    return false;
                }
                queue.addLast(data);
            }
            schedule();
            return true;
        }

        void shutdown() {
            shutdown = true;
            synchronized (queue) {
                queue.clear();
            }
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    pool.execute(this);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    scheduled.set(false); // the manager is closing
                }
            }
        }

        @Override
        public void run() {
            while (true) {
                if (shutdown) {
                    scheduled.set(false);
                    return;
                }
                RuntimeData next;
                synchronized (queue) {
                    next = queue.pollFirst();
                }
                if (next == null) {
                    scheduled.set(false);
                    boolean more;
                    synchronized (queue) {
                        more = !queue.isEmpty();
                    }
                    if (more && !shutdown) {
                        schedule();
                    }
                    return;
                }
                if (!session.sendInput(next)) { // waits while the session's input queue is full
                    droppedIn.increment();
                }
            }
        }
    }

    /** Sends the session's outputs on the channel, asking for more only while it is not backed up. */
    private final class OutputSubscriber implements Flow.Subscriber<RuntimeData> {
        private volatile Flow.@Nullable Subscription subscription;
        private final AtomicBoolean requested = new AtomicBoolean();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            demand();
        }

        /**
         * Requests one output if none is requested yet and the channel is open and not backed up,
         * or, for a peer that sends audio, unless its open channel is backed up.
         */
        void demand() {
            Flow.Subscription s = subscription;
            RTCDataChannel dc = channel;
            if (s == null || closed.get()) {
                return;
            }
            final boolean channelOpen = dc != null && dc.readyState() == RTCDataChannelState.OPEN;
            if (channelOpen ? dc.bufferedAmount() >= HIGH_WATER_BYTES : !audio.isSending() && !video.isSending()) {
                return;
            }
            if (requested.compareAndSet(false, true)) {
                s.request(1);
            }
        }

        @Override
        public void onNext(RuntimeData data) {
            requested.set(false);
            if (data instanceof AudioData a && audio.isSending()) {
                audio.send(a);
                demand();
                return;
            }
            if (data instanceof VideoData v && video.isSending()) {
                video.send(v);
                demand();
                return;
            }
            RTCDataChannel dc = channel;
            try {
                byte[] bytes = DataBufferCodec.encode(data);
                if (dc == null) {
                    throw new IllegalStateException("no " + CHANNEL_LABEL + " channel");
                }
                dc.send(bytes);
                messagesOut.increment();
                bytesOut.add(bytes.length);
            } catch (RuntimeException e) {
                droppedOut.increment();
                logger.debug("ServerPeer {}: output dropped: {}", peerId, e.getMessage());
                sendControl(ERROR_CONTROL_KIND, "an output of kind " + data.kind() + " was dropped: " + e.getMessage());
            }
            demand();
        }

        @Override
        public void onError(Throwable error) {
            // Reported through the session's close future (see the constructor).
        }

        @Override
        public void onComplete() {}
    }

    @Override
    public String toString() {
        return "ServerPeer{" + peerId + ", pipeline=" + pipelineName + ", " + connection.connectionState()
               + (closed.get() ? ", closed}" : "}");
    }
}
