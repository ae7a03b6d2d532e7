package dev.remotemedia.codec.internal;

/**
 * Reads the structure of Opus packets (RFC 6716 §3): the TOC byte, the frame packing codes 0–3 and
 * the validity rules R1–R7 of §3.4, without decoding. Both implementations check a packet here first,
 * so that a malformed one is reported the same way whichever library would decode it.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * | config  |s| c |   TOC byte, RFC 6716 §3.1
 * +-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class OpusPackets {
    private OpusPackets() {}

    /** Frame data longer than this in one frame is invalid (R2). */
    static final int MAX_FRAME_BYTES = 1275;
    /** The longest packet duration: 120 ms at 48 kHz (R5). */
    static final int MAX_PACKET_SAMPLES = 5_760;

    /** A result of {@link #samplesPerChannel} for a malformed packet. */
    public static final int INVALID = -1;

    /** The samples per channel at 48 kHz of one frame with this TOC (RFC 6716 §3.1, Table 2). */
    public static int frameSamples(int toc) {
        final int config = (toc >> 3) & 0x1f;
        return sizes(config)[config < 12 || config >= 16 ? config & 3 : config & 1];
    }

    /** Whether this TOC is a SILK-only or hybrid packet: only those can carry in-band FEC. */
    static boolean hasSilkLayer(int toc) {
        return ((toc >> 3) & 0x1f) < 16;
    }

    static boolean isStereo(int toc) {
        return (toc & 0x04) != 0;
    }

    /**
     * Checks a packet against RFC 6716 §3.4 and returns its duration in samples per channel, or
     * {@link #INVALID}.
     */
    public static int samplesPerChannel(byte[] packet, int off, int len) {
        final int frames = frameCount(packet, off, len);
        return frames < 0 ? INVALID : frames * frameSamples(packet[off] & 0xff);
    }

    /** Returns the number of frames in a valid packet, or {@link #INVALID}; see §3.2 and §3.4. */
    static int frameCount(byte[] packet, int off, int len) {
        if (len < 1) { // R1
            return INVALID;
        }
        final int toc = packet[off] & 0xff;
        final int payload = len - 1;
        switch (toc & 3) {
            case 0: // one frame (§3.2.2)
                return payload <= MAX_FRAME_BYTES ? 1 : INVALID;
            case 1: // two frames of equal size (§3.2.3)
                return payload % 2 == 0 && payload / 2 <= MAX_FRAME_BYTES ? 2 : INVALID;
            case 2: { // two frames of different sizes (§3.2.4)
                final int firstLengthBytes = lengthBytes(packet, off + 1, payload);
                if (firstLengthBytes < 0) {
                    return INVALID;
                }
                final int first = lengthValue(packet, off + 1);
                final int second = payload - firstLengthBytes - first;
                return first <= MAX_FRAME_BYTES && second >= 0 && second <= MAX_FRAME_BYTES ? 2 : INVALID;
            }
            default:
                return code3FrameCount(packet, off, len, toc);
        }
    }

    // Code 3: a frame count byte |v|p|  M  |, optional padding, then CBR or VBR frames (§3.2.5).
    private static int code3FrameCount(byte[] packet, int off, int len, int toc) {
        if (len < 2) { // R6/R7
            return INVALID;
        }
        final int countByte = packet[off + 1] & 0xff;
        final boolean vbr = (countByte & 0x80) != 0;
        final boolean padded = (countByte & 0x40) != 0;
        final int frames = countByte & 0x3f;
        if (frames == 0 || frames * frameSamples(toc) > MAX_PACKET_SAMPLES) { // R5
            return INVALID;
        }
        int pos = off + 2;
        final int end = off + len;
        int padding = 0;
        if (padded) {
            while (true) {
                if (pos >= end) {
                    return INVALID;
                }
                final int b = packet[pos++] & 0xff;
                padding += b == 255 ? 254 : b;
                if (b != 255) {
                    break;
                }
            }
        }
        int remaining = end - pos - padding;
        if (remaining < 0) {
            return INVALID;
        }
        if (!vbr) { // R6
            return remaining % frames == 0 && remaining / frames <= MAX_FRAME_BYTES ? frames : INVALID;
        }
        for (int i = 0; i < frames - 1; i++) { // R7
            final int n = lengthBytes(packet, pos, end - pos);
            if (n < 0) {
                return INVALID;
            }
            final int frameLength = lengthValue(packet, pos);
            pos += n;
            remaining -= n + frameLength;
            if (frameLength > MAX_FRAME_BYTES || remaining < 0) {
                return INVALID;
            }
        }
        return remaining <= MAX_FRAME_BYTES ? frames : INVALID;
    }

    // A frame length is one byte (0..251) or two (252..255, then a byte × 4) (§3.2.1).
    private static int lengthBytes(byte[] packet, int pos, int available) {
        if (available < 1) {
            return INVALID;
        }
        if ((packet[pos] & 0xff) < 252) {
            return 1;
        }
        return available < 2 ? INVALID : 2;
    }

    private static int lengthValue(byte[] packet, int pos) {
        final int b0 = packet[pos] & 0xff;
        return b0 < 252 ? b0 : (packet[pos + 1] & 0xff) * 4 + b0;
    }

    /**
     * Whether a valid packet carries in-band FEC (LBRR) for the frame before it, in its mid (or mono)
     * channel. The first symbols of the SILK layer are equiprobable flags, so they are the first bits
     * of the first frame: per channel, one VAD flag per 20 ms SILK frame, then the LBRR flag (RFC 6716
     * §4.2.3).
     */
    public static boolean hasFec(byte[] packet, int off, int len) {
        final int toc = packet[off] & 0xff;
        if (!hasSilkLayer(toc)) {
            return false;
        }
        final int firstOffset = firstFrameOffset(packet, off, len);
        if (firstOffset < 0 || firstOffset >= off + len) {
            return false; // an empty first frame: DTX, nothing coded
        }
        final int first = packet[firstOffset] & 0xff;
        // The mid (or mono) channel's flag: in stereo the side channel follows with its own VAD and
        // LBRR flags, but without the mid's LBRR a decoder conceals the frame anyway.
        final int silkFrames = Math.max(1, frameSamples(toc) / 960);
        return ((first >> (7 - silkFrames)) & 1) != 0;
    }

    // Where the first frame's data starts, for a packet that passed frameCount; -1 if it is empty.
    private static int firstFrameOffset(byte[] packet, int off, int len) {
        final int toc = packet[off] & 0xff;
        switch (toc & 3) {
            case 0:
            case 1:
                return off + 1;
            case 2:
                return lengthValue(packet, off + 1) == 0 ? -1 : off + 1 + lengthBytes(packet, off + 1, len - 1);
            default: {
                final int countByte = packet[off + 1] & 0xff;
                int pos = off + 2;
                if ((countByte & 0x40) != 0) {
                    while ((packet[pos++] & 0xff) == 255) {
                        // padding length bytes
                    }
                }
                if ((countByte & 0x80) != 0 && (countByte & 0x3f) > 1) {
                    if (lengthValue(packet, pos) == 0) {
                        return -1;
                    }
                    final int frames = countByte & 0x3f;
                    for (int i = 0; i < frames - 1; i++) {
                        pos += lengthBytes(packet, pos, off + len - pos);
                    }
                }
                return pos;
            }
        }
    }

    /**
     * Builds a packet of {@code frameSamples} with empty frames, which a decoder conceals (a frame of
     * 0 or 1 bytes is a lost frame, RFC 6716 §3.2.1 and §4.4): the way to ask a decoder behind an API
     * that has no "lost packet" call for loss concealment. Keeps the mode and bandwidth of {@code
     * lastToc} when that mode has a frame size that divides {@code frameSamples}.
     *
     * @param lastToc the TOC of the last packet decoded, or -1 before the first
     * @return the packet's length written to {@code out} (1 or 2 bytes)
     */
    public static int lossPacket(int lastToc, int frameSamples, byte[] out) {
        int config = lastToc < 0 ? 28 : (lastToc >> 3) & 0x1f;
        final int stereo = lastToc < 0 ? 0 : lastToc & 0x04;
        int size = largestDividingFrame(config, frameSamples);
        if (size < 0) {
            config = 28; // CELT fullband has 2.5 ms frames, which divide any allowed duration
            size = largestDividingFrame(config, frameSamples);
        }
        final int frames = frameSamples / size;
        final int base = config < 12 || config >= 16 ? config & ~3 : config & ~1;
        final int toc = ((base + frameSizeIndex(config, size)) << 3) | stereo;
        if (frames == 1) {
            out[0] = (byte) toc;
            return 1;
        }
        out[0] = (byte) (toc | 3);
        out[1] = (byte) frames; // CBR, no padding, frames of 0 bytes each
        return 2;
    }

    // The frame sizes of each mode, in the order of the last two bits of config (Table 2).
    private static final int[] SILK_SIZES = {480, 960, 1920, 2880};
    private static final int[] HYBRID_SIZES = {480, 960};
    private static final int[] CELT_SIZES = {120, 240, 480, 960};

    private static int[] sizes(int config) {
        return config < 12 ? SILK_SIZES : config < 16 ? HYBRID_SIZES : CELT_SIZES;
    }

    private static int frameSizeIndex(int config, int size) {
        final int[] sizes = sizes(config);
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == size) {
                return i;
            }
        }
        throw new AssertionError(size);
    }

    private static int largestDividingFrame(int config, int frameSamples) {
        final int[] sizes = sizes(config);
        for (int i = sizes.length - 1; i >= 0; i--) {
            if (frameSamples % sizes[i] == 0 && frameSamples / sizes[i] <= 48) {
                return sizes[i];
            }
        }
        return -1;
    }
}
