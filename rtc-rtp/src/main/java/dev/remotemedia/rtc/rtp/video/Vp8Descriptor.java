package dev.remotemedia.rtc.rtp.video;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * The VP8 payload descriptor, <a href="https://www.rfc-editor.org/rfc/rfc7741#section-4.2">RFC 7741
 * §4.2</a>, at the start of every VP8 RTP payload.
 *
 * <pre>{@code
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 *      |   PictureID   | (M = 1: 15-bit PictureID)
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Absent optional fields are {@code -1}. The reserved bits are written as zero and ignored when
 * read (§4.2).
 *
 * @param nonReference the N bit: the frame is not used as a reference
 * @param startOfPartition the S bit
 * @param partitionIndex PID, {@code 0..7}
 * @param pictureId {@code 0..32767}, or {@code -1} if I = 0
 * @param longPictureId the M bit: the PictureID takes 15 bits, not 7
 * @param tl0PicIdx {@code 0..255}, or {@code -1} if L = 0
 * @param temporalId TID {@code 0..3}, or {@code -1} if T = 0
 * @param layerSync the Y bit (meaningful with a TID)
 * @param keyIndex KEYIDX {@code 0..31}, or {@code -1} if K = 0
 */
public record Vp8Descriptor(boolean nonReference, boolean startOfPartition, int partitionIndex, int pictureId,
                            boolean longPictureId, int tl0PicIdx, int temporalId, boolean layerSync,
                            int keyIndex) {

    private static final String NAME = "VP8 payload descriptor: ";

    public Vp8Descriptor {
        Checks.checkRange("partitionIndex", partitionIndex, 0, 7);
        Checks.checkRange("pictureId", pictureId, -1, longPictureId ? 0x7FFF : 0x7F);
        Checks.checkRange("tl0PicIdx", tl0PicIdx, -1, 255);
        Checks.checkRange("temporalId", temporalId, -1, 3);
        Checks.checkRange("keyIndex", keyIndex, -1, 31);
        if (pictureId < 0 && longPictureId) {
            throw new IllegalArgumentException("longPictureId: true with no pictureId (expected: false)");
        }
        if (temporalId < 0 && layerSync) {
            throw new IllegalArgumentException("layerSync: true with no temporalId (expected: false)");
        }
    }

    /** Returns a descriptor with only the mandatory byte: S, PID 0, no extensions. */
    public static Vp8Descriptor of(boolean startOfPartition) {
        return new Vp8Descriptor(false, startOfPartition, 0, -1, false, -1, -1, false, -1);
    }

    /** Parses the descriptor at the start of {@code payload}. */
    public static ParseResult<Vp8Descriptor> parse(ByteView payload) {
        final byte[] buf = payload.array();
        final int off = payload.arrayOffset();
        final int len = payload.length();
        if (len == 0) {
            return ParseResult.error(NAME + "empty (expected: at least 1 byte)");
        }
        final int first = buf[off] & 0xFF;
        int pos = 1;
        int pictureId = -1;
        boolean longPictureId = false;
        int tl0PicIdx = -1;
        int temporalId = -1;
        boolean layerSync = false;
        int keyIndex = -1;
        if ((first & 0x80) != 0) {
            if (len < 2) {
                return ParseResult.error(NAME + "X set but no extension byte (expected: >= 2 bytes)");
            }
            final int x = buf[off + 1] & 0xFF;
            pos = 2;
            if ((x & 0x80) != 0) {
                if (pos >= len) {
                    return truncated("PictureID", len);
                }
                longPictureId = (buf[off + pos] & 0x80) != 0;
                if (longPictureId) {
                    if (pos + 1 >= len) {
                        return truncated("15-bit PictureID", len);
                    }
                    pictureId = (buf[off + pos] & 0x7F) << 8 | buf[off + pos + 1] & 0xFF;
                    pos += 2;
                } else {
                    pictureId = buf[off + pos] & 0x7F;
                    pos++;
                }
            }
            if ((x & 0x40) != 0) {
                if (pos >= len) {
                    return truncated("TL0PICIDX", len);
                }
                tl0PicIdx = buf[off + pos++] & 0xFF;
            }
            if ((x & 0x30) != 0) {
                if (pos >= len) {
                    return truncated("TID/KEYIDX", len);
                }
                final int tk = buf[off + pos++] & 0xFF;
                if ((x & 0x20) != 0) {
                    temporalId = tk >>> 6;
                    layerSync = (tk & 0x20) != 0;
                }
                if ((x & 0x10) != 0) {
                    keyIndex = tk & 0x1F;
                }
            }
        }
        return ParseResult.ok(new Vp8Descriptor((first & 0x20) != 0, (first & 0x10) != 0, first & 0x07, pictureId,
                                                longPictureId, tl0PicIdx, temporalId, layerSync, keyIndex));
    }

    /**
     * Returns the size on the wire of the descriptor at the start of {@code payload}, which {@link
     * #parse} accepted: {@link #serializedSize()} but for an X bit with no extension flags set.
     */
    static int sizeOnWire(ByteView payload) {
        if ((payload.getUint8(0) & 0x80) == 0) {
            return 1;
        }
        final int x = payload.getUint8(1);
        int size = 2;
        if ((x & 0x80) != 0) {
            size += (payload.getUint8(2) & 0x80) != 0 ? 2 : 1;
        }
        return size + ((x & 0x40) != 0 ? 1 : 0) + ((x & 0x30) != 0 ? 1 : 0);
    }

    private static ParseResult<Vp8Descriptor> truncated(String field, int len) {
        return ParseResult.error(NAME + len + " bytes, too short for its " + field + " (RFC 7741 §4.2)");
    }

    /** Returns whether the packet starts a frame: S = 1 and PID = 0 (RFC 7741 §4.2). */
    public boolean startsFrame() {
        return startOfPartition && partitionIndex == 0;
    }

    /** Returns the descriptor's size on the wire. */
    public int serializedSize() {
        if (!hasExtension()) {
            return 1;
        }
        return 2 + (pictureId < 0 ? 0 : longPictureId ? 2 : 1) + (tl0PicIdx < 0 ? 0 : 1)
               + (temporalId < 0 && keyIndex < 0 ? 0 : 1);
    }

    /** Writes the descriptor at {@code buf[off]}; returns the number of bytes written. */
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        buf[off] = (byte) ((hasExtension() ? 0x80 : 0) | (nonReference ? 0x20 : 0) | (startOfPartition ? 0x10 : 0)
                           | partitionIndex);
        if (!hasExtension()) {
            return 1;
        }
        buf[off + 1] = (byte) ((pictureId >= 0 ? 0x80 : 0) | (tl0PicIdx >= 0 ? 0x40 : 0)
                               | (temporalId >= 0 ? 0x20 : 0) | (keyIndex >= 0 ? 0x10 : 0));
        int pos = off + 2;
        if (pictureId >= 0) {
            if (longPictureId) {
                buf[pos++] = (byte) (0x80 | pictureId >>> 8);
            }
            buf[pos++] = (byte) (pictureId & (longPictureId ? 0xFF : 0x7F));
        }
        if (tl0PicIdx >= 0) {
            buf[pos++] = (byte) tl0PicIdx;
        }
        if (temporalId >= 0 || keyIndex >= 0) {
            buf[pos] = (byte) ((temporalId >= 0 ? temporalId << 6 : 0) | (layerSync ? 0x20 : 0)
                               | (keyIndex >= 0 ? keyIndex : 0));
        }
        return size;
    }

    private boolean hasExtension() {
        return pictureId >= 0 || tl0PicIdx >= 0 || temporalId >= 0 || keyIndex >= 0;
    }
}
