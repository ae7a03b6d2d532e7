package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

/** A {@code b=<bwtype>:<bandwidth>} line (RFC 8866 §5.8), such as {@code b=AS:300} or {@code b=TIAS:300000}. */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        Tokens.checkToken(requireNonNull(type, "type"), "type");
        if (type.indexOf(':') >= 0) {
            throw new IllegalArgumentException("type: " + type + " (expected: no ':')");
        }
        Tokens.checkRange(value, 0, Long.MAX_VALUE, "value");
    }

    public String toSdpValue() {
        return type + ':' + value;
    }
}
