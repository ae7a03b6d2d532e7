package dev.remotemedia.rtc.sdp;

import java.util.List;

/** Parses the values of the typed non-attribute lines: {@code o= c= b= t= m=} (RFC 8866 §5). */
final class LineParser {
    private LineParser() {}

    /** RFC 8866 §5.2: {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}. */
    static Origin origin(String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(value);
        if (fields.size() != 6) {
            throw new SdpParseException("o=: " + fields.size() + " fields (expected: 6: username sess-id sess-version "
                                        + "nettype addrtype address)");
        }
        checkSessionNumber(fields.get(1), "o= sess-id");
        checkSessionNumber(fields.get(2), "o= sess-version");
        checkToken(fields.get(3), "o= nettype");
        checkToken(fields.get(4), "o= addrtype");
        return new Origin(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4), fields.get(5));
    }

    /** RFC 8866 §5.9: {@code t=<start-time> <stop-time>}. */
    static Timing timing(String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(value);
        if (fields.size() != 2) {
            throw new SdpParseException("t=: " + fields.size() + " fields (expected: 2: start-time stop-time)");
        }
        return new Timing(Tokens.parseLong(fields.get(0), "t= start-time", 0, Long.MAX_VALUE),
                          Tokens.parseLong(fields.get(1), "t= stop-time", 0, Long.MAX_VALUE));
    }

    /** RFC 8866 §5.7: {@code c=<nettype> <addrtype> <connection-address>}. */
    static Connection connection(String value, String what) throws SdpParseException {
        final List<String> fields = Tokens.fields(value);
        if (fields.size() != 3) {
            throw new SdpParseException(what + ": " + fields.size() + " fields (expected: 3: nettype addrtype address)");
        }
        checkToken(fields.get(0), what + " nettype");
        checkToken(fields.get(1), what + " addrtype");
        return new Connection(fields.get(0), fields.get(1), fields.get(2));
    }

    /** RFC 8866 §5.8: {@code b=<bwtype>:<bandwidth>}. */
    static Bandwidth bandwidth(String value) throws SdpParseException {
        final int colon = value.indexOf(':');
        if (colon < 0) {
            throw new SdpParseException("b=: no ':' (expected: b=<bwtype>:<bandwidth>, such as b=AS:300)");
        }
        final String type = value.substring(0, colon);
        checkToken(type, "b= bwtype");
        return new Bandwidth(type, Tokens.parseLong(value.substring(colon + 1), "b= bandwidth", 0, Long.MAX_VALUE));
    }

    /** RFC 8866 §5.14: {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...}. */
    static MediaDescriptionBuilder media(String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(value);
        if (fields.size() < 4) {
            throw new SdpParseException("m=: " + fields.size() + " fields (expected: at least 4: media port proto fmt...)");
        }
        final String media = fields.get(0);
        checkToken(media, "m= media");
        final String portField = fields.get(1);
        final int slash = portField.indexOf('/');
        final int port = Tokens.parseInt(slash < 0 ? portField : portField.substring(0, slash), "m= port", 0, 65535);
        final Integer numberOfPorts = slash < 0
                                      ? null : Tokens.parseInt(portField.substring(slash + 1), "m= number of ports", 1, 65535);
        final String protocol = fields.get(2);
        if (!MediaDescription.isProtocol(protocol)) {
            throw new SdpParseException("m= proto: '" + Tokens.abbreviate(protocol)
                                        + "' (expected: tokens joined by '/', such as UDP/TLS/RTP/SAVPF)");
        }
        final boolean rtp = MediaDescription.isRtpProtocol(protocol);
        final MediaDescriptionBuilder builder = MediaDescription.builder(media, port, protocol).numberOfPorts(numberOfPorts);
        for (String format : fields.subList(3, fields.size())) {
            if (rtp) {
                Tokens.parseInt(format, "m= payload type", 0, 127);
                if (format.length() > 3) {
                    throw new SdpParseException("m= payload type: '" + Tokens.abbreviate(format) + "' (expected: 0..127)");
                }
            } else {
                checkToken(format, "m= fmt");
            }
            builder.addFormat(format);
        }
        return builder;
    }

    static void checkToken(String value, String field) throws SdpParseException {
        if (!Tokens.isToken(value)) {
            throw new SdpParseException(field + ": '" + Tokens.abbreviate(value) + "' (expected: an RFC 8866 token)");
        }
    }

    private static void checkSessionNumber(String value, String field) throws SdpParseException {
        if (!Tokens.isDigits(value) || value.length() > 64) {
            throw new SdpParseException(field + ": '" + Tokens.abbreviate(value) + "' (expected: 1 to 64 digits)");
        }
    }
}
