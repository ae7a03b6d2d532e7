package dev.remotemedia.transport;

import static java.util.Objects.requireNonNull;

/**
 * A TURN server with its long-term credentials, written
 * {@code turn:host:port:username:credential} (or {@code turns:} for TURN over TLS; an IPv6 host in
 * brackets).
 *
 * <p>How to write awkward characters: the username and the credential are percent-decoded, so a
 * {@code :} is written {@code %3A}, a {@code ,} (the list separator) {@code %2C} and a {@code %}
 * {@code %25}. Because the credential is everything after the fourth {@code :}, a credential may
 * also contain a plain {@code :}: {@code turn:turn.example.com:3478:alice:pa:ss} has the
 * credential {@code pa:ss}. A TURN REST username such as {@code 1700000000:alice} must be written
 * {@code 1700000000%3Aalice}.
 */
public record TurnServer(boolean secure, String host, int port, String username, String credential) {

    public TurnServer {
        requireNonNull(host, "host");
        requireNonNull(username, "username");
        requireNonNull(credential, "credential");
    }

    /** Parses the {@code turn:} form; returns {@code null} on any syntax error. */
    static TurnServer parseOrNull(String text) {
        final boolean secure;
        String rest;
        // Schemes are case-insensitive (RFC 3986 §3.1).
        final String lower = text.substring(0, Math.min(6, text.length())).toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("turn:")) {
            secure = false;
            rest = text.substring(5);
        } else if (lower.startsWith("turns:")) {
            secure = true;
            rest = text.substring(6);
        } else {
            return null;
        }
        final int hostPortEnd;
        if (rest.startsWith("[")) {
            final int close = rest.indexOf("]:");
            hostPortEnd = close < 0 ? -1 : rest.indexOf(':', close + 2);
        } else {
            final int firstColon = rest.indexOf(':');
            hostPortEnd = firstColon < 0 ? -1 : rest.indexOf(':', firstColon + 1);
        }
        if (hostPortEnd < 0) {
            return null;
        }
        final HostPort hostPort = HostPort.parseOrNull(rest.substring(0, hostPortEnd));
        rest = rest.substring(hostPortEnd + 1);
        final int userEnd = rest.indexOf(':');
        if (hostPort == null || userEnd < 0) {
            return null;
        }
        final String username = ConfigText.percentDecodeOrNull(rest.substring(0, userEnd));
        final String credential = ConfigText.percentDecodeOrNull(rest.substring(userEnd + 1));
        if (username == null || credential == null) {
            return null;
        }
        return new TurnServer(secure, hostPort.host(), hostPort.port(), username, credential);
    }

    /** The URI form with the credential shown, escaped so that it parses back to this value. */
    public String toConfigString() {
        return (secure ? "turns:" : "turn:") + new HostPort(host, port) + ':'
               + ConfigText.percentEncode(username, true) + ':' + ConfigText.percentEncode(credential, false);
    }

    /** Never shows the credential: configs end up in logs. */
    @Override
    public String toString() {
        return (secure ? "turns:" : "turn:") + new HostPort(host, port) + ':'
               + ConfigText.percentEncode(username, true) + ":***";
    }
}
