package dev.remotemedia.transport;

import static java.util.Objects.requireNonNull;

/**
 * A host (name, IPv4 literal, or IPv6 literal without brackets) and a port, written
 * {@code host:port} or {@code [v6]:port}.
 */
public record HostPort(String host, int port) {

    public HostPort {
        requireNonNull(host, "host");
    }

    /** Parses {@code host:port} or {@code [v6]:port}; returns {@code null} on any syntax error. */
    static HostPort parseOrNull(String text) {
        final String host;
        final String port;
        if (text.startsWith("[")) {
            final int close = text.indexOf(']');
            if (close < 2 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return null;
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!ConfigText.isIpv6Literal(host)) {
                return null;
            }
        } else {
            final int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                return null;
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (!ConfigText.isHostName(host) && !ConfigText.isIpv4Literal(host)) {
                return null;
            }
        }
        final Integer portNumber = ConfigText.parseIntOrNull(port);
        return portNumber == null ? null : new HostPort(host, portNumber);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? '[' + host + "]:" + port : host + ':' + port;
    }
}
