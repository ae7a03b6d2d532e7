package dev.remotemedia.transport;

import static java.util.Objects.requireNonNull;

/**
 * A STUN server, written as an RFC 7064 URI: {@code stun:host[:port]} or {@code stuns:host[:port]}
 * (an IPv6 host in brackets). The port defaults to 3478, or 5349 for {@code stuns}.
 */
public record StunServer(boolean secure, String host, int port) {

    public StunServer {
        requireNonNull(host, "host");
    }

    /** Parses a STUN URI; returns {@code null} on any syntax error. */
    static StunServer parseOrNull(String text) {
        final boolean secure;
        final String rest;
        // Schemes are case-insensitive (RFC 3986 §3.1).
        final String lower = text.substring(0, Math.min(6, text.length())).toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("stun:")) {
            secure = false;
            rest = text.substring(5);
        } else if (lower.startsWith("stuns:")) {
            secure = true;
            rest = text.substring(6);
        } else {
            return null;
        }
        final int defaultPort = secure ? 5349 : 3478;
        final boolean hasPort = rest.startsWith("[") ? rest.indexOf("]:") > 0 : rest.indexOf(':') >= 0;
        if (hasPort) {
            final HostPort hostPort = HostPort.parseOrNull(rest);
            return hostPort == null ? null : new StunServer(secure, hostPort.host(), hostPort.port());
        }
        final String host = rest.startsWith("[") && rest.endsWith("]")
                ? rest.substring(1, rest.length() - 1) : rest;
        final boolean validHost = rest.startsWith("[")
                ? ConfigText.isIpv6Literal(host)
                : ConfigText.isHostName(host) || ConfigText.isIpv4Literal(host);
        return validHost ? new StunServer(secure, host, defaultPort) : null;
    }

    /** The URI form, as accepted by {@code WEBRTC_STUN_SERVERS} and by browsers' {@code iceServers}. */
    @Override
    public String toString() {
        return (secure ? "stuns:" : "stun:") + new HostPort(host, port);
    }
}
