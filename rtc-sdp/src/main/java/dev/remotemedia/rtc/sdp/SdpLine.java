package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

/**
 * A line this module does not model, such as {@code i=}, {@code u=}, {@code r=}, {@code k=} or a
 * type letter RFC 8866 does not define. Kept verbatim, in order within its place (see
 * {@link SessionDescription#otherLines()} and {@link MediaDescription#otherLines()}).
 */
public record SdpLine(char type, String value) {
    public SdpLine {
        requireNonNull(value, "value");
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("type: '" + type + "' (expected: a-z)");
        }
        Tokens.checkText(value, "value");
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }

    /**
     * Where a session-level line goes (RFC 8866 §5 order): 0 before {@code c=} ({@code i u e p}),
     * 1 after the first {@code t=} ({@code r z} and further {@code t=}), 2 before the attributes.
     */
    int sessionPlace() {
        switch (type) {
            case 'i':
            case 'u':
            case 'e':
            case 'p':
                return 0;
            case 't':
            case 'r':
            case 'z':
                return 1;
            default:
                return 2;
        }
    }

    /** Where a media-level line goes: 0 before {@code c=} ({@code i}), 2 before the attributes. */
    int mediaPlace() {
        return type == 'i' ? 0 : 2;
    }
}
