package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sdp.Direction;
import dev.remotemedia.rtc.sdp.Fingerprint;
import dev.remotemedia.rtc.sdp.IceCredentials;
import dev.remotemedia.rtc.sdp.MediaDescription;
import dev.remotemedia.rtc.sdp.Origin;
import dev.remotemedia.rtc.sdp.RtpCodec;
import dev.remotemedia.rtc.sdp.SessionDescription;
import dev.remotemedia.rtc.sdp.SetupRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSEP side of a connection (RFC 8829 §5, W3C §4.4.1 and §5): its transceivers, the order of
 * its m-lines and their mids, what each offer/answer settled, and the rollback to the last stable
 * state. A created offer changes nothing until it is applied ({@link #commitLocalOffer}); a remote
 * offer associates transceivers with its m-lines (§5.10) and may be rolled back, explicitly or by
 * a local offer crossing it. Runs only on the connection's loop, except the getters of the
 * transceiver list.
 */
final class Negotiation {
    /** The most RTP m-lines one connection carries; a remote offer's further ones are rejected. */
    static final int MAX_RTP_SECTIONS = 64;
    private static final Object DATA_LINE = new Object();

    private final ConnectionCore core;
    /** Every transceiver, in creation order (W3C getTransceivers()); read from any thread. */
    final List<RTCRtpTransceiver> transceivers = new CopyOnWriteArrayList<>();
    /**
     * The m-lines in order once a description assigned them: a transceiver, {@link #DATA_LINE}, or
     * the rejected section that holds a line's place (JSEP §5.2.2: m-lines are never removed).
     */
    private List<Object> mlines = new ArrayList<>();
    private @Nullable String dataMid;
    /** Whether a data channel was created, so our offers need a data section. */
    boolean dataWanted;
    private boolean dataNegotiated;
    private List<NegotiatedMedia> negotiatedMedia = List.of();
    /** The last created offer's plan: applied by {@link #commitLocalOffer}, else forgotten. */
    private @Nullable OfferPlan offerPlan;
    /** The state to return to on rollback, taken when an offer leaves the stable state. */
    private @Nullable Snapshot stable;
    /** Track events of the description being applied, fired after its state change (W3C §4.4.1.6). */
    private final List<RTCRtpTransceiver> tracksToAnnounce = new ArrayList<>();
    /** RFC 7022: one random CNAME per connection. */
    final String cname;

    private record OfferPlan(List<Object> lines, Map<RTCRtpTransceiver, String> mids, @Nullable String dataMid,
                             List<String> sectionMids) {}

    private record Snapshot(List<Object> mlines, @Nullable String dataMid, Map<RTCRtpTransceiver, String> mids,
                            List<RTCRtpTransceiver> transceivers) {}

    Negotiation(ConnectionCore core) {
        this.core = core;
        cname = randomToken(16);
    }

    // ---- Transceivers ---------------------------------------------------------------------------------

    RTCRtpTransceiver addTransceiver(MediaKind kind, @Nullable MediaStreamTrack track, RTCRtpTransceiverInit init) {
        if (kind == MediaKind.VIDEO && videoFormats().isEmpty()) {
            throw new NotSupportedError("kind video: no video codec is available in this process ("
                                        + dev.remotemedia.codec.video.VideoCodecs.unavailableReason(
                                                dev.remotemedia.codec.video.VideoCodecType.VP8) + ")");
        }
        final RTCRtpTransceiver transceiver = new RTCRtpTransceiver(core, kind, init.direction(), init.streamIds(),
                                                                    track, randomSsrc());
        transceivers.add(transceiver);
        return transceiver;
    }

    /**
     * W3C addTrack: reuses a transceiver of the track's kind that never sent and has no track
     * (one a remote offer made), else makes a new sendrecv one.
     */
    RTCRtpSender addTrack(MediaStreamTrack track, List<String> streamIds) {
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
                return transceiver.sender();
            }
        }
        final RTCRtpTransceiver created = addTransceiver(
                track.kind(), track, new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.SENDRECV, streamIds));
        created.senderUsed = true;
        return created.sender();
    }

    /** W3C removeTrack: the sender stops sending; its transceiver only receives from now on. */
    void removeTrack(RTCRtpSender sender) {
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

    /** W3C §4.7.3's check: whether an offer/answer would change anything. */
    boolean needsNegotiation() {
        if (dataWanted && dataMid == null) {
            return true;
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (transceiver.mid() == null ? !transceiver.isStopped()
                    : transceiver.isStopped() ? !transceiver.rejectionNegotiated
                    : transceiver.negotiatedDirection != transceiver.direction()) {
                return true;
            }
        }
        return false;
    }

    // ---- Offers ---------------------------------------------------------------------------------------

    /**
     * Our offer: the m-lines so far in order, then new transceivers, then data if wanted. Nothing
     * changes until the offer is applied: the new mids are only proposed (W3C: createOffer does not
     * modify the connection's state).
     */
    SessionDescription createOffer(Origin origin, IceCredentials ice, List<Fingerprint> fingerprints) {
        final List<Object> lines = new ArrayList<>(mlines);
        final Set<String> taken = midsInUse();
        final Map<RTCRtpTransceiver, String> proposed = new IdentityHashMap<>();
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (transceiver.mid() == null && !transceiver.isStopped()) {
                final String mid = freeMid(taken);
                proposed.put(transceiver, mid);
                lines.add(transceiver);
            }
        }
        String proposedDataMid = dataMid;
        if (dataMid == null && (dataWanted || lines.isEmpty())) {
            proposedDataMid = freeMid(taken);
            lines.add(DATA_LINE);
        }
        final List<Jsep.Section> sections = new ArrayList<>();
        final List<String> sectionMids = new ArrayList<>();
        for (Object line : lines) {
            if (line == DATA_LINE) {
                sections.add(new Jsep.Data(requireNonNull(proposedDataMid)));
            } else if (line instanceof RTCRtpTransceiver transceiver) {
                final String mid = transceiver.mid() != null ? transceiver.mid() : proposed.get(transceiver);
                sections.add(transceiver.isStopped() ? new Jsep.Rejected(stoppedSection(transceiver, mid))
                                                     : mediaSection(transceiver, mid));
            } else {
                sections.add(new Jsep.Rejected((MediaDescription) line));
            }
        }
        final SessionDescription offer = Jsep.offer(origin, ice, fingerprints, sections);
        for (MediaDescription section : offer.media()) {
            sectionMids.add(section.mid());
        }
        offerPlan = new OfferPlan(lines, proposed, proposedDataMid, sectionMids);
        return offer;
    }

    /**
     * Applies our offer: the plan of the {@link #createOffer} that made it takes effect.
     *
     * @throws InvalidModificationError if {@code offer} is not the last offer created
     */
    void commitLocalOffer(SessionDescription offer, RTCSignalingState state) {
        final OfferPlan plan = offerPlan;
        final List<String> mids = new ArrayList<>();
        for (MediaDescription section : offer.media()) {
            mids.add(section.mid());
        }
        if (plan == null || !plan.sectionMids().equals(mids)) {
            throw new InvalidModificationError("the offer is not the last one createOffer made (its m-lines differ)");
        }
        if (state == RTCSignalingState.STABLE) {
            stable = snapshot();
        }
        plan.mids().forEach(RTCRtpTransceiver::setMid);
        mlines = new ArrayList<>(plan.lines());
        dataMid = plan.dataMid();
        offerPlan = null;
    }

    /** Our answer to the remote offer, with the transceivers {@link #applyRemoteOffer} matched to it. */
    SessionDescription createAnswer(SessionDescription remoteOffer, Origin origin, IceCredentials ice,
                                    List<Fingerprint> fingerprints, @Nullable SetupRole establishedSetup) {
        final Map<String, Jsep.Media> accepted = new HashMap<>();
        for (Object line : mlines) {
            if (line instanceof RTCRtpTransceiver transceiver && !transceiver.isStopped()) {
                accepted.put(transceiver.mid(), mediaSection(transceiver, transceiver.mid()));
            }
        }
        return Jsep.answer(remoteOffer, origin, ice, fingerprints, accepted, dataMid != null, establishedSetup);
    }

    /**
     * JSEP §5.10 for a remote offer: each RTP section we can take gets its transceiver (the one with
     * its mid, else an unassociated one of its kind made by addTrack, else a new recvonly one); the
     * m-lines take the offer's order. A re-offer must keep the m-lines it had, in their order.
     *
     * @throws OperationError if a re-offer removed or reordered m-lines
     */
    void applyRemoteOffer(SessionDescription offer, RTCSignalingState state) {
        if (state == RTCSignalingState.HAVE_LOCAL_OFFER) {
            rollback(); // W3C §4.4.1.5: a remote offer first rolls back our own ("perfect negotiation")
        }
        checkKeepsMlines(offer);
        if (stable == null) {
            stable = snapshot();
        }
        final List<Object> lines = new ArrayList<>();
        boolean dataSeen = false;
        int rtpSections = 0;
        final MediaDescription data = Jsep.usableData(offer);
        dataMid = null;
        for (MediaDescription section : offer.media()) {
            if (section == data && !dataSeen) {
                dataSeen = true;
                dataMid = section.mid();
                lines.add(DATA_LINE);
                continue;
            }
            final MediaKind kind = Jsep.kindOf(section);
            final boolean usable = kind != null && Jsep.acceptable(offer, section, videoFormats()) == null
                                   && rtpSections < MAX_RTP_SECTIONS;
            RTCRtpTransceiver transceiver = section.mid() == null ? null : transceiverByMid(section.mid());
            if (transceiver == null && usable) {
                transceiver = unassociated(kind);
                if (transceiver == null) {
                    transceiver = new RTCRtpTransceiver(core, kind, RTCRtpTransceiverDirection.RECVONLY, List.of(), null,
                                                        randomSsrc());
                    transceivers.add(transceiver);
                }
                transceiver.setMid(section.mid());
            }
            if (transceiver != null && usable && !transceiver.isStopped()) {
                rtpSections++;
                lines.add(transceiver);
                transceiver.remoteStreamIds = streamIds(section);
                if (offer.direction(section).sends()) {
                    tracksToAnnounce.add(transceiver);
                }
            } else {
                if (transceiver != null && section.port() == 0) {
                    stopNow(transceiver); // JSEP §5.10: a rejected m-line stops its transceiver
                }
                lines.add(Jsep.rejected(section));
            }
        }
        mlines = lines;
    }

    /** RFC 8829 §5.8 / §5.10: m-lines are never removed or reordered, only rejected or recycled. */
    private void checkKeepsMlines(SessionDescription offer) {
        for (int i = 0; i < mlines.size(); i++) {
            final Object line = mlines.get(i);
            final String mid = line == DATA_LINE ? dataMid
                    : line instanceof RTCRtpTransceiver transceiver ? transceiver.mid() : null;
            if (mid == null) {
                continue; // a rejected line may be recycled with a new mid
            }
            if (i >= offer.media().size() || !mid.equals(offer.media().get(i).mid())) {
                throw new OperationError("m-line " + i + " had mid " + mid + " and now has "
                                         + (i >= offer.media().size() ? "none" : "mid " + offer.media().get(i).mid())
                                         + " (m-lines may not be removed or reordered, RFC 8829 §5.10)");
            }
        }
    }

    /**
     * An answer was applied ({@code remote} tells whose): the negotiated directions, codecs and
     * header extensions of each accepted RTP section, and whether data channels were negotiated.
     * Sections the answer rejects stop their transceivers.
     */
    void applyAnswer(SessionDescription answer, @Nullable SessionDescription offer, boolean remote,
                     boolean channelsPending) {
        final List<NegotiatedMedia> media = new ArrayList<>();
        for (MediaDescription section : answer.media()) {
            final RTCRtpTransceiver transceiver = section.mid() == null ? null : transceiverByMid(section.mid());
            if (transceiver == null || (section.isDataChannel() && section.mid().equals(dataMid))) {
                continue;
            }
            if (section.port() == 0) {
                stopNow(transceiver);
                transceiver.rejectionNegotiated = true;
                transceiver.negotiatedDirection = RTCRtpTransceiverDirection.STOPPED;
                continue;
            }
            final Direction answered = answer.direction(section);
            final Direction ours = remote ? answered.reversed() : answered;
            transceiver.setCurrentDirection(RTCRtpTransceiverDirection.fromSdp(ours));
            transceiver.negotiatedDirection = transceiver.direction();
            final MediaDescription remoteSection = remote ? section : (offer == null ? null : offer.mediaByMid(section.mid()));
            final VideoNegotiation video = transceiver.kind() == MediaKind.VIDEO
                                           ? VideoNegotiation.of(section, remoteSection, videoFormats()) : null;
            final RtpCodec codec = transceiver.kind() == MediaKind.VIDEO ? null : Jsep.opus(section);
            if (codec == null && video == null) {
                continue;
            }
            if (remote) {
                transceiver.remoteStreamIds = streamIds(section);
                if (answered.sends()) {
                    tracksToAnnounce.add(transceiver);
                }
            }
            media.add(NegotiatedMedia.of(transceiver, video != null ? video.payloadType() : codec.payloadType(), ours, section,
                                         remoteSection == null ? List.of() : remoteSection.ssrcs(), video));
        }
        dataNegotiated = Jsep.usableData(answer) != null;
        negotiatedMedia = List.copyOf(media);
        stable = null;
        if (!dataNegotiated && channelsPending && dataMid == null) {
            dataWanted = true; // channels made while the offer was out: the next offer adds the section
        }
    }

    /** W3C rollback (RFC 8829 §4.1.10.2): back to the m-lines, mids and transceivers of the last stable state. */
    void rollback() {
        final Snapshot snapshot = stable;
        offerPlan = null;
        tracksToAnnounce.clear();
        if (snapshot == null) {
            return;
        }
        mlines = new ArrayList<>(snapshot.mlines());
        dataMid = snapshot.dataMid();
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (!snapshot.transceivers().contains(transceiver) && transceiver.sender().track() == null) {
                transceivers.remove(transceiver); // made by the rolled-back remote offer, never used
            } else {
                transceiver.setMid(snapshot.mids().get(transceiver));
            }
        }
        stable = null;
    }

    private Snapshot snapshot() {
        final Map<RTCRtpTransceiver, String> mids = new IdentityHashMap<>();
        for (RTCRtpTransceiver transceiver : transceivers) {
            mids.put(transceiver, transceiver.mid());
        }
        return new Snapshot(List.copyOf(mlines), dataMid, mids, List.copyOf(transceivers));
    }

    /** The transceivers whose m-line now sends to us, once the description's state change was announced. */
    List<RTCRtpTransceiver> takeTracksToAnnounce() {
        final List<RTCRtpTransceiver> taken = new ArrayList<>(tracksToAnnounce);
        tracksToAnnounce.clear();
        return taken;
    }

    /** Stops a transceiver at once (W3C stop(), a rejected m-line): no more media either way. */
    void stopNow(RTCRtpTransceiver transceiver) {
        transceiver.markStopped();
        final MediaStreamTrack track = transceiver.sender().track();
        if (track != null) {
            track.detach(transceiver.sender());
        }
        transceiver.sender().bind(null);
        transceiver.receiver().bind(null);
        transceiver.receiver().track().endRemote();
        transceiver.setCurrentDirection(RTCRtpTransceiverDirection.STOPPED);
        final MediaPart media = core.media();
        if (media != null) {
            media.unbind(transceiver);
        }
    }

    // ---- What was negotiated ----------------------------------------------------------------------------

    boolean dataNegotiated() {
        return dataNegotiated;
    }

    List<NegotiatedMedia> negotiatedMedia() {
        return negotiatedMedia;
    }

    @Nullable String dataMid() {
        return dataMid;
    }

    // ---- Helpers ----------------------------------------------------------------------------------------

    private Jsep.Media mediaSection(RTCRtpTransceiver transceiver, String mid) {
        final MediaStreamTrack track = transceiver.sender().track();
        return new Jsep.Media(mid, transceiver.kind(), transceiver.direction().toSdp(), transceiver.sender().ssrc(),
                              cname, track == null ? "-" : track.id(), transceiver.streamIds(),
                              transceiver.kind() == MediaKind.VIDEO ? videoFormats() : List.of(),
                              transceiver.kind() == MediaKind.VIDEO ? transceiver.sender().rtxSsrc() : 0);
    }

    /** The video formats this connection offers and accepts, in order of preference. */
    private List<VideoFormat> videoFormats() {
        return core.mediaServices().videoFormats();
    }

    private static MediaDescription stoppedSection(RTCRtpTransceiver transceiver, @Nullable String mid) {
        return MediaDescription.builder(transceiver.kind().w3cName(), 0, Jsep.RTP_PROTOCOL)
                               .addFormat(Integer.toString(transceiver.kind() == MediaKind.VIDEO
                                                           ? VideoFormat.VP8.payloadType() : Jsep.OPUS_PAYLOAD_TYPE))
                               .mid(mid)
                               .build();
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

    private static List<String> streamIds(MediaDescription section) {
        final List<String> ids = new ArrayList<>();
        for (dev.remotemedia.rtc.sdp.Msid msid : section.msids()) {
            ids.add(msid.streamId());
        }
        return ids;
    }

    private Set<String> midsInUse() {
        final Set<String> mids = new HashSet<>();
        if (dataMid != null) {
            mids.add(dataMid);
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            if (transceiver.mid() != null) {
                mids.add(transceiver.mid());
            }
        }
        for (Object line : mlines) {
            if (line instanceof MediaDescription section && section.mid() != null) {
                mids.add(section.mid());
            }
        }
        return mids;
    }

    private static String freeMid(Set<String> taken) {
        for (int i = 0; ; i++) {
            final String mid = Integer.toString(i);
            if (taken.add(mid)) {
                return mid;
            }
        }
    }

    private static long randomSsrc() {
        return ThreadLocalRandom.current().nextLong(1, 1L << 32);
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
}
