package dev.remotemedia.rtc.rtp.video;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The VP9 payload descriptor, <a href="https://www.rfc-editor.org/rfc/rfc9628#section-4.2">RFC 9628
 * §4.2</a>, in flexible mode (F = 1: each picture lists its references as P_DIFFs) or non-flexible
 * mode (F = 0: TL0PICIDX and a picture group given by the {@link Vp9ScalabilityStructure}).
 *
 * <pre>{@code
 * Flexible mode:                        Non-flexible mode:
 *       0 1 2 3 4 5 6 7                       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+                     +-+-+-+-+-+-+-+-+
 *      |I|P|L|F|B|E|V|Z|                     |I|P|L|F|B|E|V|Z|
 *      +-+-+-+-+-+-+-+-+                     +-+-+-+-+-+-+-+-+
 * I:   |M| PICTURE ID  |                I:   |M| PICTURE ID  |
 *      +-+-+-+-+-+-+-+-+                     +-+-+-+-+-+-+-+-+
 * M:   | EXTENDED PID  |                M:   | EXTENDED PID  |
 *      +-+-+-+-+-+-+-+-+                     +-+-+-+-+-+-+-+-+
 * L:   | TID |U| SID |D|                L:   | TID |U| SID |D|
 *      +-+-+-+-+-+-+-+-+                     +-+-+-+-+-+-+-+-+
 * P,F: | P_DIFF      |N| up to 3 times       |   TL0PICIDX   |
 *      +-+-+-+-+-+-+-+-+                     +-+-+-+-+-+-+-+-+
 * V:   | SS            |                V:   | SS            |
 *      | ..            |                     | ..            |
 *      +-+-+-+-+-+-+-+-+                     +-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Absent optional fields are {@code -1}; without layer indices (L = 0) the spatial layer is 0.
 *
 * @param interPicturePredicted P
 * @param flexible F
 * @param beginningOfFrame B: the first packet of a layer frame
 * @param endOfFrame E: the last packet of a layer frame
 * @param notUpperSpatialReference Z: not used as reference by the upper spatial layers
 * @param pictureId {@code 0..32767}, or {@code -1} if I = 0
 * @param longPictureId M: the picture ID takes 15 bits, not 7
 * @param temporalId TID {@code 0..7}, or {@code -1} if L = 0
 * @param switchingUpPoint U
 * @param spatialId SID {@code 0..7}
 * @param interLayerDependency D
 * @param tl0PicIdx {@code 0..255} in non-flexible mode with L = 1, otherwise {@code -1}
 * @param referenceDiffs the P_DIFFs of flexible mode with P = 1, 1 to 3 of {@code 1..127}
 * @param scalability the SS if V = 1, otherwise {@code null}
 */
public record Vp9Descriptor(boolean interPicturePredicted, boolean flexible, boolean beginningOfFrame,
                            boolean endOfFrame, boolean notUpperSpatialReference, int pictureId,
                            boolean longPictureId, int temporalId, boolean switchingUpPoint, int spatialId,
                            boolean interLayerDependency, int tl0PicIdx, List<Integer> referenceDiffs,
                            @Nullable Vp9ScalabilityStructure scalability) {

    private static final String NAME = "VP9 payload descriptor: ";
    private static final int MAX_REFERENCES = 3;

    public Vp9Descriptor {
        Checks.checkRange("pictureId", pictureId, -1, longPictureId ? 0x7FFF : 0x7F);
        Checks.checkRange("temporalId", temporalId, -1, 7);
        Checks.checkRange("spatialId", spatialId, 0, 7);
        Checks.checkRange("tl0PicIdx", tl0PicIdx, -1, 255);
        referenceDiffs = List.copyOf(referenceDiffs);
        referenceDiffs.forEach(diff -> Checks.checkRange("referenceDiff", diff, 1, 127));
        if (pictureId < 0 && longPictureId) {
            throw new IllegalArgumentException("longPictureId: true with no pictureId (expected: false)");
        }
        if (temporalId < 0 && (switchingUpPoint || spatialId != 0 || interLayerDependency)) {
            throw new IllegalArgumentException("layer fields set with no temporalId (expected: L=1 for U, SID, D)");
        }
        final boolean wantsTl0PicIdx = !flexible && temporalId >= 0;
        if (wantsTl0PicIdx != tl0PicIdx >= 0) {
            throw new IllegalArgumentException("tl0PicIdx: " + tl0PicIdx + " (expected: "
                                               + (wantsTl0PicIdx ? "0..255 in non-flexible mode with layer indices"
                                                                 : "-1") + ')');
        }
        final boolean wantsDiffs = flexible && interPicturePredicted;
        if (wantsDiffs ? referenceDiffs.isEmpty() || referenceDiffs.size() > MAX_REFERENCES
                       : !referenceDiffs.isEmpty()) {
            throw new IllegalArgumentException("referenceDiffs: " + referenceDiffs.size() + " (expected: "
                                               + (wantsDiffs ? "1..3 in flexible mode with P=1" : "0") + ')');
        }
    }

    /** What {@link #parse} read: the descriptor and how many bytes it took. */
    record Parsed(Vp9Descriptor descriptor, int size) {}

    /** Parses the descriptor at the start of {@code payload}. */
    public static ParseResult<Vp9Descriptor> parse(ByteView payload) {
        final ParseResult<Parsed> result = parseWithSize(payload);
        return result instanceof ParseResult.Error<Parsed> error ? error.cast()
                                                                 : ParseResult.ok(result.valueOrNull().descriptor());
    }

    static ParseResult<Parsed> parseWithSize(ByteView payload) {
        final byte[] buf = payload.array();
        final int off = payload.arrayOffset();
        final int end = off + payload.length();
        if (payload.isEmpty()) {
            return ParseResult.error(NAME + "empty (expected: at least 1 byte)");
        }
        final int first = buf[off] & 0xFF;
        final boolean predicted = (first & 0x40) != 0;
        final boolean flexible = (first & 0x10) != 0;
        int pos = off + 1;
        int pictureId = -1;
        boolean longPictureId = false;
        if ((first & 0x80) != 0) {
            if (pos >= end) {
                return truncated("picture ID", payload.length());
            }
            longPictureId = (buf[pos] & 0x80) != 0;
            if (longPictureId) {
                if (pos + 1 >= end) {
                    return truncated("15-bit picture ID", payload.length());
                }
                pictureId = (buf[pos] & 0x7F) << 8 | buf[pos + 1] & 0xFF;
                pos += 2;
            } else {
                pictureId = buf[pos++] & 0x7F;
            }
        }
        int temporalId = -1;
        boolean switchingUp = false;
        int spatialId = 0;
        boolean interLayer = false;
        int tl0PicIdx = -1;
        if ((first & 0x20) != 0) {
            if (pos >= end) {
                return truncated("layer indices", payload.length());
            }
            final int layer = buf[pos++] & 0xFF;
            temporalId = layer >>> 5;
            switchingUp = (layer & 0x10) != 0;
            spatialId = (layer >>> 1) & 0x7;
            interLayer = (layer & 0x01) != 0;
            if (!flexible) {
                if (pos >= end) {
                    return truncated("TL0PICIDX", payload.length());
                }
                tl0PicIdx = buf[pos++] & 0xFF;
            }
        }
        final List<Integer> diffs = new ArrayList<>(0);
        if (flexible && predicted) {
            boolean more = true;
            while (more) {
                if (diffs.size() == MAX_REFERENCES) {
                    return ParseResult.error(NAME + "more than " + MAX_REFERENCES
                                             + " P_DIFFs (expected: N=0 on the third, RFC 9628 §4.2)");
                }
                if (pos >= end) {
                    return truncated("P_DIFF " + (diffs.size() + 1), payload.length());
                }
                final int diff = buf[pos++] & 0xFF;
                if (diff >>> 1 == 0) {
                    return ParseResult.error(NAME + "P_DIFF 0 (expected: 1..127, a picture before this one)");
                }
                diffs.add(diff >>> 1);
                more = (diff & 0x01) != 0;
            }
        }
        Vp9ScalabilityStructure scalability = null;
        if ((first & 0x02) != 0) {
            final ParseResult<Vp9ScalabilityStructure.Parsed> ss = Vp9ScalabilityStructure.parse(buf, pos, end);
            if (ss instanceof ParseResult.Error<Vp9ScalabilityStructure.Parsed> error) {
                return ParseResult.error(NAME + error.message());
            }
            scalability = ss.valueOrNull().structure();
            pos += ss.valueOrNull().size();
        }
        return ParseResult.ok(new Parsed(new Vp9Descriptor(
                predicted, flexible, (first & 0x08) != 0, (first & 0x04) != 0, (first & 0x01) != 0, pictureId,
                longPictureId, temporalId, switchingUp, spatialId, interLayer, tl0PicIdx, diffs, scalability),
                pos - off));
    }

    private static ParseResult<Parsed> truncated(String field, int len) {
        return ParseResult.error(NAME + len + " bytes, too short for its " + field + " (RFC 9628 §4.2)");
    }

    /** Returns whether the packet starts a picture: B = 1 on the base spatial layer. */
    public boolean startsPicture() {
        return beginningOfFrame && spatialId == 0;
    }

    /** Returns whether the packet starts a keyframe: a picture's start with P = 0. */
    public boolean startsKeyframe() {
        return startsPicture() && !interPicturePredicted;
    }

    /** Returns the descriptor's size on the wire. */
    public int serializedSize() {
        return 1 + (pictureId < 0 ? 0 : longPictureId ? 2 : 1) + (temporalId < 0 ? 0 : 1) + (tl0PicIdx < 0 ? 0 : 1)
               + referenceDiffs.size() + (scalability == null ? 0 : scalability.serializedSize());
    }

    /** Writes the descriptor at {@code buf[off]}; returns the number of bytes written. */
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        int pos = off;
        buf[pos++] = (byte) ((pictureId >= 0 ? 0x80 : 0) | (interPicturePredicted ? 0x40 : 0)
                             | (temporalId >= 0 ? 0x20 : 0) | (flexible ? 0x10 : 0) | (beginningOfFrame ? 0x08 : 0)
                             | (endOfFrame ? 0x04 : 0) | (scalability != null ? 0x02 : 0)
                             | (notUpperSpatialReference ? 0x01 : 0));
        if (pictureId >= 0) {
            if (longPictureId) {
                buf[pos++] = (byte) (0x80 | pictureId >>> 8);
            }
            buf[pos++] = (byte) (pictureId & (longPictureId ? 0xFF : 0x7F));
        }
        if (temporalId >= 0) {
            buf[pos++] = (byte) (temporalId << 5 | (switchingUpPoint ? 0x10 : 0) | spatialId << 1
                                 | (interLayerDependency ? 1 : 0));
        }
        if (tl0PicIdx >= 0) {
            buf[pos++] = (byte) tl0PicIdx;
        }
        for (int i = 0; i < referenceDiffs.size(); i++) {
            buf[pos++] = (byte) (referenceDiffs.get(i) << 1 | (i < referenceDiffs.size() - 1 ? 1 : 0));
        }
        if (scalability != null) {
            scalability.serializeTo(buf, pos);
        }
        return size;
    }
}
