package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.AbsSendTimeExtension;
import dev.remotemedia.rtc.rtp.AudioLevelExtension;
import dev.remotemedia.rtc.rtp.MidExtension;
import dev.remotemedia.rtc.sdp.Connection;
import dev.remotemedia.rtc.sdp.Direction;
import dev.remotemedia.rtc.sdp.Extmap;
import dev.remotemedia.rtc.sdp.Fingerprint;
import dev.remotemedia.rtc.sdp.Group;
import dev.remotemedia.rtc.sdp.IceCredentials;
import dev.remotemedia.rtc.sdp.MediaDescription;
import dev.remotemedia.rtc.sdp.MediaDescriptionBuilder;
import dev.remotemedia.rtc.sdp.Msid;
import dev.remotemedia.rtc.sdp.MsidSemantic;
import dev.remotemedia.rtc.sdp.Origin;
import dev.remotemedia.rtc.sdp.RtcpFeedback;
import dev.remotemedia.rtc.sdp.RtpCodec;
import dev.remotemedia.rtc.sdp.RtpMap;
import dev.remotemedia.rtc.sdp.SessionDescription;
import dev.remotemedia.rtc.sdp.SessionDescriptionBuilder;
import dev.remotemedia.rtc.sdp.SetupRole;
import dev.remotemedia.rtc.sdp.SsrcAttribute;
import dev.remotemedia.rtc.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Offers and answers for a session of transceivers and an optional SCTP data channel section, all
 * bundled on one transport (RFC 8829 §5.2 and §5.3, RFC 8843 BUNDLE with the max-bundle policy,
 * RFC 5761 rtcp-mux, RFC 8841). Sections this stack cannot handle (anything not bundled, RTP
 * without rtcp-mux or without a codec we have) are rejected in the answer with port 0,
 * as JSEP §5.3.1 requires, so the rest of the session still works. Pure: takes descriptions and
 * plans, returns descriptions.
 */
final class Jsep {
    /** RFC 8841 §5: the SCTP port we listen on. */
    static final int SCTP_PORT = TransportParameters.DEFAULT_SCTP_PORT;
    /** The largest message we accept: 256 KiB, as Chromium does (DESIGN.md §5.3). */
    static final long MAX_MESSAGE_SIZE = 262_144;
    static final String DATA_PROTOCOL = "UDP/DTLS/SCTP";
    static final String RTP_PROTOCOL = "UDP/TLS/RTP/SAVPF";
    /** The Opus payload type of our offers, as Chromium numbers it. */
    static final int OPUS_PAYLOAD_TYPE = 111;
    /** RFC 7587 §7: Opus is always {@code opus/48000/2} in SDP, whatever the channels sent. */
    static final RtpMap OPUS = new RtpMap(OPUS_PAYLOAD_TYPE, "opus", 48_000, 2);
    static final String OPUS_FMTP = "minptime=10;useinbandfec=1";

    /** RFC 9335/8843 §14: the header extensions we offer for audio, with the ids Chromium uses. */
    static final String EXT_AUDIO_LEVEL = AudioLevelExtension.URI;
    static final String EXT_ABS_SEND_TIME = AbsSendTimeExtension.URI;
    static final String EXT_MID = MidExtension.URI;
    static final Map<String, Integer> AUDIO_EXTENSIONS = orderedMap(EXT_AUDIO_LEVEL, 1, EXT_ABS_SEND_TIME, 2, EXT_MID, 4);
    /** The header extensions we offer for video. */
    static final Map<String, Integer> VIDEO_EXTENSIONS = orderedMap(EXT_ABS_SEND_TIME, 2, EXT_MID, 4);
    /** The feedback each video format is offered with (RFC 4585 NACK and PLI, RFC 5104 FIR). */
    static final List<RtcpFeedback> VIDEO_FEEDBACK = List.of(new RtcpFeedback(0, "ccm", "fir"), new RtcpFeedback(0, "nack", null),
                                                             new RtcpFeedback(0, "nack", "pli"));

    private Jsep() {}

    /** One m-section of our description, in m-line order. */
    sealed interface Section permits Media, Data, Rejected {}

    /**
     * A transceiver's section. {@code direction} is the transceiver's wish; {@code ssrc} and the
     * stream ids are written when it sends. A video section offers {@code videoFormats} in that
     * order, each with RTX on {@code rtxSsrc}.
     */
    record Media(String mid, MediaKind kind, Direction direction, long ssrc, String cname, String trackId,
                 List<String> streamIds, List<VideoFormat> videoFormats, long rtxSsrc) implements Section {
        Media {
            requireNonNull(mid, "mid");
            requireNonNull(kind, "kind");
            requireNonNull(direction, "direction");
            streamIds = List.copyOf(streamIds);
            videoFormats = List.copyOf(videoFormats);
        }

        /** An audio section. */
        Media(String mid, MediaKind kind, Direction direction, long ssrc, String cname, String trackId,
              List<String> streamIds) {
            this(mid, kind, direction, ssrc, cname, trackId, streamIds, List.of(), 0);
        }
    }

    /** The SCTP data channel section. */
    record Data(String mid) implements Section {}

    /** A section kept only to hold its m-line's place: written with port 0 (JSEP §5.2.2). */
    record Rejected(MediaDescription previous) implements Section {}

    /**
     * Our offer: every section in {@code sections} order, each bundled on our transport with DTLS
     * role {@code actpass} (RFC 8842 §5.2).
     */
    static SessionDescription offer(Origin origin, IceCredentials ice, List<Fingerprint> fingerprints,
                                    List<Section> sections) {
        final SessionDescriptionBuilder offer = session(origin);
        final List<String> bundle = new ArrayList<>();
        for (Section section : sections) {
            if (section instanceof Media media) {
                offer.addMedia(offeredMedia(media, ice, fingerprints));
                bundle.add(media.mid());
            } else if (section instanceof Data data) {
                offer.addMedia(dataSection(data.mid(), ice, fingerprints, SetupRole.ACTPASS));
                bundle.add(data.mid());
            } else {
                offer.addMedia(rejected(((Rejected) section).previous()));
            }
        }
        if (!bundle.isEmpty()) {
            offer.addGroup(Group.bundle(bundle));
        }
        offer.addMsidSemantic(new MsidSemantic("WMS", List.of()));
        return offer.build();
    }

    /**
     * Our answer to {@code offer}: the sections in {@code accepted} (by mid) with the codec and
     * header extensions negotiated from the offer, the first usable data channel section if
     * {@code acceptData}, every other section rejected. The DTLS role follows RFC 8842 §5.3, or is
     * {@code establishedSetup} when a DTLS association already runs (a re-answer keeps its role,
     * RFC 8842 §5.5; Chromium refuses a reversed one).
     */
    static SessionDescription answer(SessionDescription offer, Origin origin, IceCredentials ice,
                                     List<Fingerprint> fingerprints, Map<String, Media> accepted,
                                     boolean acceptData, @Nullable SetupRole establishedSetup) {
        final TransportParameters remote = remoteParameters(offer);
        final SetupRole ourRole = establishedSetup != null ? establishedSetup
                : remote.setup() == SetupRole.ACTIVE ? SetupRole.PASSIVE : SetupRole.ACTIVE;
        final SessionDescriptionBuilder answer = session(origin);
        final List<String> bundle = new ArrayList<>();
        final MediaDescription data = usableData(offer);
        for (MediaDescription section : offer.media()) {
            final Media media = section.mid() == null ? null : accepted.get(section.mid());
            if (media != null && acceptable(offer, section, media.videoFormats()) == null) {
                answer.addMedia(answeredMedia(offer, section, media, ice, fingerprints, ourRole));
                bundle.add(media.mid());
            } else if (acceptData && section == data) {
                answer.addMedia(dataSection(section.mid(), ice, fingerprints, ourRole));
                bundle.add(section.mid());
            } else {
                answer.addMedia(rejected(section));
            }
        }
        if (!bundle.isEmpty()) {
            answer.addGroup(Group.bundle(bundle));
        }
        answer.addMsidSemantic(new MsidSemantic("WMS", List.of()));
        return answer.build();
    }

    /** {@link #acceptable(SessionDescription, MediaDescription, List)} with no video format. */
    static @Nullable String acceptable(SessionDescription remote, MediaDescription section) {
        return acceptable(remote, section, List.of());
    }

    /**
     * Why we cannot take RTP section {@code section} of {@code remote}, or {@code null} if we can:
     * audio or video, bundled with the transport (max-bundle), rtcp-mux, SRTP with feedback, and
     * Opus for audio, one of {@code videoFormats} for video.
     */
    static @Nullable String acceptable(SessionDescription remote, MediaDescription section,
                                       List<VideoFormat> videoFormats) {
        if (section.port() == 0) {
            return "rejected by the remote side (port 0)";
        }
        if (!section.isRtp()) {
            return "not an RTP section";
        }
        final boolean video = "video".equals(section.media());
        if (!"audio".equals(section.media()) && !video) {
            return section.media() + " is not supported";
        }
        if (!section.protocol().toUpperCase(Locale.ROOT).endsWith("RTP/SAVPF")) {
            return "protocol " + section.protocol() + " (expected: UDP/TLS/RTP/SAVPF)";
        }
        if (section.mid() == null) {
            return "no a=mid";
        }
        final MediaDescription transport = transportSection(remote);
        if (transport != null && transport != section && remote.bundleGroupOf(section.mid()) == null) {
            return "not in the BUNDLE group (this stack bundles everything on one transport)";
        }
        if (!section.rtcpMux()) {
            return "no a=rtcp-mux";
        }
        if (video) {
            if (videoCodecs(section, videoFormats).isEmpty()) {
                final List<String> offered = new ArrayList<>();
                section.codecs().forEach(c -> offered.add(c.name()));
                return "video: no codec both sides have (offered: " + offered + "; ours: "
                       + (videoFormats.isEmpty() ? "none available" : videoFormats) + ")";
            }
            return null;
        }
        if (opus(section) == null) {
            return "no opus/48000/2 codec";
        }
        return null;
    }

    /** A video codec of a remote section that we have, with the RTX payload type associated with it (-1 if none). */
    record VideoCodec(RtpCodec codec, VideoFormat format, int rtxPayloadType) {}

    /** The codecs of a remote video section that are among {@code ours}, in the section's order. */
    static List<VideoCodec> videoCodecs(MediaDescription section, List<VideoFormat> ours) {
        final List<VideoCodec> codecs = new ArrayList<>();
        for (RtpCodec codec : section.codecs()) {
            final VideoFormat format = VideoFormat.match(codec, ours);
            if (format != null) {
                codecs.add(new VideoCodec(codec, format, rtxOf(section, codec.payloadType())));
            }
        }
        return codecs;
    }

    /** The payload type of the RTX codec whose {@code apt} is {@code payloadType} in {@code section}, or -1. */
    static int rtxOf(MediaDescription section, int payloadType) {
        for (RtpCodec codec : section.codecs()) {
            if (codec.is(VideoFormat.RTX) && Integer.toString(payloadType).equals(codec.parameters().get("apt"))) {
                return codec.payloadType();
            }
        }
        return -1;
    }

    /** The remote section's Opus codec, or {@code null}. */
    static @Nullable RtpCodec opus(MediaDescription section) {
        for (RtpCodec codec : section.codecs()) {
            if (codec.name().equalsIgnoreCase("opus") && codec.clockRate() == 48_000) {
                return codec;
            }
        }
        return null;
    }

    /**
     * The section that carries the session's one transport: the BUNDLE tag (the first mid of the
     * first BUNDLE group, RFC 9143 §7.2) if it is not rejected, else the first section with a
     * non-zero port; {@code null} if every section is rejected.
     */
    static @Nullable MediaDescription transportSection(SessionDescription description) {
        final List<Group> groups = description.bundleGroups();
        if (!groups.isEmpty() && !groups.get(0).mids().isEmpty()) {
            final MediaDescription tag = description.mediaByMid(groups.get(0).mids().get(0));
            if (tag != null && tag.port() != 0) {
                return tag;
            }
        }
        for (MediaDescription section : description.media()) {
            if (section.port() != 0) {
                return section;
            }
        }
        return null;
    }

    /** The first data channel section with a non-zero port and a mid, or {@code null}. */
    static @Nullable MediaDescription usableData(SessionDescription description) {
        for (MediaDescription section : description.media()) {
            if (section.isDataChannel() && section.port() != 0 && section.mid() != null) {
                return section;
            }
        }
        return null;
    }

    /**
     * What a remote description says about the bundled transport: ICE, DTLS, and the SCTP
     * parameters when it has a data channel section.
     *
     * @throws IllegalArgumentException naming what is missing or unusable
     */
    static TransportParameters remoteParameters(SessionDescription remote) {
        final MediaDescription transport = transportSection(remote);
        if (transport == null) {
            throw new OperationError("every media section of the description is rejected (port 0): nothing to connect");
        }
        final String mid = transport.mid();
        if (mid == null) {
            throw new OperationError("the transport's media section (m=" + transport.media()
                                               + ") has no a=mid");
        }
        final IceCredentials ice = remote.iceCredentials(transport);
        if (ice == null) {
            throw new OperationError("mid " + mid + ": no a=ice-ufrag/a=ice-pwd");
        }
        final List<Fingerprint> fingerprints = remote.fingerprints(transport);
        if (fingerprints.isEmpty()) {
            throw new OperationError("mid " + mid + ": no a=fingerprint (DTLS needs one)");
        }
        final SetupRole setup = remote.setup(transport) == null ? SetupRole.ACTPASS : remote.setup(transport);
        if (setup == SetupRole.HOLDCONN) {
            throw new OperationError("mid " + mid + ": a=setup:holdconn is not supported");
        }
        final MediaDescription data = usableData(remote);
        final int sctpPort = data == null || data.sctpPort() == null ? TransportParameters.DEFAULT_SCTP_PORT
                                                                      : data.sctpPort();
        final long maxMessageSize = data == null || data.maxMessageSize() == null
                                    ? TransportParameters.DEFAULT_MAX_MESSAGE_SIZE : data.maxMessageSize();
        return new TransportParameters(mid, ice, fingerprints, setup, data != null, sctpPort, maxMessageSize,
                                       transport.candidates(), transport.endOfCandidates());
    }

    /** The W3C kind of an RTP section, or {@code null} for kinds we do not know. */
    static @Nullable MediaKind kindOf(MediaDescription section) {
        return MediaKind.fromW3cName(section.media());
    }

    // ---- Sections ---------------------------------------------------------------------------------

    private static SessionDescriptionBuilder session(Origin origin) {
        return SessionDescription.builder(requireNonNull(origin, "origin"));
    }

    /** RFC 8829 §5.2.1: port 9 and c=IN IP4 0.0.0.0 until candidates are known (trickle ICE). */
    private static MediaDescriptionBuilder transport(MediaDescriptionBuilder section, IceCredentials ice,
                                                     List<Fingerprint> fingerprints, SetupRole setup, String mid) {
        section.connection(Connection.PLACEHOLDER)
               .iceUfrag(ice.ufrag())
               .icePwd(ice.password())
               .iceOptions(List.of("trickle"))
               .setup(setup)
               .mid(mid);
        fingerprints.forEach(section::addFingerprint);
        return section;
    }

    private static MediaDescription dataSection(String mid, IceCredentials ice, List<Fingerprint> fingerprints,
                                                SetupRole setup) {
        final MediaDescriptionBuilder section = MediaDescription.builder("application", 9, DATA_PROTOCOL)
                                                                .addFormat(MediaDescription.DATA_CHANNEL_FORMAT);
        return transport(section, ice, fingerprints, setup, mid).sctpPort(SCTP_PORT)
                                                                .maxMessageSize(MAX_MESSAGE_SIZE)
                                                                .build();
    }

    private static MediaDescription offeredMedia(Media media, IceCredentials ice, List<Fingerprint> fingerprints) {
        final MediaDescriptionBuilder section = MediaDescription.builder(media.kind().w3cName(), 9, RTP_PROTOCOL);
        transport(section, ice, fingerprints, SetupRole.ACTPASS, media.mid());
        if (media.kind() == MediaKind.VIDEO) {
            VIDEO_EXTENSIONS.forEach((uri, id) -> section.addExtmap(Extmap.of(id, uri)));
            for (VideoFormat format : media.videoFormats()) {
                addVideoCodec(section, format.payloadType(), format, format.rtxPayloadType());
            }
        } else {
            AUDIO_EXTENSIONS.forEach((uri, id) -> section.addExtmap(Extmap.of(id, uri)));
            section.addCodec(OPUS, OPUS_FMTP, List.of());
        }
        return sending(section, media, media.direction()).build();
    }

    /** A video format on {@code payloadType} with its feedback, and its RTX on {@code rtxPayloadType} (-1: none). */
    private static void addVideoCodec(MediaDescriptionBuilder section, int payloadType, VideoFormat format, int rtxPayloadType) {
        final List<RtcpFeedback> feedback = new ArrayList<>();
        for (RtcpFeedback each : VIDEO_FEEDBACK) {
            feedback.add(new RtcpFeedback(payloadType, each.type(), each.parameter()));
        }
        section.addCodec(new RtpMap(payloadType, format.sdpName(), VideoFormat.CLOCK_RATE, null), format.fmtp(), feedback);
        if (rtxPayloadType >= 0) {
            section.addCodec(new RtpMap(rtxPayloadType, VideoFormat.RTX, VideoFormat.CLOCK_RATE, null), "apt=" + payloadType,
                             List.of());
        }
    }

    private static MediaDescription answeredMedia(SessionDescription offer, MediaDescription offered, Media media,
                                                  IceCredentials ice, List<Fingerprint> fingerprints,
                                                  SetupRole setup) {
        if (media.kind() == MediaKind.VIDEO) {
            return answeredVideo(offer, offered, media, ice, fingerprints, setup);
        }
        final RtpCodec codec = requireNonNull(opus(offered));
        final MediaDescriptionBuilder section = MediaDescription.builder(offered.media(), 9, offered.protocol());
        transport(section, ice, fingerprints, setup, media.mid());
        for (Extmap extmap : offered.extmaps()) {
            if (AUDIO_EXTENSIONS.containsKey(extmap.uri())) {
                section.addExtmap(Extmap.of(extmap.id(), extmap.uri())); // RFC 8285 §6: the offer's ids
            }
        }
        section.addCodec(new RtpMap(codec.payloadType(), codec.name(), 48_000, 2), OPUS_FMTP, List.of());
        final Direction direction = intersect(media.direction(), offer.direction(offered).reversed());
        return sending(section, media, direction).build();
    }

    /**
     * A video answer: the offered codecs we have, on the offer's payload types and in our order of
     * preference (the first is the one both sides send), each with its RTX if the offer has one,
     * and the feedback both support.
     */
    private static MediaDescription answeredVideo(SessionDescription offer, MediaDescription offered, Media media,
                                                  IceCredentials ice, List<Fingerprint> fingerprints, SetupRole setup) {
        final MediaDescriptionBuilder section = MediaDescription.builder(offered.media(), 9, offered.protocol());
        transport(section, ice, fingerprints, setup, media.mid());
        for (Extmap extmap : offered.extmaps()) {
            if (VIDEO_EXTENSIONS.containsKey(extmap.uri())) {
                section.addExtmap(Extmap.of(extmap.id(), extmap.uri())); // RFC 8285 §6: the offer's ids
            }
        }
        final List<VideoCodec> codecs = new ArrayList<>(videoCodecs(offered, media.videoFormats()));
        codecs.sort(java.util.Comparator.comparingInt(c -> media.videoFormats().indexOf(c.format())));
        final Set<VideoFormat> answered = java.util.EnumSet.noneOf(VideoFormat.class);
        for (VideoCodec codec : codecs) {
            if (!answered.add(codec.format())) {
                continue; // one payload type per format (an offer may list H264 profiles twice)
            }
            final List<RtcpFeedback> feedback = new ArrayList<>();
            for (RtcpFeedback each : VIDEO_FEEDBACK) {
                if (codec.codec().hasFeedback(each.type(), each.parameter())) {
                    feedback.add(new RtcpFeedback(codec.codec().payloadType(), each.type(), each.parameter()));
                }
            }
            section.addCodec(new RtpMap(codec.codec().payloadType(), codec.format().sdpName(), VideoFormat.CLOCK_RATE, null),
                             codec.format().fmtp(), feedback);
            if (codec.rtxPayloadType() >= 0) {
                section.addCodec(new RtpMap(codec.rtxPayloadType(), VideoFormat.RTX, VideoFormat.CLOCK_RATE, null),
                                 "apt=" + codec.codec().payloadType(), List.of());
            }
        }
        final Direction direction = intersect(media.direction(), offer.direction(offered).reversed());
        return sending(section, media, direction).build();
    }

    /** The direction attribute, rtcp-mux/rsize, and, when sending, the msid and SSRC lines. */
    private static MediaDescriptionBuilder sending(MediaDescriptionBuilder section, Media media, Direction direction) {
        section.direction(direction).rtcpMux(true).rtcpRsize(true);
        if (direction.sends()) {
            final List<String> streams = media.streamIds().isEmpty() ? List.of("-") : media.streamIds();
            for (String stream : streams) {
                section.addMsid(new Msid(stream, media.trackId()));
            }
            if (media.kind() == MediaKind.VIDEO && media.rtxSsrc() != 0) {
                section.addSsrcGroup(new SsrcGroup("FID", List.of(media.ssrc(), media.rtxSsrc())));
            }
            section.addSsrc(new SsrcAttribute(media.ssrc(), SsrcAttribute.CNAME, media.cname()));
            section.addSsrc(new SsrcAttribute(media.ssrc(), "msid", streams.get(0) + ' ' + media.trackId()));
            if (media.kind() == MediaKind.VIDEO && media.rtxSsrc() != 0) {
                section.addSsrc(new SsrcAttribute(media.rtxSsrc(), SsrcAttribute.CNAME, media.cname()));
                section.addSsrc(new SsrcAttribute(media.rtxSsrc(), "msid", streams.get(0) + ' ' + media.trackId()));
            }
        }
        return section;
    }

    /** JSEP §5.3.1: what we may do given what we want and what the offerer lets us. */
    static Direction intersect(Direction wanted, Direction allowed) {
        final boolean send = wanted.sends() && allowed.sends();
        final boolean receive = wanted.receives() && allowed.receives();
        if (send && receive) {
            return Direction.SENDRECV;
        }
        return send ? Direction.SENDONLY : receive ? Direction.RECVONLY : Direction.INACTIVE;
    }

    /** RFC 8829 §5.3.1: a rejected section keeps its media, protocol, formats and mid, with port 0. */
    static MediaDescription rejected(MediaDescription offered) {
        return MediaDescription.builder(offered.media(), 0, offered.protocol())
                               .formats(new ArrayList<>(offered.formats()))
                               .connection(Connection.PLACEHOLDER)
                               .mid(offered.mid())
                               .build();
    }

    private static Map<String, Integer> orderedMap(Object... keysAndValues) {
        final Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
