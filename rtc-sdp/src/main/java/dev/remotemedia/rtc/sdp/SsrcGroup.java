package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> *(SP <ssrc-id>)} (RFC 5576 §4.2), such as
 * {@code a=ssrc-group:FID 3267079999 3596974391} pairing a video SSRC with its RTX SSRC.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public SsrcGroup {
        Tokens.checkToken(requireNonNull(semantics, "semantics"), "semantics");
        ssrcs = List.copyOf(ssrcs);
        ssrcs.forEach(ssrc -> Tokens.checkRange(ssrc, 0, 0xFFFF_FFFFL, "ssrc"));
    }

    public String toSdpValue() {
        final StringBuilder result = new StringBuilder(semantics);
        ssrcs.forEach(ssrc -> result.append(' ').append(ssrc));
        return result.toString();
    }
}
