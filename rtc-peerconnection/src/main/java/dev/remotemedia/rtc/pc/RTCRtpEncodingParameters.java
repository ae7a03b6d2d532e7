package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/**
 * W3C {@code RTCRtpEncodingParameters} (§5.2.1) of a sender's one encoding: whether it sends, and
 * its bitrate ceiling in bits per second ({@code null}: the track source's configured bitrate).
 */
public record RTCRtpEncodingParameters(boolean active, @Nullable Integer maxBitrate) {
    public RTCRtpEncodingParameters {
        if (maxBitrate != null && maxBitrate <= 0) {
            throw new RangeError("maxBitrate: " + maxBitrate + " (expected: > 0)");
        }
    }
}
