package dev.remotemedia.rtc.rtp.video;

import java.util.List;

/**
 * The sending half of a video payload format: splits one encoded frame into RTP payloads. The
 * caller puts each payload in an RTP packet with consecutive sequence numbers and the frame's
 * timestamp, and sets the marker bit on the last one. Packetizers that number pictures (VP8,
 * VP9) keep that count, so use one instance per stream.
 */
public interface VideoPacketizer {

    /**
     * Returns the payloads of {@code frame}, each at most {@code maxPayloadSize} bytes.
     *
     * @throws IllegalArgumentException if the frame is empty or not in the codec's format, or
     *     {@code maxPayloadSize} is too small for the format's headers; the frame comes from our
     *     own encoder, so that is a bug, not bad input
     */
    List<byte[]> packetize(byte[] frame, int maxPayloadSize);
}
