package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * Writes a {@link SessionDescription} as SDP text with {@code \r\n} line endings (RFC 8866 §5).
 *
 * <p>Lines come in RFC 8866 order; attributes in Chromium's order: at session level groups,
 * {@code extmap-allow-mixed}, {@code msid-semantic}, then ICE, DTLS and direction; in a media
 * section {@code rtcp}, candidates, ICE credentials and options, fingerprints, setup, mid,
 * header extensions, direction, msid, RTCP flags, then per payload type {@code rtpmap},
 * {@code rtcp-fb} and {@code fmtp}, then SSRC groups and lines, then the SCTP attributes. Untyped
 * attributes follow the typed ones, in their order. A description Chromium wrote comes out
 * byte for byte as it went in.
 */
public final class SdpWriter {
    private static final String CRLF = "\r\n";

    private SdpWriter() {}

    public static String write(SessionDescription description) {
        requireNonNull(description, "description");
        final StringBuilder out = new StringBuilder(1024 + description.media().size() * 2048);
        line(out, 'v', "0");
        line(out, 'o', description.origin().toSdpValue());
        line(out, 's', description.sessionName());
        otherLines(out, description.otherLines(), 0, true);
        if (description.connection() != null) {
            line(out, 'c', description.connection().toSdpValue());
        }
        description.bandwidths().forEach(bandwidth -> line(out, 'b', bandwidth.toSdpValue()));
        line(out, 't', description.timing().toSdpValue());
        otherLines(out, description.otherLines(), 1, true);
        otherLines(out, description.otherLines(), 2, true);
        description.groups().forEach(group -> attribute(out, "group", group.toSdpValue()));
        flag(out, "extmap-allow-mixed", description.extmapAllowMixed());
        description.msidSemantics().forEach(semantic -> attribute(out, "msid-semantic", semantic.toSdpValue()));
        flag(out, "ice-lite", description.iceLite());
        iceAndDtls(out, description.iceUfrag(), description.icePwd(), description.iceOptions(),
                   description.fingerprints(), description.setup());
        if (description.direction() != null) {
            flag(out, description.direction().attributeName(), true);
        }
        description.otherAttributes().forEach(attribute -> attribute(out, attribute));
        description.media().forEach(section -> writeMedia(out, section));
        return out.toString();
    }

    private static void writeMedia(StringBuilder out, MediaDescription m) {
        final StringBuilder mLine = new StringBuilder(m.media()).append(' ').append(m.port());
        if (m.numberOfPorts() != null) {
            mLine.append('/').append(m.numberOfPorts());
        }
        mLine.append(' ').append(m.protocol());
        m.formats().forEach(format -> mLine.append(' ').append(format));
        line(out, 'm', mLine.toString());
        otherLines(out, m.otherLines(), 0, false);
        if (m.connection() != null) {
            line(out, 'c', m.connection().toSdpValue());
        }
        m.bandwidths().forEach(bandwidth -> line(out, 'b', bandwidth.toSdpValue()));
        otherLines(out, m.otherLines(), 2, false);
        if (m.rtcp() != null) {
            attribute(out, "rtcp", m.rtcp().toSdpValue());
        }
        m.candidates().forEach(candidate -> out.append("a=").append(candidate.format()).append(CRLF));
        flag(out, "end-of-candidates", m.endOfCandidates());
        iceAndDtls(out, m.iceUfrag(), m.icePwd(), m.iceOptions(), m.fingerprints(), m.setup());
        if (m.mid() != null) {
            attribute(out, "mid", m.mid());
        }
        flag(out, "extmap-allow-mixed", m.extmapAllowMixed());
        m.extmaps().forEach(extmap -> attribute(out, "extmap", extmap.toSdpValue()));
        if (m.direction() != null) {
            flag(out, m.direction().attributeName(), true);
        }
        m.msids().forEach(msid -> attribute(out, "msid", msid.toSdpValue()));
        flag(out, "rtcp-mux", m.rtcpMux());
        flag(out, "rtcp-rsize", m.rtcpRsize());
        if (m.rtcpXr() != null) {
            attribute(out, new Attribute("rtcp-xr", m.rtcpXr().toSdpValue()));
        }
        writePayloadAttributes(out, m);
        m.ssrcGroups().forEach(group -> attribute(out, "ssrc-group", group.toSdpValue()));
        m.ssrcs().forEach(ssrc -> attribute(out, "ssrc", ssrc.toSdpValue()));
        if (m.sctpPort() != null) {
            attribute(out, "sctp-port", Integer.toString(m.sctpPort()));
        }
        if (m.maxMessageSize() != null) {
            attribute(out, "max-message-size", Long.toString(m.maxMessageSize()));
        }
        m.otherAttributes().forEach(attribute -> attribute(out, attribute));
    }

    /**
     * Per payload type, in the section's order: {@code rtpmap}, {@code rtcp-fb}, {@code fmtp}, as
     * Chromium writes them. The three lists are already sorted by that order, so this merges them.
     */
    private static void writePayloadAttributes(StringBuilder out, MediaDescription m) {
        final int[] ranks = MediaDescription.payloadRanks(m.formats());
        final List<RtpMap> maps = m.rtpMaps();
        final List<RtcpFeedback> feedbacks = m.rtcpFeedbacks();
        final List<Fmtp> fmtps = m.fmtps();
        int map = 0;
        int feedback = 0;
        int fmtp = 0;
        while (map < maps.size() || feedback < feedbacks.size() || fmtp < fmtps.size()) {
            final int rank = Math.min(
                    map < maps.size() ? MediaDescription.rank(ranks, maps.get(map).payloadType()) : Integer.MAX_VALUE,
                    Math.min(feedback < feedbacks.size()
                             ? MediaDescription.rank(ranks, feedbacks.get(feedback).payloadType()) : Integer.MAX_VALUE,
                             fmtp < fmtps.size()
                             ? MediaDescription.rank(ranks, fmtps.get(fmtp).payloadType()) : Integer.MAX_VALUE));
            for (; map < maps.size() && MediaDescription.rank(ranks, maps.get(map).payloadType()) == rank; map++) {
                attribute(out, "rtpmap", maps.get(map).toSdpValue());
            }
            for (; feedback < feedbacks.size()
                   && MediaDescription.rank(ranks, feedbacks.get(feedback).payloadType()) == rank; feedback++) {
                attribute(out, "rtcp-fb", feedbacks.get(feedback).toSdpValue());
            }
            for (; fmtp < fmtps.size() && MediaDescription.rank(ranks, fmtps.get(fmtp).payloadType()) == rank; fmtp++) {
                attribute(out, "fmtp", fmtps.get(fmtp).toSdpValue());
            }
        }
    }

    private static void iceAndDtls(StringBuilder out, @Nullable String ufrag, @Nullable String pwd,
                                   List<String> iceOptions, List<Fingerprint> fingerprints, @Nullable SetupRole setup) {
        if (ufrag != null) {
            attribute(out, "ice-ufrag", ufrag);
        }
        if (pwd != null) {
            attribute(out, "ice-pwd", pwd);
        }
        if (!iceOptions.isEmpty()) {
            attribute(out, "ice-options", String.join(" ", iceOptions));
        }
        fingerprints.forEach(fingerprint -> attribute(out, "fingerprint", fingerprint.toSdpValue()));
        if (setup != null) {
            attribute(out, "setup", setup.value());
        }
    }

    private static void otherLines(StringBuilder out, List<SdpLine> lines, int place, boolean sessionLevel) {
        for (SdpLine line : lines) {
            if ((sessionLevel ? line.sessionPlace() : line.mediaPlace()) == place) {
                line(out, line.type(), line.value());
            }
        }
    }

    private static void line(StringBuilder out, char type, String value) {
        out.append(type).append('=').append(value).append(CRLF);
    }

    private static void attribute(StringBuilder out, String name, String value) {
        out.append("a=").append(name).append(':').append(value).append(CRLF);
    }

    private static void attribute(StringBuilder out, Attribute attribute) {
        out.append("a=").append(attribute.toSdpValue()).append(CRLF);
    }

    private static void flag(StringBuilder out, String name, boolean present) {
        if (present) {
            out.append("a=").append(name).append(CRLF);
        }
    }
}
