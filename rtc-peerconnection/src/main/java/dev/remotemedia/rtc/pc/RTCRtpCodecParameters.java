package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

/** W3C {@code RTCRtpCodecParameters} (§5.2.4): the codec an m-line negotiated. */
public record RTCRtpCodecParameters(int payloadType, String mimeType, int clockRate, int channels,
                                    String sdpFmtpLine) {
    public RTCRtpCodecParameters {
        requireNonNull(mimeType, "mimeType");
        requireNonNull(sdpFmtpLine, "sdpFmtpLine");
    }
}
