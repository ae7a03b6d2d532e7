package dev.remotemedia.transport;

import dev.remotemedia.rtc.common.Nullable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Strict, allocation-light parsing helpers for configuration text. Never resolves names. */
final class ConfigText {
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,10}");

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,512}");
    private static final Pattern DECIMAL_FRACTION = Pattern.compile("\\d{1,6}(?:\\.\\d{1,6})?");
    private static final Pattern ORIGIN = Pattern.compile(
            "(?i)(https?)://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?/?");

    private ConfigText() {}

    /** A shared secret: printable ASCII without spaces, so it survives headers and JSON unchanged. */
    static boolean isToken(String text) {
        return TOKEN.matcher(text).matches();
    }

    /** A plain decimal such as {@code 2} or {@code 1.5}; no sign, exponent or more than 6 fraction digits. */
    static @Nullable Double parseDecimalOrNull(String text) {
        return DECIMAL_FRACTION.matcher(text).matches() ? Double.valueOf(text) : null;
    }

    /** The shortest text that parses back to {@code value}: {@code 2}, {@code 1.5}. */
    static String formatDecimal(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * An origin as browsers send it (RFC 6454 §6.2): lower-case scheme and host, the port only
     * when it is not the scheme's default. {@code *} stays {@code *}; anything else is {@code null}.
     */
    static @Nullable String normalizeOriginOrNull(String text) {
        if ("*".equals(text)) {
            return text;
        }
        final java.util.regex.Matcher m = ORIGIN.matcher(text);
        if (!m.matches()) {
            return null;
        }
        final String scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
        final String host = m.group(2).toLowerCase(java.util.Locale.ROOT);
        final boolean bracketed = host.startsWith("[");
        if (bracketed ? parseIpLiteralOrNull(host.substring(1, host.length() - 1)) == null
                      : !isHostName(host) && !isIpv4Literal(host)) {
            return null;
        }
        if (m.group(3) == null) {
            return scheme + "://" + host;
        }
        final int port = Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            return null;
        }
        final int defaultPort = "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + host + (port == defaultPort ? "" : ":" + port);
    }

    static @Nullable Integer parseIntOrNull(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return null;
        }
        final long value = Long.parseLong(text);
        return value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? null : (int) value;
    }

    static @Nullable Boolean parseBooleanOrNull(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return Boolean.TRUE;
            case "false": case "no": case "off": case "0":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    static boolean isHostName(String text) {
        return HOST_NAME.matcher(text).matches() && !text.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    static boolean isIpv4Literal(String text) {
        return IPV4.matcher(text).matches();
    }

    /**
     * Checks IPv6 literal syntax (RFC 4291 §2.2) without touching DNS: eight groups, or fewer
     * with one {@code ::}, optionally ending in an embedded IPv4 address.
     */
    static boolean isIpv6Literal(String text) {
        if (!IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        String body = text;
        int groupsNeeded = 8;
        final int lastColon = body.lastIndexOf(':');
        if (lastColon >= 0 && body.indexOf('.', lastColon) > 0) {
            if (!isIpv4Literal(body.substring(lastColon + 1))) {
                return false;
            }
            body = body.substring(0, lastColon + 1) + "0";
            groupsNeeded = 7;
        } else if (body.indexOf('.') >= 0) {
            return false;
        }
        final int doubleColon = body.indexOf("::");
        if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon < 0) {
            return countGroups(body) == groupsNeeded;
        }
        final String head = body.substring(0, doubleColon);
        final String tail = body.substring(doubleColon + 2);
        final int headGroups = head.isEmpty() ? 0 : countGroups(head);
        final int tailGroups = tail.isEmpty() ? 0 : countGroups(tail);
        return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups < groupsNeeded;
    }

    /** Returns the number of 1–4 hex digit groups separated by single colons, or -1 if malformed. */
    private static int countGroups(String text) {
        final String[] groups = text.split(":", -1);
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4 || group.indexOf('.') >= 0) {
                return -1;
            }
        }
        return groups.length;
    }

    /** Decodes {@code %XX} escapes as UTF-8; returns {@code null} on a broken escape or bad UTF-8. */
    static @Nullable String percentDecodeOrNull(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            if (i + 2 >= bytes.length) {
                return null;
            }
            final int hi = Character.digit(bytes[i + 1], 16);
            final int lo = Character.digit(bytes[i + 2], 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                                         .onMalformedInput(CodingErrorAction.REPORT)
                                         .onUnmappableCharacter(CodingErrorAction.REPORT)
                                         .decode(ByteBuffer.wrap(out.toByteArray()))
                                         .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Parses an IPv4 or IPv6 literal into its 4 or 16 bytes without any name lookup; returns
     * {@code null} for anything else (RFC 4291 §2.2 text forms, no zone index).
     */
    static byte @Nullable [] parseIpLiteralOrNull(String text) {
        if (isIpv4Literal(text)) {
            final String[] parts = text.split("\\.");
            final byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }
        if (!isIpv6Literal(text)) {
            return null;
        }
        String body = text;
        final byte[] bytes = new byte[16];
        int tailLimit = 16;
        final int lastColon = body.lastIndexOf(':');
        if (body.indexOf('.', lastColon) > 0) {
            final byte[] v4 = parseIpLiteralOrNull(body.substring(lastColon + 1));
            System.arraycopy(requireNonNullBytes(v4), 0, bytes, 12, 4);
            body = body.substring(0, lastColon + 1);
            body = body.endsWith("::") ? body : body.substring(0, body.length() - 1);
            tailLimit = 12;
        }
        final int doubleColon = body.indexOf("::");
        final String head = doubleColon < 0 ? body : body.substring(0, doubleColon);
        final String tail = doubleColon < 0 ? "" : body.substring(doubleColon + 2);
        int index = 0;
        for (String group : head.isEmpty() ? new String[0] : head.split(":")) {
            putGroup(bytes, index, group);
            index += 2;
        }
        final String[] tailGroups = tail.isEmpty() ? new String[0] : tail.split(":");
        index = tailLimit - 2 * tailGroups.length;
        for (String group : tailGroups) {
            putGroup(bytes, index, group);
            index += 2;
        }
        return bytes;
    }

    private static byte[] requireNonNullBytes(byte @Nullable [] bytes) {
        if (bytes == null) {
            throw new IllegalStateException("checked by isIpv6Literal");
        }
        return bytes;
    }

    private static void putGroup(byte[] bytes, int index, String group) {
        final int value = Integer.parseInt(group, 16);
        bytes[index] = (byte) (value >>> 8);
        bytes[index + 1] = (byte) value;
    }

    /** Escapes {@code %} and {@code ,} always, and {@code :} when {@code escapeColon} is set. */
    static String percentEncode(String text, boolean escapeColon) {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '%') {
                out.append("%25");
            } else if (c == ',') {
                out.append("%2C");
            } else if (c == ':' && escapeColon) {
                out.append("%3A");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
