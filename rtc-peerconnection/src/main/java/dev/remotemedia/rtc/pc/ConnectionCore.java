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
    private final java.util.concurrent.Executor codecPool;
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
    private boolean dataNegotiated;
    private List<NegotiatedMedia> negotiatedMedia = List.of();
    private @Nullable TransportDriver secure;
    /** Every transceiver, in creation order (W3C getTransceivers()); read from any thread. */
    final List<RTCRtpTransceiver> transceivers = new CopyOnWriteArrayList<>();
    /**
     * The m-lines in order once a description assigned them: a transceiver, {@link #DATA_LINE}, or
     * the rejected section that holds a line's place (JSEP §5.2.2: m-lines are never removed).
     */
    private final List<Object> mlines = new ArrayList<>();
    private static final Object DATA_LINE = new Object();
    private @Nullable String dataMid;
    /** Whether a data channel was created, so our offers need a data section. */
    private boolean dataWanted;
    private boolean negotiationNeededFired;
    final MediaCounters mediaCounters = new MediaCounters();
    /** The SRTP session once keyed, for stats from any thread. */
    volatile dev.remotemedia.rtc.transport.srtp.@Nullable SrtpSession srtpSession;
    /** RFC 7022: one random CNAME per connection. */
    private final String cname = randomToken(16);
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
                   DtlsCertificate certificate, TimeSource clock, java.util.concurrent.Executor codecPool) {
        this.owner = owner;
        this.clock = clock;
        this.codecPool = codecPool;
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
            localModel = null;
            localType = null;
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
            localModel = description;
            localType = type;
            if (type == RTCSdpType.ANSWER) {
                negotiated(description, false);
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
            remoteModel = null;
            remoteType = null;
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
        remoteModel = description;
        remoteType = type;
        if (type == RTCSdpType.OFFER) {
            associate(description);
        } else if (type == RTCSdpType.ANSWER) {
            negotiated(description, true);
        }
        final boolean first = remoteParameters == null;
        remoteParameters = parameters;
        remoteMaxMessageSize = parameters.maxMessageSize();
        setSignalingState(next);
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
        if (dataNegotiated && driver.sctp() == null) {
            final SctpPart sctp = driver.enableSctp(dtlsRole, remoteParameters.sctpPort());
            for (RTCDataChannel channel : pendingChannels) {
                sctp.addLocalChannel(channel);
            }
            pendingChannels.clear();
        }
        if (!negotiatedMedia.isEmpty()) {
            driver.enableMedia().configure(negotiatedMedia);
        }
    }

    // ---- Transceivers and negotiation ----------------------------------------------------------------

    RTCRtpTransceiver addTransceiver(MediaKind kind, @Nullable MediaStreamTrack track, RTCRtpTransceiverInit init) {
        checkOpen();
        if (kind != MediaKind.AUDIO) {
            throw new NotSupportedError("kind " + kind.w3cName()
                                                   + ": this stack sends and receives audio only so far");
        }
        final RTCRtpTransceiver transceiver = new RTCRtpTransceiver(this, kind, init.direction(), init.streamIds(),
                                                                    track, randomSsrc());
        transceivers.add(transceiver);
        post(this::negotiationNeeded);
        return transceiver;
    }

    /**
     * W3C addTrack: reuses a transceiver of the track's kind that never sent and has no track
     * (one a remote offer made), else makes a new sendrecv one.
     */
    RTCRtpSender addTrack(MediaStreamTrack track, List<String> streamIds) {
        checkOpen();
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (transceiver.sender().track() == track) {
                throw new InvalidAccessError("the track is already added");
            }
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (transceiver.kind() == track.kind() && transceiver.sender().track() == null
                && !transceiver.isStopped() && !transceiver.senderUsed) {
                transceiver.sender().setTrack(track);
                transceiver.senderUsed = true;
                transceiver.setStreamIds(streamIds);
                if (!transceiver.direction().sends()) {
                    transceiver.setDirection(transceiver.direction() == RTCRtpTransceiverDirection.RECVONLY
                                             ? RTCRtpTransceiverDirection.SENDRECV : RTCRtpTransceiverDirection.SENDONLY);
                }
                post(this::negotiationNeeded);
                return transceiver.sender();
            }
        }
        final RTCRtpTransceiver created = addTransceiver(track.kind(), track,
                                                         new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.SENDRECV,
                                                                                   streamIds));
        created.senderUsed = true;
        return created.sender();
    }

    /** W3C removeTrack: the sender stops sending; its transceiver only receives from now on. */
    void removeTrack(RTCRtpSender sender) {
        checkOpen();
        final RTCRtpTransceiver transceiver = sender.transceiver();
        if (!transceivers.contains(transceiver)) {
            throw new InvalidAccessError("the sender is not one of this connection's");
        }
        if (sender.track() == null) {
            return;
        }
        sender.setTrack(null);
        final RTCRtpTransceiverDirection direction = transceiver.direction();
        if (direction == RTCRtpTransceiverDirection.SENDRECV) {
            transceiver.setDirection(RTCRtpTransceiverDirection.RECVONLY);
        } else if (direction == RTCRtpTransceiverDirection.SENDONLY) {
            transceiver.setDirection(RTCRtpTransceiverDirection.INACTIVE);
        }
    }

    /** W3C §4.7.3: fires {@code negotiationneeded} when stable and something changed since. */
    void negotiationNeeded() {
        if (closed || negotiationNeededFired || signalingState != RTCSignalingState.STABLE || !needsNegotiation()) {
            return;
        }
        negotiationNeededFired = true; // W3C [[NegotiationNeeded]]: once until a negotiation completes
        Callbacks.fire(callbacks.negotiationNeeded, "negotiationneeded");
    }

    private boolean needsNegotiation() {
        if (dataWanted && dataMid == null) {
            return true;
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (transceiver.mid() == null ? !transceiver.isStopped()
                                          : transceiver.negotiatedDirection != transceiver.direction()) {
                return true;
            }
        }
        return false;
    }

    /** Our offer: the m-lines so far in order, then new transceivers, then data if wanted. */
    SessionDescription createOffer(Origin origin) {
        final IceCredentials credentials = ensureIce(true);
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (transceiver.mid() == null && !transceiver.isStopped()) {
                transceiver.setMid(nextMid());
                mlines.add(transceiver);
            }
        }
        if (dataMid == null && (dataWanted || mlines.isEmpty())) {
            dataMid = nextMid();
            mlines.add(DATA_LINE);
        }
        final List<Jsep.Section> sections = new ArrayList<>();
        for (Object line : mlines) {
            if (line == DATA_LINE) {
                sections.add(new Jsep.Data(java.util.Objects.requireNonNull(dataMid)));
            } else if (line instanceof RTCRtpTransceiver transceiver) {
                sections.add(transceiver.isStopped() ? new Jsep.Rejected(stoppedSection(transceiver))
                                                     : mediaSection(transceiver));
            } else {
                sections.add(new Jsep.Rejected((MediaDescription) line));
            }
        }
        return Jsep.offer(origin, credentials, fingerprints(), sections);
    }

    /** Our answer to the remote offer, with the transceivers {@link #associate} matched to it. */
    SessionDescription createAnswer(Origin origin) {
        final IceCredentials credentials = ensureIce(false);
        final Map<String, Jsep.Media> accepted = new HashMap<>();
        for (Object line : mlines) {
            if (line instanceof RTCRtpTransceiver transceiver && !transceiver.isStopped()) {
                accepted.put(transceiver.mid(), mediaSection(transceiver));
            }
        }
        return Jsep.answer(java.util.Objects.requireNonNull(remoteModel), origin, credentials, fingerprints(),
                           accepted, dataMid != null);
    }

    private Jsep.Media mediaSection(RTCRtpTransceiver transceiver) {
        final MediaStreamTrack track = transceiver.sender().track();
        return new Jsep.Media(java.util.Objects.requireNonNull(transceiver.mid()), transceiver.kind(),
                              transceiver.direction().toSdp(), transceiver.sender().ssrc(), cname,
                              track == null ? "-" : track.id(), transceiver.streamIds());
    }

    private static MediaDescription stoppedSection(RTCRtpTransceiver transceiver) {
        return MediaDescription.builder(transceiver.kind().w3cName(), 0, Jsep.RTP_PROTOCOL)
                               .addFormat(Integer.toString(Jsep.OPUS_PAYLOAD_TYPE))
                               .mid(transceiver.mid())
                               .build();
    }

    /**
     * JSEP §5.10 for a remote offer: each RTP section we can take gets its transceiver (the one with
     * its mid, else an unassociated one of its kind made by addTrack, else a new recvonly one); the
     * m-lines take the offer's order.
     */
    private void associate(SessionDescription offer) {
        mlines.clear();
        boolean dataSeen = false;
        final MediaDescription data = Jsep.usableData(offer);
        for (MediaDescription section : offer.media()) {
            if (section == data && !dataSeen) {
                dataSeen = true;
                dataMid = section.mid();
                mlines.add(DATA_LINE);
                continue;
            }
            final MediaKind kind = Jsep.kindOf(section);
            final boolean usable = kind != null && Jsep.acceptable(offer, section) == null;
            RTCRtpTransceiver transceiver = section.mid() == null ? null : transceiverByMid(section.mid());
            if (transceiver == null && usable) {
                transceiver = unassociated(kind);
                if (transceiver == null) {
                    transceiver = new RTCRtpTransceiver(this, kind, RTCRtpTransceiverDirection.RECVONLY, List.of(), null,
                                                        randomSsrc());
                    transceivers.add(transceiver);
                }
                transceiver.setMid(section.mid());
            }
            if (transceiver != null && usable) {
                mlines.add(transceiver);
                transceiver.remoteStreamIds = streamIds(section);
                if (offer.direction(section).sends()) {
                    announceTrack(transceiver);
                }
            } else {
                if (transceiver != null && section.port() == 0) {
                    transceiver.stop();
                }
                mlines.add(Jsep.rejected(section));
            }
        }
        if (!dataSeen) {
            dataMid = null;
        }
    }

    private @Nullable RTCRtpTransceiver unassociated(MediaKind kind) {
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (transceiver.kind() == kind && transceiver.mid() == null && !transceiver.isStopped()
                && transceiver.sender().track() != null) {
                return transceiver;
            }
        }
        return null;
    }

    private @Nullable RTCRtpTransceiver transceiverByMid(String mid) {
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (mid.equals(transceiver.mid())) {
                return transceiver;
            }
        }
        return null;
    }

    /**
     * An answer was applied ({@code remote} tells whose): the negotiated directions, codecs and
     * header extensions of each accepted RTP section, and whether data channels were negotiated.
     */
    private void negotiated(SessionDescription answer, boolean remote) {
        final SessionDescription offer = remote ? localModel : remoteModel;
        final List<NegotiatedMedia> media = new ArrayList<>();
        for (MediaDescription section : answer.media()) {
            final RTCRtpTransceiver transceiver = section.mid() == null ? null : transceiverByMid(section.mid());
            if (transceiver == null) {
                continue;
            }
            if (section.port() == 0) {
                transceiver.setCurrentDirection(null);
                transceiver.negotiatedDirection = transceiver.direction();
                continue;
            }
            final dev.remotemedia.rtc.sdp.Direction answered = answer.direction(section);
            final dev.remotemedia.rtc.sdp.Direction ours = remote ? answered.reversed() : answered;
            transceiver.setCurrentDirection(RTCRtpTransceiverDirection.fromSdp(ours));
            transceiver.negotiatedDirection = transceiver.direction();
            final dev.remotemedia.rtc.sdp.RtpCodec codec = Jsep.opus(section);
            if (codec == null) {
                continue;
            }
            final MediaDescription remoteSection = remote ? section
                    : (offer == null ? null : offer.mediaByMid(section.mid()));
            if (remote) {
                transceiver.remoteStreamIds = streamIds(section);
                if (answered.sends()) {
                    announceTrack(transceiver);
                }
            }
            media.add(NegotiatedMedia.of(transceiver, codec.payloadType(), ours, section,
                                         remoteSection == null ? List.of() : remoteSection.ssrcs()));
        }
        dataNegotiated = Jsep.usableData(answer) != null;
        negotiatedMedia = List.copyOf(media);
        if (!dataNegotiated && !pendingChannels.isEmpty() && dataMid == null) {
            dataWanted = true; // channels made while the offer was out: the next offer adds the section
        }
    }

    private static List<String> streamIds(MediaDescription section) {
        final List<String> ids = new ArrayList<>();
        for (dev.remotemedia.rtc.sdp.Msid msid : section.msids()) {
            ids.add(msid.streamId());
        }
        return ids;
    }

    private void announceTrack(RTCRtpTransceiver transceiver) {
        if (transceiver.trackAnnounced) {
            return;
        }
        transceiver.trackAnnounced = true;
        final RTCRtpReceiver receiver = transceiver.receiver();
        final RTCTrackEvent event = new RTCTrackEvent(receiver, receiver.track(), transceiver.remoteStreamIds, transceiver);
        Callbacks.fire(callbacks.track, event, "track");
        Callbacks.fireAll(callbacks.trackListeners, event, "track");
    }

    private String nextMid() {
        for (int i = 0; ; i++) {
            final String mid = Integer.toString(i);
            if (!midInUse(mid)) {
                return mid;
            }
        }
    }

    private boolean midInUse(String mid) {
        if (mid.equals(dataMid)) {
            return true;
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (mid.equals(transceiver.mid())) {
                return true;
            }
        }
        for (Object line : mlines) {
            if (line instanceof MediaDescription section && mid.equals(section.mid())) {
                return true;
            }
        }
        return false;
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
        return codecPool;
    }

    String cname() {
        return cname;
    }

    /** The media part once media was negotiated and the transport exists, else {@code null}. */
    @Nullable MediaPart media() {
        return secure == null || closed ? null : secure.media();
    }

    private static long randomSsrc() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1L << 32);
    }

    private static String randomToken(int length) {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        final StringBuilder token = new StringBuilder(length);
        final java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
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
                if (!dataWanted && dataMid == null) {
                    dataWanted = true;
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
