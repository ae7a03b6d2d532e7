package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Locale;

/**
 * A parsed STUN or TURN URI: {@code stun:host[:port]}, {@code stuns:…}
 * (<a href="https://www.rfc-editor.org/rfc/rfc7064#section-3.1">RFC 7064 §3.1</a>),
 * {@code turn:host[:port][?transport=udp|tcp]}, {@code turns:…}
 * (<a href="https://www.rfc-editor.org/rfc/rfc7065#section-3.1">RFC 7065 §3.1</a>). The scheme is
 * case-insensitive; an IPv6 host is written in brackets.
 *
 * @param transport {@code "udp"}, {@code "tcp"} or {@code null} when the URI names none
 */
record IceServerUrl(Scheme scheme, String host, int port, @Nullable String transport) {

    enum Scheme {
        STUN(3478), STUNS(5349), TURN(3478), TURNS(5349);

        final int defaultPort;

        Scheme(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        boolean isTurn() {
            return this == TURN || this == TURNS;
        }
    }

    IceServerUrl {
        requireNonNull(scheme, "scheme");
        requireNonNull(host, "host");
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static IceServerUrl parse(String url) {
        requireNonNull(url, "url");
        int colon = url.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("no scheme (expected: stun:, stuns:, turn: or turns:)");
        }
        Scheme scheme;
        try {
            scheme = Scheme.valueOf(url.substring(0, colon).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scheme '" + url.substring(0, colon)
                                               + "' (expected: stun, stuns, turn or turns)");
        }
        String rest = url.substring(colon + 1);
        String transport = null;
        int query = rest.indexOf('?');
        if (query >= 0) {
            String q = rest.substring(query + 1);
            rest = rest.substring(0, query);
            if (!scheme.isTurn() || !q.toLowerCase(Locale.ROOT).startsWith("transport=")) {
                throw new IllegalArgumentException("query '?" + q + "' (expected: none, or ?transport=udp|tcp on a turn URI)");
            }
            transport = q.substring("transport=".length()).toLowerCase(Locale.ROOT);
            if (!transport.equals("udp") && !transport.equals("tcp")) {
                throw new IllegalArgumentException("transport '" + transport + "' (expected: udp or tcp)");
            }
        }
        if (rest.startsWith("//")) {
            throw new IllegalArgumentException("'//' after the scheme (expected: " + scheme.name().toLowerCase(Locale.ROOT) + ":host[:port])");
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("IPv6 host without ']'");
            }
            host = rest.substring(1, close);
            if (CandidateLine.parseIpLiteral(host) == null || host.indexOf(':') < 0) {
                throw new IllegalArgumentException("'" + host + "' in brackets is not an IPv6 address");
            }
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("'" + after + "' after the host (expected: :port)");
                }
                portText = after.substring(1);
            }
        } else {
            int portColon = rest.lastIndexOf(':');
            if (portColon >= 0 && rest.indexOf(':') != portColon) {
                throw new IllegalArgumentException("IPv6 host without brackets (expected: [host]:port)");
            }
            host = portColon >= 0 ? rest.substring(0, portColon) : rest;
            portText = portColon >= 0 ? rest.substring(portColon + 1) : null;
            if (host.isEmpty() || !host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
                throw new IllegalArgumentException("host '" + host + "' (expected: a host name or an IP address)");
            }
        }
        int port = scheme.defaultPort;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port '" + portText + "' (expected: 1..65535)");
            }
        }
        return new IceServerUrl(scheme, host, port, transport);
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? '[' + host + ']' : host;
        return scheme.name().toLowerCase(Locale.ROOT) + ':' + h + ':' + port
               + (transport != null ? "?transport=" + transport : "");
    }
}
