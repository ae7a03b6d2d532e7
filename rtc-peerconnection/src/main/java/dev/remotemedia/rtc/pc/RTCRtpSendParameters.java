package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * W3C {@code RTCRtpSendParameters} (§5.2.1): what {@link RTCRtpSender#getParameters()} returns and
 * {@link RTCRtpSender#setParameters} takes back, changed, with the same {@code transactionId}.
 * Audio senders have one encoding; the codecs are read-only.
 */
public record RTCRtpSendParameters(String transactionId, List<RTCRtpEncodingParameters> encodings,
                                   List<RTCRtpCodecParameters> codecs) {
    public RTCRtpSendParameters {
        requireNonNull(transactionId, "transactionId");
        encodings = List.copyOf(encodings);
        codecs = List.copyOf(codecs);
    }

    /** These parameters with the one encoding's bitrate ceiling set to {@code maxBitrate} bits per second. */
    public RTCRtpSendParameters withMaxBitrate(Integer maxBitrate) {
        final RTCRtpEncodingParameters encoding = encodings.isEmpty() ? new RTCRtpEncodingParameters(true, null)
                                                                      : encodings.get(0);
        return new RTCRtpSendParameters(transactionId, List.of(new RTCRtpEncodingParameters(encoding.active(), maxBitrate)),
                                        codecs);
    }

    /** These parameters with the one encoding sending or not. */
    public RTCRtpSendParameters withActive(boolean active) {
        final RTCRtpEncodingParameters encoding = encodings.isEmpty() ? new RTCRtpEncodingParameters(true, null)
                                                                      : encodings.get(0);
        return new RTCRtpSendParameters(transactionId, List.of(new RTCRtpEncodingParameters(active, encoding.maxBitrate())),
                                        codecs);
    }
}
