package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * An attribute this module does not model (RFC 8866 §5.13): {@code a=name} (a flag, value
 * {@code null}) or {@code a=name:value} (value may be empty). Kept verbatim, in order.
 */
public record Attribute(String name, @Nullable String value) {
    public Attribute {
        requireNonNull(name, "name");
        Tokens.checkToken(name, "name");
        if (value != null) {
            Tokens.checkText(value, "value");
        }
    }

    /** {@code a=name}. */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** {@code a=name:value}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, requireNonNull(value, "value"));
    }

    /** The text after {@code a=}. */
    public String toSdpValue() {
        return value == null ? name : name + ':' + value;
    }
}
