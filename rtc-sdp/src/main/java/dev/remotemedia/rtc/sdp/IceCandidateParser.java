package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.List;

/** Parses the value of {@code a=candidate:} (RFC 8839 §5.1 grammar, RFC 6544 §4.5 {@code tcptype}). */
final class IceCandidateParser {
    private IceCandidateParser() {}

    static IceCandidate parseValue(String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(value);
        if (fields.size() < 8) {
            throw new SdpParseException("candidate: " + fields.size() + " fields (expected: at least 8: foundation "
                                        + "component transport priority address port typ type)");
        }
        final String foundation = fields.get(0);
        if (foundation.length() > 32 || !Tokens.isIceChars(foundation)) {
            throw new SdpParseException("candidate foundation: '" + Tokens.abbreviate(foundation)
                                        + "' (expected: 1 to 32 letters, digits, '+' or '/')");
        }
        final int component = Tokens.parseInt(fields.get(1), "candidate component", 1, 256);
        final String transport = fields.get(2);
        if (!Tokens.isToken(transport)) {
            throw new SdpParseException("candidate transport: '" + Tokens.abbreviate(transport) + "' (expected: a token such as udp)");
        }
        final long priority = Tokens.parseLong(fields.get(3), "candidate priority", 0, 0xFFFF_FFFFL);
        final String address = address(fields.get(4), "candidate address");
        final int port = Tokens.parseInt(fields.get(5), "candidate port", 0, 65535);
        if (!"typ".equals(fields.get(6))) {
            throw new SdpParseException("candidate: '" + Tokens.abbreviate(fields.get(6)) + "' after the port (expected: typ)");
        }
        final CandidateType type = CandidateType.fromValue(fields.get(7));
        if (type == null) {
            throw new SdpParseException("candidate type: '" + Tokens.abbreviate(fields.get(7))
                                        + "' (expected: host, srflx, prflx or relay)");
        }
        final IceCandidateBuilder builder = IceCandidate.builder().foundation(foundation).component(component)
                .transport(transport).priority(priority).address(address, port).type(type);
        parseTail(fields, builder);
        return builder.build();
    }

    /** The {@code <name> <value>} pairs after the type: raddr, rport, tcptype, then extensions. */
    private static void parseTail(List<String> fields, IceCandidateBuilder builder) throws SdpParseException {
        if ((fields.size() - 8) % 2 != 0) {
            throw new SdpParseException("candidate: '" + Tokens.abbreviate(fields.get(fields.size() - 1))
                                        + "' has no value (expected: name value pairs after the type)");
        }
        String relatedAddress = null;
        Integer relatedPort = null;
        TcpType tcpType = null;
        final List<CandidateExtension> extensions = new ArrayList<>();
        for (int i = 8; i < fields.size(); i += 2) {
            final String name = fields.get(i);
            final String value = fields.get(i + 1);
            switch (name) {
                case "raddr":
                    checkOnce(relatedAddress, name);
                    relatedAddress = address(value, "candidate raddr");
                    break;
                case "rport":
                    checkOnce(relatedPort, name);
                    relatedPort = Tokens.parseInt(value, "candidate rport", 0, 65535);
                    break;
                case "tcptype":
                    checkOnce(tcpType, name);
                    tcpType = TcpType.fromValue(value);
                    if (tcpType == null) {
                        throw new SdpParseException("candidate tcptype: '" + Tokens.abbreviate(value)
                                                    + "' (expected: active, passive or so)");
                    }
                    break;
                default:
                    final String error = extensionError(name, value);
                    if (error != null) {
                        throw new SdpParseException(error);
                    }
                    extensions.add(new CandidateExtension(name, value));
            }
        }
        builder.related(relatedAddress, relatedPort).tcpType(tcpType).extensions(extensions);
    }

    /** Why {@code name value} is not a valid extension, or {@code null}; shared with the model's checks. */
    static @Nullable String extensionError(String name, String value) {
        switch (name) {
            case "typ":
            case "raddr":
            case "rport":
            case "tcptype":
                return "candidate: '" + name + "' is not an extension (expected: at most once, after the type)";
            case "generation":
            case "network-id":
            case "network-cost":
                return Tokens.isDigits(value) && value.length() <= 10
                       ? null : "candidate " + name + ": '" + Tokens.abbreviate(value) + "' (expected: a number)";
            default:
                return Tokens.isToken(name) && Tokens.isWord(value)
                       ? null : "candidate extension: '" + Tokens.abbreviate(name) + "' (expected: token name and value)";
        }
    }

    private static void checkOnce(@Nullable Object previous, String name) throws SdpParseException {
        if (previous != null) {
            throw new SdpParseException("candidate: " + name + " appears twice (expected: once)");
        }
    }

    private static String address(String value, String field) throws SdpParseException {
        if (!Addresses.isValid(value)) {
            throw new SdpParseException(field + ": '" + Tokens.abbreviate(value) + "' (expected: IPv4, IPv6 or a host name)");
        }
        return value;
    }
}
