package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Packetizes VP8 frames (<a href="https://www.rfc-editor.org/rfc/rfc7741#section-4">RFC 7741
 * §4</a>) into payloads of nearly equal size, each behind a descriptor with a 15-bit PictureID
 * that counts frames (§4.2), as browsers send it. The first payload has S = 1 and PID = 0; the
 * frame is not split at partition boundaries, which the format allows.
 *
 * <p>Keeps the PictureID, so use one instance per stream. Not thread-safe.
 */
public final class Vp8Packetizer implements VideoPacketizer {

    /** The descriptor this packetizer writes: X, I and a 15-bit PictureID. */
    static final int DESCRIPTOR_SIZE = 4;
    /** The smallest payload size: the descriptor and one byte of frame. */
    public static final int MIN_PAYLOAD_SIZE = DESCRIPTOR_SIZE + 1;

    private int pictureId;

    /** Returns a packetizer whose first frame carries PictureID {@code initialPictureId}. */
    public Vp8Packetizer(int initialPictureId) {
        this.pictureId = Checks.checkRange("initialPictureId", initialPictureId, 0, 0x7FFF);
    }

    /** Returns the PictureID the next frame will carry. */
    public int nextPictureId() {
        return pictureId;
    }

    @Override
    public List<byte[]> packetize(byte[] frame, int maxPayloadSize) {
        requireNonNull(frame, "frame");
        Checks.checkRange("maxPayloadSize", maxPayloadSize, MIN_PAYLOAD_SIZE, Integer.MAX_VALUE);
        if (frame.length == 0) {
            throw new IllegalArgumentException("frame: empty (expected: a VP8 frame)");
        }
        final int perPacket = maxPayloadSize - DESCRIPTOR_SIZE;
        final int count = (frame.length - 1) / perPacket + 1;
        final int base = frame.length / count;
        final int larger = frame.length % count;
        final List<byte[]> payloads = new ArrayList<>(count);
        int pos = 0;
        for (int k = 0; k < count; k++) {
            final int len = base + (k < larger ? 1 : 0);
            final Vp8Descriptor descriptor = new Vp8Descriptor(false, k == 0, 0, pictureId, true, -1, -1, false, -1);
            final byte[] payload = new byte[DESCRIPTOR_SIZE + len];
            descriptor.serializeTo(payload, 0);
            System.arraycopy(frame, pos, payload, DESCRIPTOR_SIZE, len);
            pos += len;
            payloads.add(payload);
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        return payloads;
    }

    /**
     * Returns whether VP8 frame {@code frame} is a key frame: the P bit of the frame tag is 0
     * (RFC 7741 §4.3, RFC 6386 §9.1).
     */
    public static boolean isKeyframe(byte[] frame) {
        return frame.length > 0 && (frame[0] & 0x01) == 0;
    }
}
