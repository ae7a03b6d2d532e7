package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/** Parses the values of the ICE and DTLS attributes, at session or media level. */
final class TransportAttributeParser {
    private TransportAttributeParser() {}

    /** RFC 8839 §5.4: {@code ice-ufrag = 4*256ice-char}, {@code ice-pwd = 22*256ice-char}. */
    static String iceCredential(String name, @Nullable String value, int minLength) throws SdpParseException {
        final String credential = requireValue(name, value);
        final String error = Tokens.iceCredentialError(credential, name, minLength);
        if (error != null) {
            throw new SdpParseException(error);
        }
        return credential;
    }

    /** RFC 8839 §5.6: {@code ice-options = ice-option-tag *(SP ice-option-tag)}. */
    static List<String> iceOptions(@Nullable String value) throws SdpParseException {
        final List<String> options = Tokens.fields(requireValue("ice-options", value));
        if (options.isEmpty()) {
            throw new SdpParseException("ice-options: empty (expected: tags such as trickle)");
        }
        for (String option : options) {
            LineParser.checkToken(option, "ice-options");
        }
        return options;
    }

    /** RFC 8122 §5: {@code hash-func SP fingerprint}, the fingerprint as hex pairs joined by colons. */
    static Fingerprint fingerprint(@Nullable String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(requireValue("fingerprint", value));
        if (fields.size() != 2) {
            throw new SdpParseException("fingerprint: " + fields.size() + " fields (expected: 2: hash-func XX:XX:...)");
        }
        final String hashFunction = fields.get(0);
        final Integer length = Fingerprint.digestLength(hashFunction);
        if (length == null) {
            throw new SdpParseException("fingerprint: unknown hash function '" + Tokens.abbreviate(hashFunction)
                                        + "' (expected: " + Fingerprint.knownHashFunctions() + ")");
        }
        final String hex = fields.get(1);
        if (hex.length() != length * 3 - 1) {
            throw new SdpParseException("fingerprint: " + (hex.length() + 1) / 3 + " bytes for " + hashFunction
                                        + " (expected: " + length + ")");
        }
        final byte[] digest = new byte[length];
        for (int i = 0; i < length; i++) {
            final int high = Character.digit(hex.charAt(i * 3), 16);
            final int low = Character.digit(hex.charAt(i * 3 + 1), 16);
            if (high < 0 || low < 0 || !isAsciiHex(hex.charAt(i * 3)) || !isAsciiHex(hex.charAt(i * 3 + 1))
                || (i < length - 1 && hex.charAt(i * 3 + 2) != ':')) {
                throw new SdpParseException("fingerprint: '" + Tokens.abbreviate(hex) + "' at byte " + (i + 1)
                                            + " (expected: hex pairs joined by ':')");
            }
            digest[i] = (byte) (high << 4 | low);
        }
        return new Fingerprint(hashFunction, digest);
    }

    /** RFC 4145 §4: {@code setup:active|passive|actpass|holdconn}. */
    static SetupRole setup(@Nullable String value) throws SdpParseException {
        final SetupRole role = SetupRole.fromValue(requireValue("setup", value));
        if (role == null) {
            throw new SdpParseException("setup: '" + Tokens.abbreviate(value) + "' (expected: actpass, active, passive or holdconn)");
        }
        return role;
    }

    /** RFC 5888 §4: {@code mid:<identification-tag>}, a token. */
    static String mid(@Nullable String value) throws SdpParseException {
        final String mid = requireValue("mid", value);
        LineParser.checkToken(mid, "mid");
        return mid;
    }

    /** RFC 3605 §2.1: {@code rtcp:<port> [<nettype> <addrtype> <connection-address>]}. */
    static RtcpAddress rtcp(@Nullable String value) throws SdpParseException {
        final String rtcp = requireValue("rtcp", value);
        final List<String> fields = Tokens.fields(rtcp);
        if (fields.size() != 1 && fields.size() != 4) {
            throw new SdpParseException("rtcp: " + fields.size() + " fields (expected: port [nettype addrtype address])");
        }
        final int port = Tokens.parseInt(fields.get(0), "rtcp port", 0, 65535);
        final Connection connection = fields.size() == 1
                                      ? null : LineParser.connection(Tokens.afterFirstSpace(rtcp.strip()), "rtcp");
        return new RtcpAddress(port, connection);
    }

    /** RFC 8841 §5.1: {@code sctp-port:<port>}. */
    static int sctpPort(@Nullable String value) throws SdpParseException {
        return Tokens.parseInt(requireValue("sctp-port", value), "sctp-port", 0, 65535);
    }

    /** RFC 8841 §6.1: {@code max-message-size:<bytes>}; 0 means no limit. */
    static long maxMessageSize(@Nullable String value) throws SdpParseException {
        return Tokens.parseLong(requireValue("max-message-size", value), "max-message-size", 0, Long.MAX_VALUE);
    }

    static String requireValue(String name, @Nullable String value) throws SdpParseException {
        if (value == null) {
            throw new SdpParseException(name + ": no value (expected: a=" + name + ":<value>)");
        }
        return value;
    }

    static void requireFlag(String name, @Nullable String value) throws SdpParseException {
        if (value != null) {
            throw new SdpParseException(name + ": has value '" + Tokens.abbreviate(value) + "' (expected: a=" + name
                                        + " alone)");
        }
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
