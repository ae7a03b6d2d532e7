package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

/**
 * One {@code <name> <value>} pair after a candidate's type (RFC 8839 §5.1 {@code cand-extension}),
 * such as Chromium's {@code generation 0}, {@code ufrag O/+d}, {@code network-id 1} or
 * {@code network-cost 999}.
 */
public record CandidateExtension(String name, String value) {
    public CandidateExtension {
        // RFC 8839 §5.1: extension-att-name = token, extension-att-value = *VCHAR.
        Tokens.checkToken(requireNonNull(name, "name"), "name");
        Tokens.checkWord(requireNonNull(value, "value"), "value");
    }
}
