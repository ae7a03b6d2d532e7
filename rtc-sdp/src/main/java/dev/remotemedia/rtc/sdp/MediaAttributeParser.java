package dev.remotemedia.rtc.sdp;

import static dev.remotemedia.rtc.sdp.TransportAttributeParser.requireFlag;
import static dev.remotemedia.rtc.sdp.TransportAttributeParser.requireValue;

import dev.remotemedia.rtc.common.Nullable;
import java.util.HashSet;
import java.util.Set;

/** Applies the attributes of one media section to its builder; unknown ones are kept verbatim. */
final class MediaAttributeParser {
    private static final Set<String> KNOWN = Set.of(
            "rtcp", "candidate", "end-of-candidates", "ice-ufrag", "ice-pwd", "ice-options", "fingerprint", "setup",
            "mid", "extmap-allow-mixed", "extmap", "sendrecv", "sendonly", "recvonly", "inactive", "msid",
            "rtcp-mux", "rtcp-rsize", "rtcp-xr", "rtpmap", "rtcp-fb", "fmtp", "ssrc-group", "ssrc", "sctp-port",
            "max-message-size");

    private final MediaDescriptionBuilder builder;
    private final Set<String> seen = new HashSet<>();

    MediaAttributeParser(MediaDescriptionBuilder builder) {
        this.builder = builder;
    }

    /** Whether attribute {@code name} has a typed field at media level. */
    static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    void parse(String name, @Nullable String value) throws SdpParseException {
        switch (name) {
            case "rtcp":
                once(name);
                builder.rtcp(TransportAttributeParser.rtcp(value));
                break;
            case "candidate":
                builder.addCandidate(IceCandidateParser.parseValue(requireValue(name, value)));
                break;
            case "end-of-candidates":
                requireFlag(name, value);
                builder.endOfCandidates(true);
                break;
            case "ice-ufrag":
                once(name);
                builder.iceUfrag(TransportAttributeParser.iceCredential(name, value, 4));
                break;
            case "ice-pwd":
                once(name);
                builder.icePwd(TransportAttributeParser.iceCredential(name, value, 22));
                break;
            case "ice-options":
                once(name);
                builder.iceOptions(TransportAttributeParser.iceOptions(value));
                break;
            case "fingerprint":
                builder.addFingerprint(TransportAttributeParser.fingerprint(value));
                break;
            case "setup":
                once(name);
                builder.setup(TransportAttributeParser.setup(value));
                break;
            case "mid":
                once(name);
                builder.mid(TransportAttributeParser.mid(value));
                break;
            case "sctp-port":
                once(name);
                builder.sctpPort(TransportAttributeParser.sctpPort(value));
                break;
            case "max-message-size":
                once(name);
                builder.maxMessageSize(TransportAttributeParser.maxMessageSize(value));
                break;
            default:
                parseRtp(name, value);
        }
    }

    private void parseRtp(String name, @Nullable String value) throws SdpParseException {
        switch (name) {
            case "extmap-allow-mixed":
                requireFlag(name, value);
                builder.extmapAllowMixed(true);
                break;
            case "extmap":
                builder.addExtmap(RtpAttributeParser.extmap(value));
                break;
            case "sendrecv":
            case "sendonly":
            case "recvonly":
            case "inactive":
                requireFlag(name, value);
                once("direction");
                builder.direction(Direction.fromAttributeName(name));
                break;
            case "msid":
                builder.addMsid(RtpAttributeParser.msid(value));
                break;
            case "rtcp-mux":
                requireFlag(name, value);
                builder.rtcpMux(true);
                break;
            case "rtcp-rsize":
                requireFlag(name, value);
                builder.rtcpRsize(true);
                break;
            case "rtcp-xr":
                once(name);
                builder.rtcpXr(RtpAttributeParser.rtcpXr(value));
                break;
            case "rtpmap":
                builder.addRtpMap(RtpAttributeParser.rtpMap(value));
                break;
            case "rtcp-fb":
                builder.addRtcpFeedback(RtpAttributeParser.rtcpFeedback(value));
                break;
            case "fmtp":
                builder.addFmtp(RtpAttributeParser.fmtp(value));
                break;
            case "ssrc-group":
                builder.addSsrcGroup(RtpAttributeParser.ssrcGroup(value));
                break;
            case "ssrc":
                builder.addSsrc(RtpAttributeParser.ssrc(value));
                break;
            default:
                builder.addAttribute(new Attribute(name, value));
        }
    }

    private void once(String name) throws SdpParseException {
        if (!seen.add(name)) {
            throw new SdpParseException(name + ": appears twice in this media section (expected: once)");
        }
    }
}
