package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * {@code a=group:<semantics> *(SP <mid>)} (RFC 5888 §5), such as {@code a=group:BUNDLE 0 1 2}
 * (RFC 9143 §7.1), whose first mid is the offerer's BUNDLE tag.
 */
public record Group(String semantics, List<String> mids) {
    /** RFC 9143 BUNDLE semantics. */
    public static final String BUNDLE = "BUNDLE";

    public Group {
        Tokens.checkToken(requireNonNull(semantics, "semantics"), "semantics");
        mids = List.copyOf(mids);
        mids.forEach(mid -> Tokens.checkToken(mid, "mid"));
        if (Set.copyOf(mids).size() != mids.size()) {
            throw new IllegalArgumentException("mids: " + mids + " (expected: each once)");
        }
    }

    public static Group bundle(List<String> mids) {
        return new Group(BUNDLE, mids);
    }

    public boolean isBundle() {
        return BUNDLE.equals(semantics);
    }

    public String toSdpValue() {
        final StringBuilder result = new StringBuilder(semantics);
        mids.forEach(mid -> result.append(' ').append(mid));
        return result.toString();
    }
}
