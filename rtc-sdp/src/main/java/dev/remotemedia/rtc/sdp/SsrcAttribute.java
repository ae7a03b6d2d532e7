package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1), such as
 * {@code a=ssrc:1731468558 cname:2e/ZvCR6NW3kjzdZ}.
 */
public record SsrcAttribute(long ssrc, String attribute, @Nullable String value) {
    /** RFC 5576 §6.1 {@code cname}, the one source attribute every SSRC carries. */
    public static final String CNAME = "cname";

    public SsrcAttribute {
        Tokens.checkRange(ssrc, 0, 0xFFFF_FFFFL, "ssrc");
        Tokens.checkToken(requireNonNull(attribute, "attribute"), "attribute");
        if (attribute.indexOf(':') >= 0) {
            throw new IllegalArgumentException("attribute: " + Tokens.abbreviate(attribute) + " (expected: no ':')");
        }
        if (value != null) {
            Tokens.checkText(value, "value");
        }
    }

    public String toSdpValue() {
        return value == null ? ssrc + " " + attribute : ssrc + " " + attribute + ':' + value;
    }
}
