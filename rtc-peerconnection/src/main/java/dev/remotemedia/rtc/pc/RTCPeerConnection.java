package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sdp.IceCredentials;
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
 * <p><b>Differences from browsers.</b> Offers always contain one data channel section (browsers
 * add it only once a channel exists); audio and video sections of remote offers are rejected;
 * ICE restarts are not supported; STUN/TURN servers and the {@link RTCIceTransportPolicy} belong to
 * the factory ({@link PeerConnectionFactory.Builder#iceServers}, {@link
 * PeerConnectionFactory.Builder#iceTransportPolicy}), not to each connection.
 */
public final class RTCPeerConnection implements AutoCloseable {
    private final EventLoop loop;
    private final Consumer<RTCPeerConnection> onClosed;
    private final Origin origin;
    private final ConnectionCore core;

    RTCPeerConnection(EventLoop loop, IceUdpMux mux, IceTransportPolicy icePolicy, DtlsCertificate certificate,
                      Consumer<RTCPeerConnection> onClosed) {
        this.loop = loop;
        this.onClosed = onClosed;
        origin = Origin.of(Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), "1");
        core = new ConnectionCore(this, loop, mux, icePolicy, certificate);
    }

    // ---- Offer/answer (W3C §4.4.1) -------------------------------------------------------------

    /** An offer with one data channel section; the connection becomes the ICE controlling agent. */
    public CompletableFuture<RTCSessionDescription> createOffer() {
        return onLoop(() -> {
            final IceCredentials ice = core.ensureIce(true);
            final SessionDescription offer = DataChannelJsep.offer(core.nextOrigin(origin), ice, core.fingerprints());
            return new RTCSessionDescription(RTCSdpType.OFFER, SdpWriter.write(offer));
        });
    }

    /** An answer to the remote offer: its data channel section accepted, other sections rejected. */
    public CompletableFuture<RTCSessionDescription> createAnswer() {
        return onLoop(() -> {
            final RTCSignalingState state = core.signalingState();
            if (state != RTCSignalingState.HAVE_REMOTE_OFFER && state != RTCSignalingState.HAVE_LOCAL_PRANSWER) {
                throw new IllegalStateException("InvalidStateError: createAnswer needs a remote offer "
                                                + "(signaling state is " + state.w3cName() + ')');
            }
            final IceCredentials ice = core.ensureIce(false);
            final SessionDescription answer = DataChannelJsep.answer(
                    requireNonNull(core.remoteModel()), core.nextOrigin(origin), ice, core.fingerprints());
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
            throw new IllegalArgumentException("OperationError: invalid SDP: " + error.message());
        }
        return parsed.valueOrNull();
    }

    // ---- Data channels (W3C §6) -----------------------------------------------------------------

    /** Creates a data channel; it opens once the connection is up (or at once if it is). */
    public RTCDataChannel createDataChannel(String label, RTCDataChannelInit init) {
        requireNonNull(label, "label");
        requireNonNull(init, "init");
        if (label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 65535) {
            throw new IllegalArgumentException("TypeError: label: longer than 65535 bytes");
        }
        if (core.isClosed()) {
            throw new IllegalStateException("InvalidStateError: the connection is closed");
        }
        return core.createDataChannel(label, init);
    }

    /** Creates a reliable, ordered data channel. */
    public RTCDataChannel createDataChannel(String label) {
        return createDataChannel(label, RTCDataChannelInit.DEFAULT);
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
        if (!loop.inLoop()) {
            done.exceptionally(e -> null).join();
        }
    }

    /** Runs {@code work} on the loop and completes the future there with its result or failure. */
    private <T> CompletableFuture<T> onLoop(Supplier<T> work) {
        final CompletableFuture<T> future = new CompletableFuture<>();
        final boolean posted = loop.post(() -> {
            try {
                future.complete(work.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        if (!posted) {
            future.completeExceptionally(new IllegalStateException("InvalidStateError: the connection is closed"));
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
    }

    /** For tests: completes when a DTLS datagram came before the connection could take it, and was kept. */
    CompletableFuture<Void> earlyDatagramKept() {
        return core.earlyDatagramKept;
    }

    /** For tests: the loop this connection runs on. */
    EventLoop loop() {
        return loop;
    }

    static List<dev.remotemedia.rtc.sdp.Fingerprint> toSdp(dev.remotemedia.rtc.transport.dtls.Fingerprint fingerprint) {
        return List.of(new dev.remotemedia.rtc.sdp.Fingerprint(fingerprint.algorithm(), fingerprint.digest()));
    }
}
