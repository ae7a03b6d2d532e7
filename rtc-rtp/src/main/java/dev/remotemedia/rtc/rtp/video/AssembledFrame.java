package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

/**
 * A whole frame the {@link FrameAssembler} released, in decode order, as the codec's bitstream.
 *
 * @param timestamp the RTP timestamp of its packets
 * @param firstSequenceNumber the sequence number of its first packet
 * @param lastSequenceNumber the sequence number of its last packet
 * @param keyframe a decoder can start from it
 * @param data the frame, owned by the receiver of this record
 * @param receivedNanos when the last of its packets arrived, in the caller's clock
 */
public record AssembledFrame(long timestamp, int firstSequenceNumber, int lastSequenceNumber, boolean keyframe,
                             byte[] data, long receivedNanos) {

    public AssembledFrame {
        requireNonNull(data, "data");
    }
}
