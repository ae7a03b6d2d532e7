package dev.remotemedia.rtc.sdp;

import static dev.remotemedia.rtc.sdp.TransportAttributeParser.requireFlag;
import static dev.remotemedia.rtc.sdp.TransportAttributeParser.requireValue;

import dev.remotemedia.rtc.common.Nullable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Applies session-level attributes to a {@link SessionDescriptionBuilder}; unknown ones are kept verbatim. */
final class SessionAttributeParser {
    private static final Set<String> KNOWN = Set.of(
            "group", "extmap-allow-mixed", "msid-semantic", "ice-lite", "ice-ufrag", "ice-pwd", "ice-options",
            "fingerprint", "setup", "sendrecv", "sendonly", "recvonly", "inactive");

    private final SessionDescriptionBuilder builder;
    private final Set<String> seen = new HashSet<>();

    SessionAttributeParser(SessionDescriptionBuilder builder) {
        this.builder = builder;
    }

    /** Whether attribute {@code name} has a typed field at session level. */
    static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    void parse(String name, @Nullable String value) throws SdpParseException {
        switch (name) {
            case "group":
                builder.addGroup(group(value));
                break;
            case "extmap-allow-mixed":
                requireFlag(name, value);
                builder.extmapAllowMixed(true);
                break;
            case "msid-semantic":
                builder.addMsidSemantic(msidSemantic(value));
                break;
            case "ice-lite":
                requireFlag(name, value);
                builder.iceLite(true);
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
            case "sendrecv":
            case "sendonly":
            case "recvonly":
            case "inactive":
                requireFlag(name, value);
                once("direction");
                builder.direction(Direction.fromAttributeName(name));
                break;
            default:
                builder.addAttribute(new Attribute(name, value));
        }
    }

    /** RFC 5888 §5: {@code group:<semantics> *(SP <identification-tag>)}. */
    private static Group group(@Nullable String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(requireValue("group", value));
        if (fields.isEmpty()) {
            throw new SdpParseException("group: empty (expected: semantics mid..., such as BUNDLE 0 1)");
        }
        for (String field : fields) {
            LineParser.checkToken(field, "group");
        }
        if (new HashSet<>(fields.subList(1, fields.size())).size() != fields.size() - 1) {
            throw new SdpParseException("group: a mid appears twice (expected: each once)");
        }
        return new Group(fields.get(0), fields.subList(1, fields.size()));
    }

    /** Chromium's {@code msid-semantic: WMS [stream ids]} (draft-ietf-mmusic-msid). */
    private static MsidSemantic msidSemantic(@Nullable String value) throws SdpParseException {
        final List<String> fields = Tokens.fields(requireValue("msid-semantic", value));
        if (fields.isEmpty()) {
            throw new SdpParseException("msid-semantic: empty (expected: a semantic such as WMS)");
        }
        LineParser.checkToken(fields.get(0), "msid-semantic");
        return new MsidSemantic(fields.get(0), fields.subList(1, fields.size()));
    }

    private void once(String name) throws SdpParseException {
        if (!seen.add(name)) {
            throw new SdpParseException(name + ": appears twice at session level (expected: once)");
        }
    }
}
