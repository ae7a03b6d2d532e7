package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a session description (RFC 8866 §5, as JSEP uses it: RFC 8829 §5.8). Lines may end in
 * {@code \r\n} or {@code \n}; empty lines may only trail. Input is treated as hostile: it is
 * bounded by {@link SdpLimits}, and bad input yields a {@link ParseResult.Error} naming the
 * <em>first</em> problem and its line, never an exception.
 *
 * <p>The first three lines must be {@code v=0}, {@code o=} and {@code s=}; a {@code t=} line must
 * come before the first {@code m=}. Known attributes are validated (syntax, ranges, fingerprint
 * length for its hash, ICE credential rules, setup values, unique mids, groups that name existing
 * mids); unknown attributes and line types are kept verbatim. Each call to {@link #parse(String)}
 * works on its own state, so it may be called from any thread.
 */
public final class SdpParser {
    private final SdpLimits limits;
    private final SessionDescriptionBuilder session = SessionDescription.builder(Origin.of("0", "0"));
    private final SessionAttributeParser sessionAttributes = new SessionAttributeParser(session);
    private final List<MediaDescription> sections = new ArrayList<>();
    private @Nullable MediaDescriptionBuilder media;
    private @Nullable MediaAttributeParser mediaAttributes;
    private boolean sessionConnection;
    private boolean mediaConnection;
    private boolean timing;
    private int candidates;
    private final Set<String> mids = new HashSet<>();
    private final List<Integer> groupLineNumbers = new ArrayList<>();
    private final List<String> groupLines = new ArrayList<>();
    private int lineNumber;
    private String line = "";
    private String previousLine = "";

    private SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    /** Parses {@code sdp} within {@link SdpLimits#DEFAULT}. */
    public static ParseResult<SessionDescription> parse(String sdp) {
        return parse(sdp, SdpLimits.DEFAULT);
    }

    public static ParseResult<SessionDescription> parse(String sdp, SdpLimits limits) {
        requireNonNull(sdp, "sdp");
        requireNonNull(limits, "limits");
        if (sdp.length() > limits.maxLength()) {
            return new ParseResult.Error<>(0, "", "description: " + sdp.length() + " characters (expected: at most "
                                                  + limits.maxLength() + ")");
        }
        final SdpParser parser = new SdpParser(limits);
        try {
            return new ParseResult.Ok<>(parser.run(sdp));
        } catch (SdpParseException e) {
            return new ParseResult.Error<>(parser.lineNumber, parser.line, e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not bad input; still, hostile input must never kill the caller's event loop.
            return new ParseResult.Error<>(parser.lineNumber, parser.line, "unexpected parser failure: " + e);
        }
    }

    private SessionDescription run(String sdp) throws SdpParseException {
        int position = 0;
        while (position < sdp.length()) {
            final int newline = sdp.indexOf('\n', position);
            final int end = newline < 0 ? sdp.length() : newline;
            line = sdp.substring(position, end > position && sdp.charAt(end - 1) == '\r' ? end - 1 : end);
            position = newline < 0 ? sdp.length() : newline + 1;
            lineNumber++;
            if (lineNumber > limits.maxLines()) {
                throw new SdpParseException("description: more than " + limits.maxLines() + " lines");
            }
            if (line.isEmpty()) {
                if (onlyLineEndings(sdp, position)) {
                    lineNumber--;
                    line = previousLine;
                    break;
                }
                throw new SdpParseException("empty line (expected: <type>=<value>)");
            }
            parseLine();
            previousLine = line;
        }
        return finish();
    }

    private void parseLine() throws SdpParseException {
        if (line.length() > limits.maxLineLength()) {
            throw new SdpParseException("line: " + line.length() + " characters (expected: at most "
                                        + limits.maxLineLength() + ")");
        }
        final char type = line.charAt(0);
        if (line.length() < 2 || line.charAt(1) != '=' || type < 'a' || type > 'z') {
            throw new SdpParseException("malformed line (expected: <type>=<value> with a type a-z, RFC 8866 §5)");
        }
        if (!Tokens.isText(line)) {
            throw new SdpParseException("line contains CR or NUL (expected: text; lines end with CRLF or LF)");
        }
        final String value = line.substring(2);
        if (lineNumber <= 3) {
            parseHeader(type, value);
        } else if (type == 'm') {
            startMedia(value);
        } else if (media == null) {
            parseSessionLine(type, value);
        } else {
            parseMediaLine(type, value);
        }
    }

    /** RFC 8866 §5: {@code v=0}, then {@code o=}, then {@code s=}. */
    private void parseHeader(char type, String value) throws SdpParseException {
        final char expected = "vos".charAt(lineNumber - 1);
        if (type != expected) {
            throw new SdpParseException("expected: " + expected + "= as line " + lineNumber + " (RFC 8866 §5: v=, o=, s=)");
        }
        switch (type) {
            case 'v':
                if (!"0".equals(value)) {
                    throw new SdpParseException("v=" + Tokens.abbreviate(value) + " (expected: v=0)");
                }
                break;
            case 'o':
                session.origin(LineParser.origin(value));
                break;
            default:
                session.sessionName(value);
        }
    }

    private void parseSessionLine(char type, String value) throws SdpParseException {
        switch (type) {
            case 'v':
            case 'o':
            case 's':
                throw new SdpParseException(type + "= appears twice (expected: once, at the top)");
            case 'c':
                if (sessionConnection) {
                    throw new SdpParseException("c= appears twice at session level (expected: at most once)");
                }
                sessionConnection = true;
                session.connection(LineParser.connection(value, "c="));
                break;
            case 'b':
                session.addBandwidth(LineParser.bandwidth(value));
                break;
            case 't':
                if (timing) {
                    // Further t= lines mean nothing to WebRTC: kept verbatim, like r= and z=.
                    session.addOtherLine(new SdpLine(type, value));
                } else {
                    timing = true;
                    session.timing(LineParser.timing(value));
                }
                break;
            case 'a':
                final String name = attributeName(value);
                if ("group".equals(name)) {
                    groupLineNumbers.add(lineNumber);
                    groupLines.add(line);
                }
                sessionAttributes.parse(name, attributeValue(value));
                break;
            default:
                session.addOtherLine(new SdpLine(type, value));
        }
    }

    private void parseMediaLine(char type, String value) throws SdpParseException {
        final MediaDescriptionBuilder builder = requireNonNull(media);
        switch (type) {
            case 'c':
                if (mediaConnection) {
                    throw new SdpParseException("c= appears twice in this media section (expected: at most once)");
                }
                mediaConnection = true;
                builder.connection(LineParser.connection(value, "c="));
                break;
            case 'b':
                builder.addBandwidth(LineParser.bandwidth(value));
                break;
            case 'a':
                parseMediaAttribute(attributeName(value), attributeValue(value));
                break;
            case 'i':
            case 'k':
                builder.addOtherLine(new SdpLine(type, value));
                break;
            default:
                if ("vostrzuep".indexOf(type) >= 0) {
                    throw new SdpParseException(type + "= is not allowed in a media section (expected: before the first m=)");
                }
                builder.addOtherLine(new SdpLine(type, value));
        }
    }

    private void parseMediaAttribute(String name, @Nullable String value) throws SdpParseException {
        if ("candidate".equals(name) && ++candidates > limits.maxCandidates()) {
            throw new SdpParseException("candidate: more than " + limits.maxCandidates() + " in the description");
        }
        requireNonNull(mediaAttributes).parse(name, value);
        if ("mid".equals(name) && !mids.add(requireNonNull(value))) {
            throw new SdpParseException("mid: " + value + " appears in two media sections (expected: unique, RFC 8829 §5.8)");
        }
    }

    private void startMedia(String value) throws SdpParseException {
        if (!timing) {
            throw new SdpParseException("m= before any t= line (expected: t= at session level, RFC 8866 §5)");
        }
        if (sections.size() + (media == null ? 0 : 1) >= limits.maxMediaSections()) {
            throw new SdpParseException("m=: more than " + limits.maxMediaSections() + " media sections");
        }
        closeMedia();
        media = LineParser.media(value);
        mediaAttributes = new MediaAttributeParser(media);
        mediaConnection = false;
    }

    private void closeMedia() {
        if (media != null) {
            sections.add(media.build());
        }
    }

    private SessionDescription finish() throws SdpParseException {
        if (lineNumber == 0) {
            throw new SdpParseException("empty description (expected: v=0, o=, s=, t= lines)");
        }
        if (lineNumber < 3) {
            throw new SdpParseException("description ends after " + lineNumber
                                        + " lines (expected: v=, o=, s= and t= at least)");
        }
        if (!timing) {
            throw new SdpParseException("no t= line (expected: one at session level, RFC 8866 §5.9)");
        }
        closeMedia();
        session.media(sections);
        for (int i = 0; i < groupLines.size(); i++) {
            checkGroupMids(groupLineNumbers.get(i), groupLines.get(i));
        }
        return session.build();
    }

    /** RFC 5888 §5 (and RFC 9143 §7.1 for BUNDLE): a group names only mids of this description. */
    private void checkGroupMids(int groupLineNumber, String groupLine) throws SdpParseException {
        final List<String> fields = Tokens.fields(groupLine.substring("a=group:".length()));
        for (String mid : fields.subList(1, fields.size())) {
            if (!mids.contains(mid)) {
                lineNumber = groupLineNumber;
                line = groupLine;
                throw new SdpParseException("group: mid " + mid + " matches no media section (expected: mids of m= "
                                            + "sections, RFC 5888 §5)");
            }
        }
    }

    private static String attributeName(String value) throws SdpParseException {
        final int colon = value.indexOf(':');
        final String name = colon < 0 ? value : value.substring(0, colon);
        if (!Tokens.isToken(name)) {
            throw new SdpParseException("attribute name: '" + Tokens.abbreviate(name) + "' (expected: a=<token>[:<value>])");
        }
        return name;
    }

    private static @Nullable String attributeValue(String value) {
        final int colon = value.indexOf(':');
        return colon < 0 ? null : value.substring(colon + 1);
    }

    private static boolean onlyLineEndings(String sdp, int from) {
        for (int i = from; i < sdp.length(); i++) {
            if (sdp.charAt(i) != '\r' && sdp.charAt(i) != '\n') {
                return false;
            }
        }
        return true;
    }
}
