package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.List;

/**
 * Depacketizes VP8 (<a href="https://www.rfc-editor.org/rfc/rfc7741#section-4">RFC 7741 §4</a>): a
 * frame is the concatenation of its payloads after their descriptors. A packet starts a frame when
 * S = 1 and PID = 0, and the frame is a key frame when the P bit of the VP8 payload header, the
 * first bit of the first partition, is 0 (§4.3).
 */
public final class Vp8Depacketizer implements VideoDepacketizer {

    private static final String NAME = "VP8 payload: ";

    @Override
    public ParseResult<PayloadInfo> inspect(ByteView payload) {
        requireNonNull(payload, "payload");
        final ParseResult<Vp8Descriptor> result = Vp8Descriptor.parse(payload);
        if (result instanceof ParseResult.Error<Vp8Descriptor> error) {
            return error.cast();
        }
        final Vp8Descriptor descriptor = result.valueOrNull();
        final int size = Vp8Descriptor.sizeOnWire(payload);
        if (size >= payload.length()) {
            return ParseResult.error(NAME + "no data after the " + size + "-byte descriptor (expected: >= 1 byte)");
        }
        final boolean start = descriptor.startsFrame();
        final boolean keyframe = start && (payload.getUint8(size) & 0x01) == 0;
        return ParseResult.ok(new PayloadInfo(start, keyframe));
    }

    @Override
    public ParseResult<byte[]> assemble(List<ByteView> payloads, int maxFrameSize) {
        requireNonNull(payloads, "payloads");
        if (payloads.isEmpty()) {
            return ParseResult.error(NAME + "no payloads (expected: the packets of one frame)");
        }
        final FrameWriter out = new FrameWriter(maxFrameSize);
        for (int i = 0; i < payloads.size(); i++) {
            final ByteView payload = payloads.get(i);
            final ParseResult<Vp8Descriptor> result = Vp8Descriptor.parse(payload);
            if (result instanceof ParseResult.Error<Vp8Descriptor> error) {
                return error.cast();
            }
            final Vp8Descriptor descriptor = result.valueOrNull();
            if (i == 0 && !descriptor.startsFrame()) {
                return ParseResult.error(NAME + "first packet of the frame has S=" + (descriptor.startOfPartition() ? 1 : 0)
                                         + ", PID=" + descriptor.partitionIndex() + " (expected: S=1, PID=0)");
            }
            final int size = Vp8Descriptor.sizeOnWire(payload);
            if (size >= payload.length()) {
                return ParseResult.error(NAME + "no data after the " + size + "-byte descriptor (expected: >= 1 byte)");
            }
            if (!out.write(payload.array(), payload.arrayOffset() + size, payload.length() - size)) {
                return ParseResult.error(NAME + "frame larger than " + maxFrameSize + " bytes (the maximum frame size)");
            }
        }
        return ParseResult.ok(out.toByteArray());
    }
}
