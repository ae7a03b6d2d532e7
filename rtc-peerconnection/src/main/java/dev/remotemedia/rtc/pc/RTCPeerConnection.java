package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.sdp.Origin;
import dev.remotemedia.rtc.sdp.ParseResult;
import dev.remotemedia.rtc.sdp.SdpParser;
import dev.remotemedia.rtc.sdp.SdpWriter;
import dev.remotemedia.rtc.sdp.SessionDescription;
import dev.remotemedia.rtc.transport.dtls.DtlsCertificate;
import dev.remotemedia.rtc.transport.ice.IceTransportPolicy;
import dev.remotemedia.rtc.transport.ice.IceUdpMux;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A WebRTC peer connection for data channels, shaped like the W3C
 * <a href="https://www.w3.org/TR/webrtc/#interface-definition">RTCPeerConnection</a>: offer/answer
 * with trickle ICE, then ICE, DTLS 1.2 and SCTP bundled on one transport. Made by a
 * {@link PeerConnectionFactory}.
 *
 * <p><b>Threads.</b> Every method may be called from any thread; the work runs on the connection's
 * event loop, in call order. Futures complete and callbacks run on that loop, after the state they
 * report has changed; they may call back into the connection (the call is queued behind the
 * current task). A callback that throws is logged and ignored. After {@link #close()} no callback
 * runs.
 *
 * <p><b>Differences from browsers.</b> An offer of a connection with no transceiver contains a data
 * channel section even before a channel exists (there is nothing else to offer); video sections of
 * remote offers are rejected (audio only so far); ICE restarts are not supported; STUN/TURN servers and the {@link RTCIceTransportPolicy} belong to
 * the factory ({@link PeerConnectionFactory.Builder#iceServers}, {@link
 * PeerConnectionFactory.Builder#iceTransportPolicy}), not to each connection.
 */
public final class RTCPeerConnection implements AutoCloseable {
    private final EventLoop loop;
    private final Consumer<RTCPeerConnection> onClosed;
    private final Origin origin;
    private final ConnectionCore core;

    RTCPeerConnection(EventLoop loop, IceUdpMux mux, IceTransportPolicy icePolicy, DtlsCertificate certificate,
                      TimeSource clock, MediaServices media, Consumer<RTCPeerConnection> onClosed) {
        this.loop = loop;
        this.onClosed = onClosed;
        origin = Origin.of(Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), "1");
        core = new ConnectionCore(this, loop, mux, icePolicy, certificate, clock, media);
    }

    // ---- Offer/answer (W3C §4.4.1) -------------------------------------------------------------

    /**
     * An offer: a section per transceiver, and a data channel section once a data channel was
     * created (or when there is nothing else to offer), bundled on one transport; the connection
     * becomes the ICE controlling agent.
     */
    public CompletableFuture<RTCSessionDescription> createOffer() {
        return onLoop(() -> {
            final SessionDescription offer = core.createOffer(core.nextOrigin(origin));
            return new RTCSessionDescription(RTCSdpType.OFFER, SdpWriter.write(offer));
        });
    }

    /**
     * An answer to the remote offer: its audio sections (matched to transceivers when the offer was
     * applied) and its data channel section accepted, sections this stack cannot carry rejected.
     */
    public CompletableFuture<RTCSessionDescription> createAnswer() {
        return onLoop(() -> {
            final RTCSignalingState state = core.signalingState();
            if (state != RTCSignalingState.HAVE_REMOTE_OFFER && state != RTCSignalingState.HAVE_LOCAL_PRANSWER) {
                throw new InvalidStateError("createAnswer needs a remote offer "
                                                + "(signaling state is " + state.w3cName() + ')');
            }
            final SessionDescription answer = core.createAnswer(core.nextOrigin(origin));
            return new RTCSessionDescription(RTCSdpType.ANSWER, SdpWriter.write(answer));
        });
    }

    /** Applies a description made by {@link #createOffer()} or {@link #createAnswer()}; starts gathering. */
    public CompletableFuture<Void> setLocalDescription(RTCSessionDescription description) {
        requireNonNull(description, "description");
        return onLoop(() -> {
            core.applyLocal(description.type(), parse(description));
            return null;
        });
    }

    /** Applies the remote side's description. */
    public CompletableFuture<Void> setRemoteDescription(RTCSessionDescription description) {
        requireNonNull(description, "description");
        return onLoop(() -> {
            core.applyRemote(description.type(), parse(description));
            return null;
        });
    }

    /**
     * Adds a remote candidate trickled through signaling; an empty candidate ends them
     * (RFC 8838 §4.5).
     */
    public CompletableFuture<Void> addIceCandidate(RTCIceCandidate candidate) {
        requireNonNull(candidate, "candidate");
        return onLoop(() -> {
            core.addRemoteCandidate(candidate);
            return null;
        });
    }

    private static @Nullable SessionDescription parse(RTCSessionDescription description) {
        if (description.type() == RTCSdpType.ROLLBACK) {
            return null;
        }
        final ParseResult<SessionDescription> parsed = SdpParser.parse(description.sdp());
        if (parsed instanceof ParseResult.Error) {
            final ParseResult.Error<SessionDescription> error = (ParseResult.Error<SessionDescription>) parsed;
            throw new OperationError("invalid SDP: " + error.message());
        }
        return parsed.valueOrNull();
    }

    // ---- Data channels (W3C §6) -----------------------------------------------------------------

    /** Creates a data channel; it opens once the connection is up (or at once if it is). */
    public RTCDataChannel createDataChannel(String label, RTCDataChannelInit init) {
        requireNonNull(label, "label");
        requireNonNull(init, "init");
        if (label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 65535) {
            throw new TypeError("label: longer than 65535 bytes");
        }
        if (core.isClosed()) {
            throw new InvalidStateError("the connection is closed");
        }
        return core.createDataChannel(label, init);
    }

    /** Creates a reliable, ordered data channel. */
    public RTCDataChannel createDataChannel(String label) {
        return createDataChannel(label, RTCDataChannelInit.DEFAULT);
    }

    // ---- Media (W3C §5) --------------------------------------------------------------------------

    /**
     * Sends {@code track}: on a transceiver of its kind that a remote offer made and that never
     * sent, else on a new sendrecv one. Fires {@code negotiationneeded}.
     *
     * @throws IllegalArgumentException ({@code InvalidAccessError}) if the track was added already
     * @throws UnsupportedOperationException for video tracks, which this stack cannot send yet
     */
    public RTCRtpSender addTrack(MediaStreamTrack track, String... streamIds) {
        requireNonNull(track, "track");
        requireNonNull(streamIds, "streamIds");
        return call(() -> core.addTrack(track, List.of(streamIds)));
    }

    /** A new transceiver of {@code kind} with {@code init}'s direction and streams. */
    public RTCRtpTransceiver addTransceiver(MediaKind kind, RTCRtpTransceiverInit init) {
        requireNonNull(kind, "kind");
        requireNonNull(init, "init");
        return call(() -> core.addTransceiver(kind, null, init));
    }

    /** A new transceiver that sends {@code track} with {@code init}'s direction and streams. */
    public RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverInit init) {
        requireNonNull(track, "track");
        requireNonNull(init, "init");
        return call(() -> {
            final RTCRtpTransceiver transceiver = core.addTransceiver(track.kind(), track, init);
            transceiver.senderUsed = true;
            return transceiver;
        });
    }

    /** Stops sending the sender's track; its transceiver keeps receiving. Fires {@code negotiationneeded}. */
    public void removeTrack(RTCRtpSender sender) {
        requireNonNull(sender, "sender");
        call(() -> {
            core.removeTrack(sender);
            return null;
        });
    }

    /** Every transceiver, in the order they were made. */
    public List<RTCRtpTransceiver> getTransceivers() {
        return List.copyOf(core.transceivers);
    }

    public List<RTCRtpSender> getSenders() {
        return core.transceivers.stream().map(RTCRtpTransceiver::sender).toList();
    }

    public List<RTCRtpReceiver> getReceivers() {
        return core.transceivers.stream().map(RTCRtpTransceiver::receiver).toList();
    }

    /**
     * A remote track became receivable (W3C {@code track}): fired while a remote description that
     * sends on an m-line is applied, once per transceiver.
     */
    public void onTrack(@Nullable Consumer<RTCTrackEvent> callback) {
        core.callbacks.track = callback;
    }

    /**
     * Something changed that needs an offer/answer (W3C §4.7.3): a transceiver, track or direction,
     * or the first data channel of a connection without a data section. Fires when stable.
     */
    public void onNegotiationNeeded(@Nullable Runnable callback) {
        core.callbacks.negotiationNeeded = callback;
    }

    /**
     * W3C {@code getStats()} (webrtc-stats): {@code peer-connection}, {@code transport} (with the
     * counts of media input dropped by reason), {@code candidate-pair}, and per m-line {@code codec},
     * {@code outbound-rtp}, {@code inbound-rtp}, {@code remote-inbound-rtp} (from the peer's RTCP
     * reports: loss, jitter, round-trip time), {@code remote-outbound-rtp} (from its sender
     * reports), and {@code data-channel} per open channel.
     */
    public CompletableFuture<RTCStatsReport> getStats() {
        return onLoop(core::stats);
    }

    // ---- State (W3C §4.4) -----------------------------------------------------------------------

    public @Nullable RTCSessionDescription localDescription() {
        return core.localDescription();
    }

    public @Nullable RTCSessionDescription remoteDescription() {
        return core.remoteDescription();
    }

    public RTCSignalingState signalingState() {
        return core.signalingState();
    }

    public RTCIceGatheringState iceGatheringState() {
        return core.iceGatheringState();
    }

    public RTCIceConnectionState iceConnectionState() {
        return core.iceConnectionState();
    }

    public RTCPeerConnectionState connectionState() {
        return core.connectionState();
    }

    /**
     * The candidate pair ICE selected, or {@code null} before one is (W3C:
     * {@code sctp.transport.iceTransport.getSelectedCandidatePair()}): its {@code typ relay}
     * candidates show that the connection goes through a TURN server.
     */
    public @Nullable RTCIceCandidatePair getSelectedCandidatePair() {
        return core.selectedCandidatePair();
    }

    // ---- Events (W3C §4.4.1.x) --------------------------------------------------------------------

    /** Each local candidate, then one with an empty {@code candidate} when gathering is complete. */
    public void onIceCandidate(@Nullable Consumer<RTCIceCandidate> callback) {
        core.callbacks.iceCandidate = callback;
    }

    /**
     * A STUN or TURN server could not give a candidate (W3C {@code icecandidateerror}): a TURN
     * server that rejected the credential (401) or did not answer within the gathering timeout
     * (701). Gathering goes on without it.
     */
    public void onIceCandidateError(@Nullable Consumer<RTCPeerConnectionIceErrorEvent> callback) {
        core.callbacks.iceCandidateError = callback;
    }

    public void onIceGatheringStateChange(@Nullable Consumer<RTCIceGatheringState> callback) {
        core.callbacks.iceGatheringState = callback;
    }

    public void onIceConnectionStateChange(@Nullable Consumer<RTCIceConnectionState> callback) {
        core.callbacks.iceConnectionState = callback;
    }

    public void onConnectionStateChange(@Nullable Consumer<RTCPeerConnectionState> callback) {
        core.callbacks.connectionState = callback;
    }

    public void onSignalingStateChange(@Nullable Consumer<RTCSignalingState> callback) {
        core.callbacks.signalingState = callback;
    }

    /** A data channel the remote side opened in-band. */
    public void onDataChannel(@Nullable Consumer<RTCDataChannel> callback) {
        core.callbacks.dataChannel = callback;
    }

    // ---- Listeners (W3C addEventListener) -------------------------------------------------------

    /**
     * Adds a listener for local candidates beside {@link #onIceCandidate}: any number may be added,
     * and setting the callback does not replace them. The same holds for the other {@code add...}
     * methods. Listeners run after the callback, on the loop.
     */
    public void addIceCandidateListener(Consumer<RTCIceCandidate> listener) {
        core.callbacks.iceCandidateListeners.add(requireNonNull(listener, "listener"));
    }

    public void addConnectionStateListener(Consumer<RTCPeerConnectionState> listener) {
        core.callbacks.connectionStateListeners.add(requireNonNull(listener, "listener"));
    }

    public void addDataChannelListener(Consumer<RTCDataChannel> listener) {
        core.callbacks.dataChannelListeners.add(requireNonNull(listener, "listener"));
    }

    public void addTrackListener(Consumer<RTCTrackEvent> listener) {
        core.callbacks.trackListeners.add(requireNonNull(listener, "listener"));
    }

    // ---- Close ------------------------------------------------------------------------------------

    /**
     * Closes the connection and frees its ICE agent, DTLS and SCTP state and channels (W3C §4.4.1.3:
     * no events fire). Returns once the loop has done so, unless called on the loop itself.
     */
    @Override
    public void close() {
        final CompletableFuture<Void> done = onLoop(() -> {
            if (core.close()) {
                onClosed.accept(this);
            }
            return null;
        });
        if (!EventLoop.onAnyLoop()) {
            done.exceptionally(e -> null).join(); // on a loop (this one's or another's) it completes later
        }
    }

    /**
     * Runs {@code work} on the loop and returns its result: at once when called on the loop (from a
     * callback), else waiting for the loop. Failures are thrown as they are.
     */
    private <T> T call(Supplier<T> work) {
        if (loop.inLoop()) {
            return work.get();
        }
        if (EventLoop.onAnyLoop()) {
            // Waiting here would stall every connection of the caller's loop, and two connections
            // doing this to each other would deadlock (DESIGN.md §4).
            throw new InvalidStateError("called on another connection's event loop: post the call "
                                        + "to a thread of your own, or call it from this connection's callbacks");
        }
        try {
            return onLoop(work).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Runs {@code work} on the loop and completes the future there with its result or failure. */
    private <T> CompletableFuture<T> onLoop(Supplier<T> work) {
        final CompletableFuture<T> future = new LoopFuture<>(loop);
        final boolean posted = loop.post(() -> {
            try {
                future.complete(work.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        if (!posted) {
            future.completeExceptionally(new InvalidStateError("the connection is closed"));
        }
        return future;
    }

    @Override
    public String toString() {
        return "RTCPeerConnection(" + origin.sessionId() + ", " + core.connectionState().w3cName() + ')';
    }

    /** The callbacks, set from any thread and read on the loop. */
    static final class CallbackSet {
        volatile @Nullable Consumer<RTCIceCandidate> iceCandidate;
        volatile @Nullable Consumer<RTCPeerConnectionIceErrorEvent> iceCandidateError;
        volatile @Nullable Consumer<RTCIceGatheringState> iceGatheringState;
        volatile @Nullable Consumer<RTCIceConnectionState> iceConnectionState;
        volatile @Nullable Consumer<RTCPeerConnectionState> connectionState;
        volatile @Nullable Consumer<RTCSignalingState> signalingState;
        volatile @Nullable Consumer<RTCDataChannel> dataChannel;
        volatile @Nullable Consumer<RTCTrackEvent> track;
        // Listeners added beside the one-slot callbacks (addEventListener's counterpart): what
        // components built on a connection use, so that a user's callback cannot replace theirs.
        final List<Consumer<RTCIceCandidate>> iceCandidateListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Consumer<RTCPeerConnectionState>> connectionStateListeners =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Consumer<RTCDataChannel>> dataChannelListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Consumer<RTCTrackEvent>> trackListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile @Nullable Runnable negotiationNeeded;
    }

    /** For tests: completes when a DTLS datagram came before the connection could take it, and was kept. */
    CompletableFuture<Void> earlyDatagramKept() {
        return core.earlyDatagramKept;
    }

    /** For tests: the connection's loop-side state. */
    ConnectionCore core() {
        return core;
    }

    /** For tests: the loop this connection runs on. */
    EventLoop loop() {
        return loop;
    }

    static List<dev.remotemedia.rtc.sdp.Fingerprint> toSdp(dev.remotemedia.rtc.transport.dtls.Fingerprint fingerprint) {
        return List.of(new dev.remotemedia.rtc.sdp.Fingerprint(fingerprint.algorithm(), fingerprint.digest()));
    }
}
