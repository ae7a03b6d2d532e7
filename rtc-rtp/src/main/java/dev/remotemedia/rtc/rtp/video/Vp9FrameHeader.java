package dev.remotemedia.rtc.rtp.video;

import dev.remotemedia.rtc.common.Nullable;

/**
 * The first fields of a VP9 frame's uncompressed header (VP9 bitstream specification §6.2): whether
 * it is a key frame and, for one, its size, which the packetizer puts in the scalability
 * structure.
 *
 * @param keyframe frame_type is KEY_FRAME
 * @param width the frame's width, or {@code 0} when not a key frame
 * @param height the frame's height, or {@code 0} when not a key frame
 */
record Vp9FrameHeader(boolean keyframe, int width, int height) {

    private static final int SYNC_CODE = 0x498342;
    private static final int CS_RGB = 7;

    /** Reads the header at the start of {@code frame}; {@code null} if it is not a VP9 frame header. */
    static @Nullable Vp9FrameHeader parse(byte[] frame) {
        final BitReader bits = new BitReader(frame);
        if (bits.read(2) != 2) { // frame_marker
            return null;
        }
        final int profile = bits.read(1) | bits.read(1) << 1;
        if (profile == 3) {
            bits.read(1);
        }
        if (bits.read(1) == 1) { // show_existing_frame
            return bits.overrun() ? null : new Vp9FrameHeader(false, 0, 0);
        }
        final boolean keyframe = bits.read(1) == 0;
        bits.read(2); // show_frame, error_resilient_mode
        if (!keyframe) {
            return bits.overrun() ? null : new Vp9FrameHeader(false, 0, 0);
        }
        if (bits.read(24) != SYNC_CODE) {
            return null;
        }
        if (profile >= 2) {
            bits.read(1); // ten_or_twelve_bit
        }
        if (bits.read(3) != CS_RGB) {
            bits.read(1); // color_range
            if (profile == 1 || profile == 3) {
                bits.read(3); // subsampling_x, subsampling_y, reserved_zero
            }
        } else if (profile == 1 || profile == 3) {
            bits.read(1);
        }
        final int width = bits.read(16) + 1;
        final int height = bits.read(16) + 1;
        return bits.overrun() ? null : new Vp9FrameHeader(true, width, height);
    }

    /** Reads bits most significant first; past the end it reads zeros and remembers it did. */
    private static final class BitReader {
        private final byte[] bytes;
        private long position;

        BitReader(byte[] bytes) {
            this.bytes = bytes;
        }

        int read(int count) {
            int value = 0;
            for (int i = 0; i < count; i++, position++) {
                final int index = (int) (position >>> 3);
                final int bit = index < bytes.length ? bytes[index] >>> (7 - (position & 7)) & 1 : 0;
                value = value << 1 | bit;
            }
            return value;
        }

        boolean overrun() {
            return position > 8L * bytes.length;
        }
    }
}
