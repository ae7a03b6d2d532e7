package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.List;

/**
 * Depacketizes VP9 in flexible and non-flexible mode (<a
 * href="https://www.rfc-editor.org/rfc/rfc9628#section-4">RFC 9628 §4</a>): a picture is the
 * concatenation of its payloads after their descriptors, its spatial layers' frames one after the
 * other as libvpx decodes them. A packet starts a picture when B = 1 on the base spatial layer, and
 * the picture is a keyframe when that packet also has P = 0.
 */
public final class Vp9Depacketizer implements VideoDepacketizer {

    private static final String NAME = "VP9 payload: ";

    @Override
    public ParseResult<PayloadInfo> inspect(ByteView payload) {
        requireNonNull(payload, "payload");
        final ParseResult<Vp9Descriptor.Parsed> result = Vp9Descriptor.parseWithSize(payload);
        if (result instanceof ParseResult.Error<Vp9Descriptor.Parsed> error) {
            return error.cast();
        }
        final Vp9Descriptor.Parsed parsed = result.valueOrNull();
        if (parsed.size() >= payload.length()) {
            return ParseResult.error(NAME + "no data after the " + parsed.size()
                                     + "-byte descriptor (expected: >= 1 byte)");
        }
        return ParseResult.ok(new PayloadInfo(parsed.descriptor().startsPicture(),
                                              parsed.descriptor().startsKeyframe()));
    }

    @Override
    public ParseResult<byte[]> assemble(List<ByteView> payloads, int maxFrameSize) {
        requireNonNull(payloads, "payloads");
        if (payloads.isEmpty()) {
            return ParseResult.error(NAME + "no payloads (expected: the packets of one picture)");
        }
        final FrameWriter out = new FrameWriter(maxFrameSize);
        for (int i = 0; i < payloads.size(); i++) {
            final ByteView payload = payloads.get(i);
            final ParseResult<Vp9Descriptor.Parsed> result = Vp9Descriptor.parseWithSize(payload);
            if (result instanceof ParseResult.Error<Vp9Descriptor.Parsed> error) {
                return error.cast();
            }
            final Vp9Descriptor.Parsed parsed = result.valueOrNull();
            if (i == 0 && !parsed.descriptor().beginningOfFrame()) {
                return ParseResult.error(NAME + "first packet of the picture has B=0 (expected: B=1)");
            }
            final int size = parsed.size();
            if (size >= payload.length()) {
                return ParseResult.error(NAME + "no data after the " + size + "-byte descriptor (expected: >= 1 byte)");
            }
            if (!out.write(payload.array(), payload.arrayOffset() + size, payload.length() - size)) {
                return ParseResult.error(NAME + "picture larger than " + maxFrameSize + " bytes (the maximum frame size)");
            }
        }
        return ParseResult.ok(out.toByteArray());
    }
}
