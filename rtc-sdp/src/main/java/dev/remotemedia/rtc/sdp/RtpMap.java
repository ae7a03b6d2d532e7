package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}
 * (RFC 8866 §6.6), such as {@code a=rtpmap:111 opus/48000/2}. For audio the encoding parameter is
 * the number of channels.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, @Nullable Integer channels) {
    public RtpMap {
        Tokens.checkRange(payloadType, 0, 127, "payloadType");
        requireNonNull(encodingName, "encodingName");
        Tokens.checkToken(encodingName, "encodingName");
        if (encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("encodingName: " + encodingName + " (expected: no '/')");
        }
        Tokens.checkRange(clockRate, 1, Integer.MAX_VALUE, "clockRate");
        if (channels != null) {
            Tokens.checkRange(channels, 1, Integer.MAX_VALUE, "channels");
        }
    }

    /** The text after {@code a=rtpmap:}. */
    public String toSdpValue() {
        final String value = payloadType + " " + encodingName + '/' + clockRate;
        return channels == null ? value : value + '/' + channels;
    }
}
