package dev.remotemedia.rtc.rtp.video;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.List;

/**
 * The receiving half of a video payload format: looks at single payloads and turns the payloads
 * of one frame back into the codec's bitstream. Stateless, so one instance serves any number of
 * streams; {@link FrameAssembler} drives it.
 *
 * <p>Payloads are hostile input: every method returns an error result on malformed data and never
 * throws on it, and nothing allocates more than {@code maxFrameSize} bytes for a frame.
 */
public interface VideoDepacketizer {

    /** Reads what the payload says about its frame; an error if the payload is malformed. */
    ParseResult<PayloadInfo> inspect(ByteView payload);

    /**
     * Returns the frame carried by {@code payloads}, the payloads of one frame's packets in
     * sequence number order, as the decoder takes it; an error if a payload is malformed, the
     * payloads do not form a whole frame, or the frame would exceed {@code maxFrameSize} bytes.
     */
    ParseResult<byte[]> assemble(List<ByteView> payloads, int maxFrameSize);
}
