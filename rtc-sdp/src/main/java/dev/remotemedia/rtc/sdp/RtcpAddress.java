package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;

/**
 * {@code a=rtcp:<port> [<nettype> <addrtype> <address>]} (RFC 3605 §2.1): where RTCP goes when it
 * is not multiplexed. Chromium writes the placeholder {@code a=rtcp:9 IN IP4 0.0.0.0}.
 */
public record RtcpAddress(int port, @Nullable Connection connection) {
    public RtcpAddress {
        Tokens.checkRange(port, 0, 65535, "port");
    }

    public String toSdpValue() {
        return connection == null ? Integer.toString(port) : port + " " + connection.toSdpValue();
    }
}
