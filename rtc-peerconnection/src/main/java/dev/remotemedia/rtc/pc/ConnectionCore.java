package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.sdp.Fingerprint;
import dev.remotemedia.rtc.sdp.IceCandidate;
import dev.remotemedia.rtc.sdp.IceCredentials;
import dev.remotemedia.rtc.sdp.MediaDescription;
import dev.remotemedia.rtc.sdp.Origin;
import dev.remotemedia.rtc.sdp.SdpWriter;
import dev.remotemedia.rtc.sdp.SessionDescription;
import dev.remotemedia.rtc.sdp.SetupRole;
import dev.remotemedia.rtc.transport.dtls.DtlsCertificate;
import dev.remotemedia.rtc.transport.dtls.DtlsRole;
import dev.remotemedia.rtc.transport.ice.IceCandidatePair;
import dev.remotemedia.rtc.transport.ice.IceEvent;
import dev.remotemedia.rtc.transport.ice.IceRole;
import dev.remotemedia.rtc.transport.ice.IceTransport;
import dev.remotemedia.rtc.transport.ice.IceTransportPolicy;
import dev.remotemedia.rtc.transport.ice.IceTransportState;
import dev.remotemedia.rtc.transport.ice.IceUdpMux;
import dev.remotemedia.rtc.common.TimeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The loop-side state of one {@link RTCPeerConnection}: signaling, the ICE transport, and the
 * {@link TransportDriver} (DTLS, then SCTP and SRTP as negotiated) once both descriptions are known; the
 * transceivers and m-lines of JSEP. Every method except
 * the getters runs on the connection's loop.
 */
final class ConnectionCore {
    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(ConnectionCore.class);
    /** A DTLS flight is one datagram here and a few from other stacks; more early ones are dropped. */
    static final int MAX_EARLY_DATAGRAMS = 8;

    private final RTCPeerConnection owner;
    private final EventLoop loop;
    private final IceUdpMux mux;
    private final IceTransportPolicy icePolicy;
    private final DtlsCertificate certificate;
    private final TimeSource clock;
    /** Where codec work runs (DESIGN.md §4), serially per track through a {@link SerialExecutor}. */
    private final MediaServices media;
    private final dev.remotemedia.rtc.media.SyncManager sync = new dev.remotemedia.rtc.media.SyncManager();
    final RTCPeerConnection.CallbackSet callbacks = new RTCPeerConnection.CallbackSet();
    private final List<RTCDataChannel> pendingChannels = new ArrayList<>();

    private volatile RTCSignalingState signalingState = RTCSignalingState.STABLE;
    private volatile RTCIceGatheringState gatheringState = RTCIceGatheringState.NEW;
    private volatile RTCIceConnectionState iceConnectionState = RTCIceConnectionState.NEW;
    private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;
    private volatile boolean closed;
    private volatile @Nullable SessionDescription localModel;
    private volatile @Nullable SessionDescription remoteModel;
    private volatile @Nullable RTCSdpType localType;
    private volatile @Nullable RTCSdpType remoteType;
    private volatile long remoteMaxMessageSize = TransportParameters.DEFAULT_MAX_MESSAGE_SIZE;

    /** Written on the loop, read by {@link #selectedCandidatePair()} from any thread. */
    private volatile @Nullable IceTransport ice;
    private RTCIceTransportState iceState = RTCIceTransportState.NEW;
    private @Nullable TransportParameters remoteParameters;
    private @Nullable DtlsRole dtlsRole;
    private @Nullable TransportDriver secure;
    /** Transceivers, m-lines and what offer/answer settled. */
    final Negotiation negotiation = new Negotiation(this);
    /** Every transceiver, in creation order (W3C getTransceivers()); read from any thread. */
    final List<RTCRtpTransceiver> transceivers = negotiation.transceivers;
    /** The descriptions of the last stable state, restored by a rollback. */
    private @Nullable SessionDescription stableLocal;
    private @Nullable SessionDescription stableRemote;
    private @Nullable RTCSdpType stableLocalType;
    private @Nullable RTCSdpType stableRemoteType;
    private boolean negotiationNeededFired;
    final MediaCounters mediaCounters = new MediaCounters();
    /** The SRTP session once keyed, for stats from any thread. */
    volatile dev.remotemedia.rtc.transport.srtp.@Nullable SrtpSession srtpSession;
    /**
     * DTLS datagrams that came before {@link #secure} exists. Since ICE reports connected on its
     * first valid pair, the answerer's ClientHello can arrive before the offerer has applied the
     * answer; dropped, it would cost the client's 50 ms retransmission timer.
     */
    private final ArrayDeque<byte[]> earlyDatagrams = new ArrayDeque<>();
    /** For tests: completes when a datagram is first kept in {@link #earlyDatagrams}. */
    final java.util.concurrent.CompletableFuture<Void> earlyDatagramKept = new java.util.concurrent.CompletableFuture<>();
    private int originVersion;

    ConnectionCore(RTCPeerConnection owner, EventLoop loop, IceUdpMux mux, IceTransportPolicy icePolicy,
                   DtlsCertificate certificate, TimeSource clock, MediaServices media) {
        this.owner = owner;
        this.clock = clock;
        this.media = media;
        this.loop = loop;
        this.mux = mux;
        this.icePolicy = icePolicy;
        this.certificate = certificate;
    }

    boolean post(Runnable task) {
        return loop.post(task);
    }

    boolean inLoop() {
        return loop.inLoop();
    }

    // ---- Signaling ------------------------------------------------------------------------------

    List<Fingerprint> fingerprints() {
        return RTCPeerConnection.toSdp(certificate.fingerprint());
    }

    /** The origin of our next description: same session, version one higher (RFC 8829 §5.2.2). */
    Origin nextOrigin(Origin origin) {
        originVersion++;
        return new Origin(origin.username(), origin.sessionId(), Integer.toString(originVersion),
                          origin.netType(), origin.addrType(), origin.address());
    }

    /** The ICE transport, made on first use: controlling when we offer first (RFC 8445 §6.1.1). */
    IceCredentials ensureIce(boolean offering) {
        checkOpen();
        if (ice == null) {
            ice = IceTransport.builder(mux)
                              .role(offering ? IceRole.CONTROLLING : IceRole.CONTROLLED)
                              .policy(icePolicy)
                              .eventExecutor(loop)
                              .eventListener(this::onIceEvent)
                              .timeSource(clock)
                              .datagramHandler((buf, off, len) -> loop.post(() -> onDatagram(buf, off, len)))
                              .build();
        }
        return new IceCredentials(ice.localUfrag(), ice.localPassword());
    }

    void applyLocal(RTCSdpType type, @Nullable SessionDescription description) {
        checkOpen();
        final RTCSignalingState next = SignalingStates.next(signalingState, true, type);
        if (type == RTCSdpType.ROLLBACK) {
            rollback();
        } else {
            if (description == null || ice == null) {
                throw new InvalidStateError("set a description made by createOffer or "
                                                + "createAnswer of this connection");
            }
            final MediaDescription transport = Jsep.transportSection(description);
            if (transport == null || !ice.localUfrag().equals(description.iceCredentials(transport) == null ? null
                                                              : description.iceCredentials(transport).ufrag())) {
                throw new InvalidModificationError("the description is not one this "
                                                   + "connection created (its ICE credentials differ)");
            }
            if (type == RTCSdpType.OFFER) {
                if (signalingState == RTCSignalingState.STABLE) {
                    keepStableDescriptions();
                }
                negotiation.commitLocalOffer(description, signalingState);
            }
            localModel = description;
            localType = type;
            if (type == RTCSdpType.ANSWER) {
                negotiation.applyAnswer(description, remoteModel, false, !pendingChannels.isEmpty());
            }
        }
        setSignalingState(next);
        if (type != RTCSdpType.ROLLBACK && gatheringState == RTCIceGatheringState.NEW) {
            ice.gather(); // JSEP §5.2: gathering starts with the first local description
        }
        startTransportIfReady();
    }

    void applyRemote(RTCSdpType type, @Nullable SessionDescription description) {
        checkOpen();
        final RTCSignalingState next = SignalingStates.next(signalingState, false, type);
        if (type == RTCSdpType.ROLLBACK) {
            rollback();
            setSignalingState(next);
            return;
        }
        final TransportParameters parameters = Jsep.remoteParameters(java.util.Objects.requireNonNull(description));
        if (remoteParameters != null && !remoteParameters.ice().equals(parameters.ice())) {
            throw new NotSupportedError("ICE restart (new ice-ufrag/ice-pwd) is not supported");
        }
        if (type == RTCSdpType.OFFER) {
            ensureIce(false);
        }
        if (ice == null) {
            throw new InvalidStateError("a remote answer needs a local offer first");
        }
        if (type == RTCSdpType.OFFER) {
            if (signalingState == RTCSignalingState.HAVE_LOCAL_OFFER) {
                localModel = stableLocal; // W3C §4.4.1.5: our crossing offer is rolled back first
                localType = stableLocalType;
            } else if (signalingState == RTCSignalingState.STABLE) {
                keepStableDescriptions();
            }
            negotiation.applyRemoteOffer(description, signalingState);
        } else if (type == RTCSdpType.ANSWER) {
            negotiation.applyAnswer(description, localModel, true, !pendingChannels.isEmpty());
        }
        remoteModel = description;
        remoteType = type;
        final boolean first = remoteParameters == null;
        remoteParameters = parameters;
        remoteMaxMessageSize = parameters.maxMessageSize();
        setSignalingState(next);
        announceTracks();
        if (first) {
            ice.setRemoteCredentials(parameters.ice().ufrag(), parameters.ice().password());
            for (IceCandidate candidate : parameters.candidates()) {
                ice.addRemoteCandidate(candidate.format());
            }
            if (parameters.endOfCandidates()) {
                ice.endOfRemoteCandidates();
            }
        }
        startTransportIfReady();
    }

    void addRemoteCandidate(RTCIceCandidate candidate) {
        checkOpen();
        if (remoteParameters == null || ice == null) {
            throw new InvalidStateError("addIceCandidate needs a remote description first");
        }
        final String ufrag = candidate.usernameFragment();
        if (ufrag != null && !ufrag.equals(remoteParameters.ice().ufrag())) {
            throw new OperationError("candidate for ufrag '" + ufrag
                                               + "', the remote description has '" + remoteParameters.ice().ufrag() + '\'');
        }
        if (candidate.isEndOfCandidates()) {
            ice.endOfRemoteCandidates();
            return;
        }
        try {
            ice.addRemoteCandidate(candidate.candidate());
        } catch (RemoteMediaException e) {
            throw new OperationError("" + e.getMessage(), e);
        }
    }

    /** Once we know both sides' DTLS setup, the DTLS role and so the data channel ids are known. */
    private void startTransportIfReady() {
        if (secure != null || remoteParameters == null || localModel == null || ice == null) {
            return;
        }
        final MediaDescription local = Jsep.transportSection(localModel);
        final SetupRole localSetup = local == null ? null : localModel.setup(local);
        final DtlsRole role;
        if (localSetup == SetupRole.ACTIVE) {
            role = DtlsRole.CLIENT;
        } else if (localSetup == SetupRole.PASSIVE) {
            role = DtlsRole.SERVER;
        } else if (remoteType == RTCSdpType.ANSWER || remoteType == RTCSdpType.PRANSWER) {
            // We offered actpass: the answer's active side is the DTLS client (RFC 8842 §5.3).
            role = remoteParameters.setup() == SetupRole.ACTIVE ? DtlsRole.SERVER : DtlsRole.CLIENT;
        } else {
            return; // our actpass offer is still unanswered
        }
        dtlsRole = role;
        secure = new TransportDriver(this, loop, clock, certificate, role, remoteParameters, ice);
        enableNegotiatedParts();
        for (byte[] datagram; (datagram = earlyDatagrams.poll()) != null; ) {
            secure.handleDatagram(datagram, 0, datagram.length);
        }
        if (iceState == RTCIceTransportState.CONNECTED || iceState == RTCIceTransportState.COMPLETED) {
            secure.start();
        }
        updateAggregateStates();
    }

    /**
     * Adds the parts the negotiation asked for to the transport: SCTP once both sides have a data
     * section, media once an RTP section was accepted. Parts are never removed (an m-line stays).
     */
    private void enableNegotiatedParts() {
        final TransportDriver driver = secure;
        if (driver == null || dtlsRole == null || signalingState != RTCSignalingState.STABLE) {
            return;
        }
        if (negotiation.dataNegotiated() && driver.sctp() == null) {
            final SctpPart sctp = driver.enableSctp(dtlsRole, remoteParameters.sctpPort());
            for (RTCDataChannel channel : pendingChannels) {
                sctp.addLocalChannel(channel);
            }
            pendingChannels.clear();
        }
        if (!negotiation.negotiatedMedia().isEmpty() || driver.media() != null) {
            driver.enableMedia().configure(negotiation.negotiatedMedia());
        }
    }

    // ---- Transceivers and negotiation ----------------------------------------------------------------

    RTCRtpTransceiver addTransceiver(MediaKind kind, @Nullable MediaStreamTrack track, RTCRtpTransceiverInit init) {
        checkOpen();
        final RTCRtpTransceiver transceiver = negotiation.addTransceiver(kind, track, init);
        post(this::negotiationNeeded);
        return transceiver;
    }

    RTCRtpSender addTrack(MediaStreamTrack track, List<String> streamIds) {
        checkOpen();
        final RTCRtpSender sender = negotiation.addTrack(track, streamIds);
        post(this::negotiationNeeded);
        return sender;
    }

    void removeTrack(RTCRtpSender sender) {
        checkOpen();
        negotiation.removeTrack(sender);
    }

    /** W3C stop(): at once no media either way; the m-line is rejected in the next offer. */
    void stopTransceiver(RTCRtpTransceiver transceiver) {
        if (!closed && transceiver.currentDirection() != RTCRtpTransceiverDirection.STOPPED) {
            negotiation.stopNow(transceiver);
            negotiationNeeded();
        }
    }

    /** W3C §4.7.3: fires {@code negotiationneeded} when stable and something changed since. */
    void negotiationNeeded() {
        if (closed || negotiationNeededFired || signalingState != RTCSignalingState.STABLE
            || !negotiation.needsNegotiation()) {
            return;
        }
        negotiationNeededFired = true; // W3C [[NegotiationNeeded]]: once until a negotiation completes
        Callbacks.fire(callbacks.negotiationNeeded, "negotiationneeded");
    }

    /**
     * Our offer (JSEP §5.2): may be made when stable or with our offer outstanding.
     *
     * @throws InvalidStateError in other signaling states
     */
    SessionDescription createOffer(Origin origin) {
        if (signalingState != RTCSignalingState.STABLE && signalingState != RTCSignalingState.HAVE_LOCAL_OFFER) {
            throw new InvalidStateError("createOffer in signaling state " + signalingState.w3cName()
                                        + " (expected: stable or have-local-offer)");
        }
        final IceCredentials credentials = ensureIce(true);
        return negotiation.createOffer(origin, credentials, fingerprints());
    }

    /** Our answer to the remote offer; once DTLS runs, it keeps the DTLS role (RFC 8842 §5.5). */
    SessionDescription createAnswer(Origin origin) {
        final IceCredentials credentials = ensureIce(false);
        final SetupRole established = dtlsRole == null ? null
                : dtlsRole == DtlsRole.CLIENT ? SetupRole.ACTIVE : SetupRole.PASSIVE;
        return negotiation.createAnswer(java.util.Objects.requireNonNull(remoteModel), origin, credentials,
                                        fingerprints(), established);
    }

    private void keepStableDescriptions() {
        stableLocal = localModel;
        stableLocalType = localType;
        stableRemote = remoteModel;
        stableRemoteType = remoteType;
    }

    /** W3C rollback: the descriptions, m-lines and transceivers of the last stable state. */
    private void rollback() {
        negotiation.rollback();
        localModel = stableLocal;
        localType = stableLocalType;
        remoteModel = stableRemote;
        remoteType = stableRemoteType;
    }

    /** Fires {@code track} for the m-lines the applied description made receive (after its state change). */
    private void announceTracks() {
        for (RTCRtpTransceiver transceiver : negotiation.takeTracksToAnnounce()) {
            if (transceiver.trackAnnounced || transceiver.isStopped()) {
                continue;
            }
            transceiver.trackAnnounced = true;
            final RTCRtpReceiver receiver = transceiver.receiver();
            final RTCTrackEvent event = new RTCTrackEvent(receiver, receiver.track(), transceiver.remoteStreamIds,
                                                          transceiver);
            Callbacks.fire(callbacks.track, event, "track");
            Callbacks.fireAll(callbacks.trackListeners, event, "track");
        }
    }

    /** W3C getStats, on the loop. */
    RTCStatsReport stats() {
        final TransportDriver driver = closed ? null : secure;
        final SctpPart sctp = driver == null ? null : driver.sctp();
        return StatsCollector.collect(this, driver == null ? null : driver.media(), sctp, selectedCandidatePair(),
                                      driver == null ? RTCDtlsTransportState.NEW : driver.dtlsState(),
                                      driver == null ? 0 : driver.droppedDatagrams.get(), clock.nowNanos(),
                                      sctp == null ? 0 : sctp.channelsOpened, sctp == null ? 0 : sctp.channelsClosed);
    }

    java.util.concurrent.Executor codecPool() {
        return media.codecPool();
    }

    /** The remote peer's media timeline: sender reports, playout, lip sync. */
    dev.remotemedia.rtc.media.SyncManager sync() {
        return sync;
    }

    /** The connection's clock (the factory's time source). */
    long nowNanos() {
        return clock.nowNanos();
    }

    MediaServices mediaServices() {
        return media;
    }

    String cname() {
        return negotiation.cname;
    }

    /** The media part once media was negotiated and the transport exists, else {@code null}. */
    @Nullable MediaPart media() {
        return secure == null || closed ? null : secure.media();
    }

    // ---- ICE --------------------------------------------------------------------------------------

    private void onIceEvent(IceEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof IceEvent.LocalCandidate) {
            final String line = ((IceEvent.LocalCandidate) event).candidate();
            addLocalCandidate(line);
            if (gatheringState == RTCIceGatheringState.NEW) {
                setGatheringState(RTCIceGatheringState.GATHERING);
            }
            final RTCIceCandidate candidate = candidateEvent(line);
            Callbacks.fire(callbacks.iceCandidate, candidate, "icecandidate");
            Callbacks.fireAll(callbacks.iceCandidateListeners, candidate, "icecandidate");
        } else if (event instanceof IceEvent.GatheringComplete) {
            if (gatheringState == RTCIceGatheringState.NEW) {
                setGatheringState(RTCIceGatheringState.GATHERING);
            }
            markEndOfLocalCandidates();
            setGatheringState(RTCIceGatheringState.COMPLETE);
            final RTCIceCandidate end = candidateEvent("");
            Callbacks.fire(callbacks.iceCandidate, end, "icecandidate");
            Callbacks.fireAll(callbacks.iceCandidateListeners, end, "icecandidate");
        } else if (event instanceof IceEvent.CandidateError) {
            final IceEvent.CandidateError error = (IceEvent.CandidateError) event;
            Callbacks.fire(callbacks.iceCandidateError,
                           new RTCPeerConnectionIceErrorEvent(error.url(), error.errorCode(), error.errorText()),
                           "icecandidateerror");
        } else if (event instanceof IceEvent.StateChanged) {
            final IceTransportState state = ((IceEvent.StateChanged) event).state();
            logger.debug("{}: ICE {}", this, state);
            iceState = RTCIceTransportState.valueOf(state.name());
            if (secure != null && (state == IceTransportState.CONNECTED || state == IceTransportState.COMPLETED)) {
                secure.start();
            }
            updateAggregateStates();
        }
    }

    /** The selected pair, or {@code null} before one is selected or once closed; any thread. */
    @Nullable RTCIceCandidatePair selectedCandidatePair() {
        final IceTransport transport = ice;
        final IceCandidatePair pair = transport == null || closed ? null : transport.selectedCandidatePair();
        if (pair == null) {
            return null;
        }
        final RTCIceCandidate local = candidateEvent(pair.local());
        return new RTCIceCandidatePair(local, new RTCIceCandidate(pair.remote(), local.sdpMid(), local.sdpMLineIndex(),
                                                                   remoteParameters == null ? null
                                                                           : remoteParameters.ice().ufrag()));
    }

    private RTCIceCandidate candidateEvent(String line) {
        final SessionDescription model = localModel;
        final MediaDescription data = model == null ? null : Jsep.transportSection(model);
        final String mid = data == null ? null : data.mid();
        final Integer index = data == null ? null : model.media().indexOf(data);
        return new RTCIceCandidate(line, mid, index, ice == null ? null : ice.localUfrag());
    }

    /** W3C: localDescription includes the candidates gathered so far. */
    private void addLocalCandidate(String line) {
        final SessionDescription model = localModel;
        final MediaDescription data = model == null ? null : Jsep.transportSection(model);
        final var parsed = IceCandidate.parse(line);
        if (data == null || !parsed.isOk()) {
            return;
        }
        final int index = model.media().indexOf(data);
        localModel = model.toBuilder().setMedia(index, data.toBuilder().addCandidate(parsed.valueOrNull()).build()).build();
    }

    private void markEndOfLocalCandidates() {
        final SessionDescription model = localModel;
        final MediaDescription data = model == null ? null : Jsep.transportSection(model);
        if (data != null) {
            final int index = model.media().indexOf(data);
            localModel = model.toBuilder().setMedia(index, data.toBuilder().endOfCandidates(true).build()).build();
        }
    }

    private void onDatagram(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        if (secure != null) {
            secure.handleDatagram(buf, off, len);
        } else if (earlyDatagrams.size() < MAX_EARLY_DATAGRAMS) {
            // The mux hands over a fresh array per datagram (DatagramHandler), so it is kept as is.
            earlyDatagrams.add(off == 0 && len == buf.length ? buf : Arrays.copyOfRange(buf, off, off + len));
            earlyDatagramKept.complete(null);
        }
    }

    // ---- Data channels ------------------------------------------------------------------------------

    RTCDataChannel createDataChannel(String label, RTCDataChannelInit init) {
        final RTCDataChannel channel = new RTCDataChannel(this, label, init);
        post(() -> {
            if (closed) {
                return;
            }
            final SctpPart sctp = secure == null ? null : secure.sctp();
            if (sctp != null) {
                sctp.addLocalChannel(channel);
            } else {
                pendingChannels.add(channel);
                if (!negotiation.dataWanted && negotiation.dataMid() == null) {
                    negotiation.dataWanted = true;
                    negotiationNeeded();
                }
            }
        });
        return channel;
    }

    private @Nullable SctpPart sctp() {
        return secure == null || closed ? null : secure.sctp();
    }

    void send(RTCDataChannel channel, boolean binary, byte[] data) {
        final SctpPart sctp = sctp();
        if (sctp != null) {
            sctp.send(channel, binary, data);
        }
    }

    void closeChannel(RTCDataChannel channel) {
        final SctpPart sctp = sctp();
        if (sctp != null) {
            sctp.closeChannel(channel);
        } else if (pendingChannels.remove(channel)) {
            channel.setReadyState(RTCDataChannelState.CLOSED);
            Callbacks.fire(channel.onClose, "close");
        }
    }

    void updateThreshold(RTCDataChannel channel) {
        final SctpPart sctp = sctp();
        if (sctp != null) {
            sctp.updateThreshold(channel);
        }
    }

    void announceRemoteChannel(RTCDataChannel channel) {
        Callbacks.fire(callbacks.dataChannel, channel, "datachannel");
        Callbacks.fireAll(callbacks.dataChannelListeners, channel, "datachannel");
    }

    RTCDataChannel newRemoteChannel(String label, RTCDataChannelInit init) {
        return new RTCDataChannel(this, label, init);
    }

    long remoteMaxMessageSize() {
        return remoteMaxMessageSize;
    }

    // ---- States ---------------------------------------------------------------------------------------

    void updateAggregateStates() {
        if (closed) {
            return;
        }
        final List<RTCIceTransportState> iceStates = List.of(iceState);
        final List<RTCDtlsTransportState> dtlsStates =
                secure == null ? List.of() : List.of(secure.dtlsState());
        final RTCIceConnectionState nextIce = ConnectionStates.iceConnectionState(false, iceStates);
        if (nextIce != iceConnectionState) {
            iceConnectionState = nextIce;
            Callbacks.fire(callbacks.iceConnectionState, nextIce, "iceconnectionstatechange");
        }
        final RTCPeerConnectionState nextConnection = ConnectionStates.connectionState(false, iceStates, dtlsStates);
        if (nextConnection != connectionState) {
            logger.debug("{}: connection {} -> {}", this, connectionState, nextConnection);
            connectionState = nextConnection;
            Callbacks.fire(callbacks.connectionState, nextConnection, "connectionstatechange");
            Callbacks.fireAll(callbacks.connectionStateListeners, nextConnection, "connectionstatechange");
        }
    }

    private void setSignalingState(RTCSignalingState next) {
        if (next != signalingState) {
            signalingState = next;
            enableNegotiatedParts();
            Callbacks.fire(callbacks.signalingState, next, "signalingstatechange");
            if (next == RTCSignalingState.STABLE) {
                negotiationNeededFired = false;
                post(this::negotiationNeeded);
            }
        }
    }

    private void setGatheringState(RTCIceGatheringState next) {
        if (next != gatheringState) {
            gatheringState = next;
            Callbacks.fire(callbacks.iceGatheringState, next, "icegatheringstatechange");
        }
    }

    RTCSignalingState signalingState() {
        return signalingState;
    }

    RTCIceGatheringState iceGatheringState() {
        return gatheringState;
    }

    RTCIceConnectionState iceConnectionState() {
        return iceConnectionState;
    }

    RTCPeerConnectionState connectionState() {
        return connectionState;
    }

    @Nullable SessionDescription remoteModel() {
        return remoteModel;
    }

    @Nullable RTCSessionDescription localDescription() {
        final SessionDescription model = localModel;
        final RTCSdpType type = localType;
        return model == null || type == null ? null : new RTCSessionDescription(type, SdpWriter.write(model));
    }

    @Nullable RTCSessionDescription remoteDescription() {
        final SessionDescription model = remoteModel;
        final RTCSdpType type = remoteType;
        return model == null || type == null ? null : new RTCSessionDescription(type, SdpWriter.write(model));
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new InvalidStateError("the connection is closed");
        }
    }

    /** Frees everything; returns whether this call closed it. No callbacks fire (W3C §4.4.1.3). */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        if (secure != null) {
            secure.close();
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            final MediaStreamTrack track = transceiver.sender().track();
            if (track != null) {
                track.detach(transceiver.sender());
            }
            transceiver.receiver().track().release();
        }
        for (RTCDataChannel channel : pendingChannels) {
            channel.setReadyState(RTCDataChannelState.CLOSED);
        }
        pendingChannels.clear();
        earlyDatagrams.clear();
        if (ice != null) {
            ice.close();
        }
        signalingState = RTCSignalingState.CLOSED;
        iceConnectionState = RTCIceConnectionState.CLOSED;
        connectionState = RTCPeerConnectionState.CLOSED;
        return true;
    }

    @Override
    public String toString() {
        return owner.toString();
    }
}
