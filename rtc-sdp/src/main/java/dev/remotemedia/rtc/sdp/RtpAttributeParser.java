package dev.remotemedia.rtc.sdp;

import static dev.remotemedia.rtc.sdp.TransportAttributeParser.requireValue;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.List;

/** Parses the values of the RTP attributes of a media section. */
final class RtpAttributeParser {
    private RtpAttributeParser() {}

    /** RFC 8866 §6.6: {@code rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}. */
    static RtpMap rtpMap(@Nullable String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(requireValue("rtpmap", value));
        if (fields.size() != 2) {
            throw new SdpParseException("rtpmap: " + fields.size() + " fields (expected: 2: payload-type name/rate[/channels])");
        }
        final int pt = payloadType(fields.get(0), "rtpmap");
        final String[] parts = fields.get(1).split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new SdpParseException("rtpmap: '" + Tokens.abbreviate(fields.get(1))
                                        + "' (expected: encoding-name/clock-rate[/channels])");
        }
        LineParser.checkToken(parts[0], "rtpmap encoding name");
        final int clockRate = Tokens.parseInt(parts[1], "rtpmap clock rate", 1, Integer.MAX_VALUE);
        final Integer channels = parts.length == 3
                                 ? Tokens.parseInt(parts[2], "rtpmap channels", 1, Integer.MAX_VALUE) : null;
        return new RtpMap(pt, parts[0], clockRate, channels);
    }

    /** RFC 8866 §6.15: {@code fmtp:<payload type> <format specific parameters>}, kept verbatim. */
    static Fmtp fmtp(@Nullable String value) throws SdpParseException {
        final String fmtp = requireValue("fmtp", value);
        if (fmtp.indexOf(' ') < 0) {
            throw new SdpParseException("fmtp: no parameters (expected: payload-type SP parameters)");
        }
        return new Fmtp(payloadType(Tokens.beforeFirstSpace(fmtp), "fmtp"), Tokens.afterFirstSpace(fmtp));
    }

    /** RFC 4585 §4.2: {@code rtcp-fb:<payload type>|* <type> [<parameter>]}. */
    static RtcpFeedback rtcpFeedback(@Nullable String value) throws SdpParseException {
        final String feedback = requireValue("rtcp-fb", value);
        final String ptField = Tokens.beforeFirstSpace(feedback);
        final int pt = "*".equals(ptField) ? RtcpFeedback.ANY_PAYLOAD_TYPE : payloadType(ptField, "rtcp-fb");
        final String rest = Tokens.afterFirstSpace(feedback);
        final String type = Tokens.beforeFirstSpace(rest);
        LineParser.checkToken(type, "rtcp-fb type");
        final String parameter = rest.indexOf(' ') < 0 ? "" : Tokens.afterFirstSpace(rest);
        return new RtcpFeedback(pt, type, parameter.isBlank() ? null : parameter);
    }

    /** RFC 8285 §8: {@code extmap:<value>["/"<direction>] <URI> [<extension attributes>]}. */
    static Extmap extmap(@Nullable String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(requireValue("extmap", value));
        if (fields.size() < 2) {
            throw new SdpParseException("extmap: " + fields.size() + " fields (expected: id[/direction] uri [attributes])");
        }
        final String idField = fields.get(0);
        final int slash = idField.indexOf('/');
        final String idText = slash < 0 ? idField : idField.substring(0, slash);
        final long id = Tokens.parseLong(idText, "extmap id", 1, 4351);
        if (!Extmap.isValidId(id)) {
            throw new SdpParseException("extmap id: " + id + " (expected: 1..255 or 4096..4351)");
        }
        Direction direction = null;
        if (slash >= 0) {
            direction = Direction.fromAttributeName(idField.substring(slash + 1));
            if (direction == null) {
                throw new SdpParseException("extmap direction: '" + Tokens.abbreviate(idField.substring(slash + 1))
                                            + "' (expected: sendrecv, sendonly, recvonly or inactive)");
            }
        }
        final String attributes = fields.size() > 2 ? String.join(" ", fields.subList(2, fields.size())) : null;
        return new Extmap((int) id, direction, fields.get(1), attributes);
    }

    /** RFC 5576 §4.1: {@code ssrc:<ssrc-id> <attribute>[:<value>]}. */
    static SsrcAttribute ssrc(@Nullable String value) throws SdpParseException {
        final String ssrc = requireValue("ssrc", value);
        final long id = Tokens.parseLong(Tokens.beforeFirstSpace(ssrc), "ssrc", 0, 0xFFFF_FFFFL);
        final String rest = Tokens.afterFirstSpace(ssrc);
        final int colon = rest.indexOf(':');
        final String attribute = colon < 0 ? rest : rest.substring(0, colon);
        LineParser.checkToken(attribute, "ssrc attribute");
        return new SsrcAttribute(id, attribute, colon < 0 ? null : rest.substring(colon + 1));
    }

    /** RFC 5576 §4.2: {@code ssrc-group:<semantics> *(SP <ssrc-id>)}. */
    static SsrcGroup ssrcGroup(@Nullable String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(requireValue("ssrc-group", value));
        if (fields.isEmpty()) {
            throw new SdpParseException("ssrc-group: empty (expected: semantics ssrc...)");
        }
        LineParser.checkToken(fields.get(0), "ssrc-group semantics");
        final List<Long> ssrcs = new ArrayList<>();
        for (String ssrc : fields.subList(1, fields.size())) {
            ssrcs.add(Tokens.parseLong(ssrc, "ssrc-group ssrc", 0, 0xFFFF_FFFFL));
        }
        return new SsrcGroup(fields.get(0), ssrcs);
    }

    /** RFC 8830 §2: {@code msid:<msid-id> [<msid-appdata>]}. */
    static Msid msid(@Nullable String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(requireValue("msid", value));
        if (fields.isEmpty() || fields.size() > 2) {
            throw new SdpParseException("msid: " + fields.size() + " fields (expected: stream-id [track-id])");
        }
        return new Msid(fields.get(0), fields.size() == 2 ? fields.get(1) : null);
    }

    /** RFC 3611 §5.1: {@code rtcp-xr[:<xr-format> *(SP <xr-format>)]}. */
    static RtcpXr rtcpXr(@Nullable String value) {
        return new RtcpXr(value == null ? List.of() : Tokens.fields(value));
    }

    private static int payloadType(String value, String name) throws SdpParseException {
        if (value.length() > 3) {
            throw new SdpParseException(name + " payload type: '" + Tokens.abbreviate(value) + "' (expected: 0..127)");
        }
        return Tokens.parseInt(value, name + " payload type", 0, 127);
    }
}
