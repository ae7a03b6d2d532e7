package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One media section (RFC 8866 §5.14): the {@code m=} line and everything up to the next one.
 * Attributes this module knows are typed fields; others stay in {@link #otherAttributes()} and
 * other lines ({@code i=}, {@code k=}, unknown types) in {@link #otherLines()}, in order.
 * Build one with {@link #builder(String, int, String)}.
 *
 * <p>{@code rtpMaps}, {@code rtcpFeedbacks} and {@code fmtps} are kept sorted by payload type in
 * the order of {@link #formats()} (payload types not listed there after them by number,
 * {@code a=rtcp-fb:*} last), the order they are written in; equal content means equal sections.
 *
 * @param numberOfPorts the {@code /<number of ports>} of the m= line, {@code null} if absent
 * @param rtcp          {@code a=rtcp} (RFC 3605)
 * @param iceOptions    {@code a=ice-options} tags (RFC 8839 §5.6), empty if absent
 * @param mid           {@code a=mid} (RFC 5888 §4, RFC 8843)
 * @param ssrcs         {@code a=ssrc} lines (RFC 5576 §4.1) in order
 * @param sctpPort      {@code a=sctp-port} (RFC 8841 §5)
 * @param maxMessageSize {@code a=max-message-size} (RFC 8841 §6); 0 means no limit
 */
public record MediaDescription(
        String media, int port, @Nullable Integer numberOfPorts, String protocol, List<String> formats,
        List<SdpLine> otherLines, @Nullable Connection connection, List<Bandwidth> bandwidths,
        @Nullable RtcpAddress rtcp, List<IceCandidate> candidates, boolean endOfCandidates,
        @Nullable String iceUfrag, @Nullable String icePwd, List<String> iceOptions, List<Fingerprint> fingerprints,
        @Nullable SetupRole setup, @Nullable String mid, boolean extmapAllowMixed, List<Extmap> extmaps,
        @Nullable Direction direction, List<Msid> msids, boolean rtcpMux, boolean rtcpRsize,
        @Nullable RtcpXr rtcpXr, List<RtpMap> rtpMaps, List<RtcpFeedback> rtcpFeedbacks, List<Fmtp> fmtps,
        List<SsrcGroup> ssrcGroups, List<SsrcAttribute> ssrcs, @Nullable Integer sctpPort,
        @Nullable Long maxMessageSize, List<Attribute> otherAttributes) {

    /** The format of an SCTP data channel section (RFC 8841 §4.1). */
    public static final String DATA_CHANNEL_FORMAT = "webrtc-datachannel";

    public MediaDescription {
        Tokens.checkToken(requireNonNull(media, "media"), "media");
        Tokens.checkRange(port, 0, 65535, "port");
        if (numberOfPorts != null) {
            Tokens.checkRange(numberOfPorts, 1, 65535, "numberOfPorts");
        }
        if (!isProtocol(requireNonNull(protocol, "protocol"))) {
            throw new IllegalArgumentException("protocol: '" + Tokens.abbreviate(protocol)
                                               + "' (expected: tokens joined by '/', such as UDP/TLS/RTP/SAVPF)");
        }
        formats = List.copyOf(formats);
        checkFormats(protocol, formats);
        otherLines = sorted(otherLines, SdpLine::mediaPlace);
        otherLines.forEach(MediaDescription::checkOtherLine);
        bandwidths = List.copyOf(bandwidths);
        candidates = List.copyOf(candidates);
        Tokens.checkIceCredential(iceUfrag, "iceUfrag", 4);
        Tokens.checkIceCredential(icePwd, "icePwd", 22);
        iceOptions = List.copyOf(iceOptions);
        iceOptions.forEach(option -> Tokens.checkToken(option, "iceOptions"));
        fingerprints = List.copyOf(fingerprints);
        if (mid != null) {
            Tokens.checkToken(mid, "mid");
        }
        extmaps = List.copyOf(extmaps);
        msids = List.copyOf(msids);
        final int[] ranks = payloadRanks(formats);
        rtpMaps = sorted(rtpMaps, map -> rank(ranks, map.payloadType()));
        rtcpFeedbacks = sorted(rtcpFeedbacks, feedback -> rank(ranks, feedback.payloadType()));
        fmtps = sorted(fmtps, fmtp -> rank(ranks, fmtp.payloadType()));
        ssrcGroups = List.copyOf(ssrcGroups);
        ssrcs = List.copyOf(ssrcs);
        if (sctpPort != null) {
            Tokens.checkRange(sctpPort, 0, 65535, "sctpPort");
        }
        if (maxMessageSize != null) {
            Tokens.checkRange(maxMessageSize, 0, Long.MAX_VALUE, "maxMessageSize");
        }
        otherAttributes = List.copyOf(otherAttributes);
        for (Attribute attribute : otherAttributes) {
            if (MediaAttributeParser.isKnown(attribute.name())) {
                throw new IllegalArgumentException("otherAttributes: " + attribute.name()
                                                   + " (expected: an attribute without a typed field)");
            }
        }
    }

    /** A builder for an {@code m=<media> <port> <protocol>} section with no formats yet. */
    public static MediaDescriptionBuilder builder(String media, int port, String protocol) {
        return new MediaDescriptionBuilder(media, port, protocol);
    }

    public MediaDescriptionBuilder toBuilder() {
        return new MediaDescriptionBuilder(this);
    }

    /** Whether this is an SCTP data channel section: {@code m=application ... webrtc-datachannel}. */
    public boolean isDataChannel() {
        return "application".equals(media) && protocol.endsWith("SCTP") && formats.contains(DATA_CHANNEL_FORMAT);
    }

    /** Whether the formats are RTP payload types: the protocol is an RTP profile such as {@code UDP/TLS/RTP/SAVPF}. */
    public boolean isRtp() {
        return isRtpProtocol(protocol);
    }

    /** The payload types of an RTP section in preference order; empty for other sections. */
    public List<Integer> payloadTypes() {
        final List<Integer> result = new ArrayList<>();
        if (isRtp()) {
            formats.forEach(format -> result.add(Integer.valueOf(format)));
        }
        return List.copyOf(result);
    }

    /** The {@code a=rtpmap} of {@code payloadType}, else its RFC 3551 static mapping, else {@code null}. */
    public @Nullable RtpMap rtpMap(int payloadType) {
        for (RtpMap map : rtpMaps) {
            if (map.payloadType() == payloadType) {
                return map;
            }
        }
        return StaticPayloadTypes.lookup(payloadType);
    }

    /** The first {@code a=fmtp} of {@code payloadType}, or {@code null}. */
    public @Nullable Fmtp fmtp(int payloadType) {
        for (Fmtp fmtp : fmtps) {
            if (fmtp.payloadType() == payloadType) {
                return fmtp;
            }
        }
        return null;
    }

    /** The {@code a=rtcp-fb} lines that apply to {@code payloadType}, including {@code a=rtcp-fb:*} ones. */
    public List<RtcpFeedback> rtcpFeedback(int payloadType) {
        final List<RtcpFeedback> result = new ArrayList<>();
        for (RtcpFeedback feedback : rtcpFeedbacks) {
            if (feedback.payloadType() == payloadType || feedback.appliesToAnyPayloadType()) {
                result.add(feedback);
            }
        }
        return List.copyOf(result);
    }

    /** Every payload type of the m= line that has a known mapping, in preference order. */
    public List<RtpCodec> codecs() {
        final List<RtpCodec> result = new ArrayList<>();
        for (int pt : payloadTypes()) {
            final RtpMap map = rtpMap(pt);
            if (map != null) {
                result.add(new RtpCodec(pt, map.encodingName(), map.clockRate(), map.channels(), fmtp(pt),
                                        rtcpFeedback(pt)));
            }
        }
        return List.copyOf(result);
    }

    /** The {@code a=extmap} for header extension {@code uri}, or {@code null}. */
    public @Nullable Extmap extmap(String uri) {
        for (Extmap extmap : extmaps) {
            if (extmap.uri().equals(uri)) {
                return extmap;
            }
        }
        return null;
    }

    /** The {@code a=ssrc} lines of {@code ssrc}, in order. */
    public List<SsrcAttribute> ssrcAttributes(long ssrc) {
        final List<SsrcAttribute> result = new ArrayList<>();
        ssrcs.forEach(line -> {
            if (line.ssrc() == ssrc) {
                result.add(line);
            }
        });
        return List.copyOf(result);
    }

    /** The first attribute named {@code name} among {@link #otherAttributes()}, or {@code null}. */
    public @Nullable Attribute otherAttribute(String name) {
        for (Attribute attribute : otherAttributes) {
            if (attribute.name().equals(name)) {
                return attribute;
            }
        }
        return null;
    }

    /**
     * Where each payload type's attributes go, indexed by payload type: its first index in
     * {@code formats}, or for unlisted types {@code formats.size() + pt}. See {@link #rank}.
     */
    static int[] payloadRanks(List<String> formats) {
        final int[] ranks = new int[128];
        for (int pt = 0; pt < ranks.length; pt++) {
            ranks[pt] = formats.size() + pt;
        }
        for (int i = formats.size() - 1; i >= 0; i--) {
            final String format = formats.get(i);
            if (Tokens.isDigits(format) && format.length() <= 3 && Integer.parseInt(format) <= 127) {
                ranks[Integer.parseInt(format)] = i;
            }
        }
        return ranks;
    }

    /** The rank of {@code payloadType} in {@code ranks}; {@code *} comes last. */
    static int rank(int[] ranks, int payloadType) {
        return payloadType == RtcpFeedback.ANY_PAYLOAD_TYPE ? Integer.MAX_VALUE : ranks[payloadType];
    }

    static boolean isRtpProtocol(String protocol) {
        return protocol.startsWith("RTP/") || protocol.contains("/RTP/");
    }

    /** RFC 8866 §5.14: {@code proto = token *("/" token)}. */
    static boolean isProtocol(String protocol) {
        for (String part : protocol.split("/", -1)) {
            if (!Tokens.isToken(part) || part.indexOf('/') >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkFormats(String protocol, List<String> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("formats: empty (expected: at least one)");
        }
        final boolean rtp = isRtpProtocol(protocol);
        for (String format : formats) {
            Tokens.checkToken(format, "formats");
            if (rtp && !(Tokens.isDigits(format) && format.length() <= 3 && Integer.parseInt(format) <= 127)) {
                throw new IllegalArgumentException("formats: " + Tokens.abbreviate(format)
                                                   + " (expected: RTP payload types 0..127 for " + protocol + ")");
            }
        }
    }

    private static void checkOtherLine(SdpLine line) {
        if ("vostrzuepcbam".indexOf(line.type()) >= 0) {
            throw new IllegalArgumentException("otherLines: " + line.type() + "= (expected: i=, k= or an unknown type)");
        }
    }

    private static <T> List<T> sorted(List<T> list, ToIntFunction<T> key) {
        final List<T> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt(key)); // stable: equal keys keep their order
        return List.copyOf(copy);
    }
}
