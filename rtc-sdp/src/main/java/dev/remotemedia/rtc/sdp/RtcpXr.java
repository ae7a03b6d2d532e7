package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * {@code a=rtcp-xr[:<xr-format> *(SP <xr-format>)]} (RFC 3611 §5.1): the RTCP extended report
 * blocks a peer wants; Chromium offers {@code rcvr-rtt=all} for receiver RTT estimates.
 */
public record RtcpXr(List<String> formats) {
    public RtcpXr {
        formats = List.copyOf(formats);
        formats.forEach(format -> Tokens.checkWord(format, "format"));
    }

    /** The text after {@code a=rtcp-xr:}, or {@code null} when the attribute carries no formats. */
    public @Nullable String toSdpValue() {
        return formats.isEmpty() ? null : String.join(" ", formats);
    }
}
