package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Packetizes a single-layer VP9 stream in non-flexible mode (<a
 * href="https://www.rfc-editor.org/rfc/rfc9628#section-4">RFC 9628 §4</a>), as libwebrtc sends
 * one: every descriptor has a 15-bit picture ID, layer indices (TID 0, SID 0) and a TL0PICIDX that
 * counts frames; a key frame's first packet also carries the scalability structure: one spatial
 * layer with its resolution and a picture group of one picture that predicts from the previous
 * one. P comes from the frame's own header (§4.2: P = 0 on key frames).
 *
 * <p>Keeps the picture ID and TL0PICIDX, so use one instance per stream. Not thread-safe.
 */
public final class Vp9Packetizer implements VideoPacketizer {

    /** The descriptor of every packet: first byte, 15-bit picture ID, layer indices, TL0PICIDX. */
    static final int DESCRIPTOR_SIZE = 5;
    /** The smallest payload size: a key frame's first descriptor (with SS) and one byte of frame. */
    public static final int MIN_PAYLOAD_SIZE = DESCRIPTOR_SIZE + 8 + 1;

    private int pictureId;
    private int tl0PicIdx;

    /** Returns a packetizer whose first frame carries {@code initialPictureId}. */
    public Vp9Packetizer(int initialPictureId) {
        pictureId = Checks.checkRange("initialPictureId", initialPictureId, 0, 0x7FFF);
        tl0PicIdx = initialPictureId & 0xFF;
    }

    /** Returns the picture ID the next frame will carry. */
    public int nextPictureId() {
        return pictureId;
    }

    @Override
    public List<byte[]> packetize(byte[] frame, int maxPayloadSize) {
        requireNonNull(frame, "frame");
        Checks.checkRange("maxPayloadSize", maxPayloadSize, MIN_PAYLOAD_SIZE, Integer.MAX_VALUE);
        if (frame.length == 0) {
            throw new IllegalArgumentException("frame: empty (expected: a VP9 frame)");
        }
        final Vp9FrameHeader header = Vp9FrameHeader.parse(frame);
        if (header == null) {
            throw new IllegalArgumentException("frame: no VP9 uncompressed header (expected: frame_marker 2 and, "
                                               + "on a key frame, its sync code)");
        }
        final Vp9ScalabilityStructure scalability = header.keyframe() ? new Vp9ScalabilityStructure(
                1, List.of(new Vp9ScalabilityStructure.Resolution(header.width(), header.height())),
                List.of(new Vp9ScalabilityStructure.PictureGroupEntry(0, false, List.of(1)))) : null;
        final int firstDescriptor = DESCRIPTOR_SIZE + (scalability == null ? 0 : scalability.serializedSize());
        final int firstCapacity = maxPayloadSize - firstDescriptor;
        final int capacity = maxPayloadSize - DESCRIPTOR_SIZE;
        final int count = frame.length <= firstCapacity ? 1
                : 2 + (frame.length - firstCapacity - 1) / capacity;
        // Nearly equal sizes; the first packet gives up what its larger descriptor takes.
        final int firstSize = Math.min(firstCapacity, (frame.length - 1) / count + 1);
        final int rest = frame.length - firstSize;
        final List<byte[]> payloads = new ArrayList<>(count);
        int pos = 0;
        for (int k = 0; k < count; k++) {
            final int len = k == 0 ? firstSize : rest / (count - 1) + (k - 1 < rest % (count - 1) ? 1 : 0);
            final Vp9Descriptor descriptor = new Vp9Descriptor(
                    !header.keyframe(), false, k == 0, k == count - 1, false, pictureId, true, 0, false, 0, false,
                    tl0PicIdx, List.of(), k == 0 ? scalability : null);
            final byte[] payload = new byte[descriptor.serializedSize() + len];
            final int size = descriptor.serializeTo(payload, 0);
            System.arraycopy(frame, pos, payload, size, len);
            pos += len;
            payloads.add(payload);
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        tl0PicIdx = (tl0PicIdx + 1) & 0xFF;
        return payloads;
    }

    /** Returns whether VP9 frame {@code frame} is a key frame, by its uncompressed header. */
    public static boolean isKeyframe(byte[] frame) {
        final Vp9FrameHeader header = Vp9FrameHeader.parse(frame);
        return header != null && header.keyframe();
    }
}
