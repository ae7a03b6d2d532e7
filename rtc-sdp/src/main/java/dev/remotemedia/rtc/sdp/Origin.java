package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * The {@code o=} line (RFC 8866 §5.2): {@code o=<username> <sess-id> <sess-version> <nettype>
 * <addrtype> <unicast-address>}. Session id and version are digit strings, since peers use values
 * beyond 64 bits.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {
    public Origin {
        Tokens.checkWord(requireNonNull(username, "username"), "username");
        checkDigits(requireNonNull(sessionId, "sessionId"), "sessionId");
        checkDigits(requireNonNull(sessionVersion, "sessionVersion"), "sessionVersion");
        Tokens.checkToken(requireNonNull(netType, "netType"), "netType");
        Tokens.checkToken(requireNonNull(addrType, "addrType"), "addrType");
        Tokens.checkWord(requireNonNull(address, "address"), "address");
    }

    /** What JSEP (RFC 8829 §5.2.1) writes: {@code o=- <sessionId> <sessionVersion> IN IP4 127.0.0.1}. */
    public static Origin of(String sessionId, String sessionVersion) {
        return new Origin("-", sessionId, sessionVersion, "IN", "IP4", "127.0.0.1");
    }

    /** This origin with the session version incremented, as JSEP requires for a changed description. */
    public Origin withNextVersion() {
        final String next = new BigInteger(sessionVersion).add(BigInteger.ONE).toString();
        return new Origin(username, sessionId, next, netType, addrType, address);
    }

    /** The text after {@code o=}. */
    public String toSdpValue() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address;
    }

    private static void checkDigits(String value, String field) {
        if (!Tokens.isDigits(value) || value.length() > 64) {
            throw new IllegalArgumentException(field + ": '" + Tokens.abbreviate(value) + "' (expected: 1 to 64 digits)");
        }
    }
}
