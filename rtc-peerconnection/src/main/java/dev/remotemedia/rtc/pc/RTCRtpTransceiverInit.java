package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * W3C {@code RTCRtpTransceiverInit} (§5.1): the direction of a new transceiver and the ids of the
 * streams its track belongs to ({@code a=msid}).
 */
public record RTCRtpTransceiverInit(RTCRtpTransceiverDirection direction, List<String> streamIds) {
    /** {@code sendrecv}, no streams. */
    public static final RTCRtpTransceiverInit DEFAULT = new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.SENDRECV,
                                                                                  List.of());

    public RTCRtpTransceiverInit {
        requireNonNull(direction, "direction");
        if (direction == RTCRtpTransceiverDirection.STOPPED) {
            throw new TypeError("direction: stopped (expected: sendrecv, sendonly, recvonly "
                                               + "or inactive)");
        }
        streamIds = List.copyOf(streamIds);
    }

    public static RTCRtpTransceiverInit of(RTCRtpTransceiverDirection direction, String... streamIds) {
        return new RTCRtpTransceiverInit(direction, List.of(streamIds));
    }
}
