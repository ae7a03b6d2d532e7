package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One ICE candidate in its SDP form
 * (<a href="https://www.rfc-editor.org/rfc/rfc8839#section-5.1">RFC 8839 §5.1</a>):
 *
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP "typ" SP cand-type
 *                       [SP "raddr" SP connection-address] [SP "rport" SP port]
 *                       *(SP extension-att-name SP extension-att-value)
 * </pre>
 *
 * <p>Only what the ICE layer needs: the full SDP model lives in {@code rtc-sdp}. {@link #parse}
 * accepts the value with or without a leading {@code a=}; extensions ({@code generation},
 * {@code ufrag}, {@code network-cost}, {@code tcptype} …) are kept in order but not interpreted.
 *
 * @param transport lower case, {@code "udp"} or {@code "tcp"} in practice
 * @param type lower case: {@code host}, {@code srflx}, {@code prflx}, {@code relay} or an
 *     unknown token
 * @param relatedPort {@code -1} when there is no {@code rport}
 */
record CandidateLine(String foundation, int componentId, String transport, long priority,
                     String address, int port, String type, @Nullable String relatedAddress,
                     int relatedPort, List<Extension> extensions) {

    /** Longest line accepted; Chromium's are under 200 characters. */
    static final int MAX_LENGTH = 1024;

    /** An extension attribute, {@code name value}. */
    record Extension(String name, String value) {}

    /** What {@link #parse} returns: a candidate, or why the line is not one. */
    sealed interface Parsed {}

    record Ok(CandidateLine line) implements Parsed {}

    record Invalid(String reason) implements Parsed {}

    CandidateLine {
        requireNonNull(foundation, "foundation");
        requireNonNull(transport, "transport");
        requireNonNull(address, "address");
        requireNonNull(type, "type");
        extensions = List.copyOf(extensions);
    }

    /** Returns the value of the first extension called {@code name}, or {@code null}. */
    @Nullable String extension(String name) {
        for (Extension e : extensions) {
            if (e.name().equals(name)) {
                return e.value();
            }
        }
        return null;
    }

    /**
     * Returns the connection address as an IP address, or {@code null} when it is a host name
     * (such as a Chromium mDNS {@code .local} name). Never does a DNS lookup.
     */
    @Nullable InetAddress ipAddress() {
        return parseIpLiteral(address);
    }

    /** Returns the line as {@code candidate:...} (no {@code a=}). */
    String format() {
        StringBuilder sb = new StringBuilder(128).append("candidate:").append(foundation)
                .append(' ').append(componentId)
                .append(' ').append(transport)
                .append(' ').append(priority)
                .append(' ').append(address)
                .append(' ').append(port)
                .append(" typ ").append(type);
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort >= 0) {
            sb.append(" rport ").append(relatedPort);
        }
        for (Extension e : extensions) {
            sb.append(' ').append(e.name()).append(' ').append(e.value());
        }
        return sb.toString();
    }

    /** Parses {@code [a=]candidate:...}; malformed input gives {@link Invalid}, never an exception. */
    static Parsed parse(String line) {
        requireNonNull(line, "line");
        if (line.length() > MAX_LENGTH) {
            return new Invalid("longer than " + MAX_LENGTH + " characters");
        }
        String s = line.strip();
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (!s.regionMatches(true, 0, "candidate:", 0, "candidate:".length())) {
            return new Invalid("does not start with 'candidate:'");
        }
        String[] f = s.substring("candidate:".length()).split(" ", -1);
        for (String token : f) {
            if (token.isEmpty()) {
                return new Invalid("empty field (expected: fields separated by single spaces)");
            }
        }
        if (f.length < 8) {
            return new Invalid("has " + f.length + " fields (expected: at least 8, up to 'typ <type>')");
        }
        String foundation = f[0];
        if (foundation.length() > 32 || !isIceChars(foundation)) {
            return new Invalid("foundation '" + foundation + "' (expected: 1 to 32 ice-chars)");
        }
        long componentId = parseUnsigned(f[1], 3);
        if (componentId < 1 || componentId > 256) {
            return new Invalid("component-id '" + f[1] + "' (expected: 1..256)");
        }
        String transport = f[2].toLowerCase(Locale.ROOT);
        if (!isToken(transport)) {
            return new Invalid("transport '" + f[2] + "' (expected: a token such as UDP)");
        }
        long priority = parseUnsigned(f[3], 10);
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            return new Invalid("priority '" + f[3] + "' (expected: 0..4294967295)");
        }
        String address = f[4];
        if (!isToken(address) && parseIpLiteral(address) == null) {
            return new Invalid("connection-address '" + address + "' (expected: an IP address or a host name)");
        }
        int port = parsePort(f[5]);
        if (port < 0) {
            return new Invalid("port '" + f[5] + "' (expected: 0..65535)");
        }
        if (!f[6].equals("typ")) {
            return new Invalid("'" + f[6] + "' where 'typ' belongs");
        }
        String type = f[7].toLowerCase(Locale.ROOT);
        if (!isToken(type)) {
            return new Invalid("candidate type '" + f[7] + "' (expected: host, srflx, prflx or relay)");
        }
        String relatedAddress = null;
        int relatedPort = -1;
        List<Extension> extensions = new ArrayList<>();
        int i = 8;
        if (i + 1 < f.length && f[i].equals("raddr")) {
            relatedAddress = f[i + 1];
            if (!isToken(relatedAddress) && parseIpLiteral(relatedAddress) == null) {
                return new Invalid("raddr '" + relatedAddress + "' (expected: an IP address)");
            }
            i += 2;
        }
        if (i + 1 < f.length && f[i].equals("rport")) {
            relatedPort = parsePort(f[i + 1]);
            if (relatedPort < 0) {
                return new Invalid("rport '" + f[i + 1] + "' (expected: 0..65535)");
            }
            i += 2;
        }
        if ((f.length - i) % 2 != 0) {
            return new Invalid("extension '" + f[f.length - 1] + "' has no value");
        }
        for (; i < f.length; i += 2) {
            if (!isToken(f[i])) {
                return new Invalid("extension name '" + f[i] + "' (expected: a token)");
            }
            extensions.add(new Extension(f[i], f[i + 1]));
        }
        return new Ok(new CandidateLine(foundation, (int) componentId, transport, priority, address,
                                        port, type, relatedAddress, relatedPort, extensions));
    }

    /** Formats an address for SDP: no scope id, IPv6 in its RFC 5952 short form. */
    static String formatAddress(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            int[] groups = new int[8];
            for (int g = 0; g < 8; g++) {
                groups[g] = ((b[2 * g] & 0xff) << 8) | (b[2 * g + 1] & 0xff);
            }
            // RFC 5952 §4.2: replace the longest run (of 2 or more) of zero groups with "::".
            int bestStart = -1;
            int bestLength = 1;
            for (int g = 0; g < 8; ) {
                int run = 0;
                while (g + run < 8 && groups[g + run] == 0) {
                    run++;
                }
                if (run > bestLength) {
                    bestStart = g;
                    bestLength = run;
                }
                g += Math.max(run, 1);
            }
            StringBuilder sb = new StringBuilder(39);
            for (int g = 0; g < 8; g++) {
                if (g == bestStart) {
                    sb.append("::");
                    g += bestLength - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(groups[g]));
            }
            return sb.toString();
        }
        return address.getHostAddress();
    }

    /**
     * Parses a dotted-quad IPv4 or an IPv6 literal without any DNS lookup; returns {@code null}
     * for anything else (host names, mDNS names, garbage).
     */
    static @Nullable InetAddress parseIpLiteral(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        try {
            if (s.indexOf(':') >= 0) {
                // A string with a colon is only ever taken as an IPv6 literal: no lookup.
                if (s.indexOf('%') >= 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0
                                                                  || c == ':' || c == '.')) {
                    return null;
                }
                return InetAddress.getByName(s);
            }
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                long v = parseUnsigned(parts[i], 3);
                if (v < 0 || v > 255) {
                    return null;
                }
                bytes[i] = (byte) v;
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.1). */
    static boolean isIceChars(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                         || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A token of visible characters, as names and host names are (RFC 8866 §9). */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Returns the value of up to {@code maxDigits} decimal digits, or -1. */
    private static long parseUnsigned(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int parsePort(String s) {
        long v = parseUnsigned(s, 5);
        return v > 65535 ? -1 : (int) v;
    }
}
