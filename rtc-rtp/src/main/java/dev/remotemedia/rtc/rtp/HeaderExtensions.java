package dev.remotemedia.rtc.rtp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The header extension block of an RTP packet (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-5.3.1">RFC 3550 §5.3.1</a>) in one of the
 * forms of <a href="https://www.rfc-editor.org/rfc/rfc8285#section-4">RFC 8285 §4</a>, or kept raw
 * when its profile is neither.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * |                             ....                              |
 *
 * One-byte form (profile 0xBEDE), RFC 8285 §4.2; L is the data length minus one:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0xBE    |    0xDE       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Two-byte form (profile 0x100 + appbits), RFC 8285 §4.3:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0x10    |    0x00       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      ID       |     L=0       |     ID        |     L=1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       data    |    0 (pad)    |       ID      |      L=4      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          data                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Parsing skips padding bytes and, in the one-byte form, stops at the reserved ID 15 as §4.2
 * says; an element that runs past the block is an error. Serializing packs the elements and pads
 * the block with zeros to a 32-bit boundary.
 *
 * @param profile the 16-bit "defined by profile" field: {@link #ONE_BYTE_PROFILE}, {@code 0x1000 ..
 *     0x100F} (two-byte form, the low four bits are the appbits), or any other value (raw)
 * @param elements the elements of the one- or two-byte form; empty for a raw block
 * @param rawData the block's data for any other profile, a multiple of 4 bytes; empty otherwise
 */
public record HeaderExtensions(int profile, List<HeaderExtension> elements, ByteView rawData) {

    /** The profile value of the one-byte form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The profile value of the two-byte form with appbits 0. */
    public static final int TWO_BYTE_PROFILE = 0x1000;
    /** The largest identifier of the one-byte form; 15 is reserved. */
    public static final int ONE_BYTE_MAX_ID = 14;
    /** The largest data length of the one-byte form. */
    public static final int ONE_BYTE_MAX_LENGTH = 16;

    private static final int ONE_BYTE_STOP_ID = 15;
    private static final int MAX_DATA_LENGTH = 4 * 0xFFFF;
    private static final ByteView EMPTY = ByteView.of(new byte[0]);

    public HeaderExtensions {
        Checks.checkRange("profile", profile, 0, 0xFFFF);
        elements = List.copyOf(elements);
        requireNonNull(rawData, "rawData");
        if (isOneByteProfile(profile) || isTwoByteProfile(profile)) {
            if (!rawData.isEmpty()) {
                throw new IllegalArgumentException(
                        "rawData: " + rawData.length() + " bytes (expected: empty for the one- and two-byte forms)");
            }
            if (isOneByteProfile(profile)) {
                for (HeaderExtension element : elements) {
                    if (!element.fitsOneByteForm()) {
                        throw new IllegalArgumentException(
                                "element: id " + element.id() + ", " + element.data().length()
                                + " bytes (expected: id 1..14 and 1..16 bytes in the one-byte form)");
                    }
                }
            }
        } else {
            if (!elements.isEmpty()) {
                throw new IllegalArgumentException(
                        "elements: " + elements.size() + " (expected: none for profile 0x"
                        + Integer.toHexString(profile) + ", whose data is kept raw)");
            }
            if (rawData.length() % 4 != 0) {
                throw new IllegalArgumentException(
                        "rawData: " + rawData.length() + " bytes (expected: a multiple of 4)");
            }
        }
        final int size = dataSize(profile, elements, rawData);
        if (size > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException(
                    "header extensions: " + size + " bytes (expected: <= " + MAX_DATA_LENGTH + ')');
        }
    }

    /**
     * Returns a block holding {@code elements}, in the one-byte form if each fits it ({@link
     * HeaderExtension#fitsOneByteForm}) and in the two-byte form otherwise.
     */
    public static HeaderExtensions of(List<HeaderExtension> elements) {
        final boolean oneByte = elements.stream().allMatch(HeaderExtension::fitsOneByteForm);
        return new HeaderExtensions(oneByte ? ONE_BYTE_PROFILE : TWO_BYTE_PROFILE, elements, EMPTY);
    }

    /** Returns a block of another profile, kept as bytes. */
    public static HeaderExtensions raw(int profile, ByteView data) {
        return new HeaderExtensions(profile, List.of(), data);
    }

    /** Returns whether this block is in the one-byte form. */
    public boolean isOneByteForm() {
        return isOneByteProfile(profile);
    }

    /** Returns whether this block is in the two-byte form. */
    public boolean isTwoByteForm() {
        return isTwoByteProfile(profile);
    }

    /** Returns the data of the first element with {@code id}, or {@code null} if there is none. */
    public @Nullable ByteView find(int id) {
        for (HeaderExtension element : elements) {
            if (element.id() == id) {
                return element.data();
            }
        }
        return null;
    }

    /** Returns the size on the wire: the 4-byte block header and the padded data. */
    public int serializedSize() {
        return 4 + dataSize(profile, elements, rawData);
    }

    /** Writes the block at {@code buf[off]}; returns the number of bytes written. */
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        final int end = Checks.checkDst(buf, off, size);
        int pos = BigEndian.putUint16(buf, off, profile);
        pos = BigEndian.putUint16(buf, pos, (size - 4) / 4);
        if (!isOneByteForm() && !isTwoByteForm()) {
            rawData.copyTo(buf, pos);
            return size;
        }
        for (HeaderExtension element : elements) {
            final int length = element.data().length();
            if (isOneByteForm()) {
                buf[pos++] = (byte) (element.id() << 4 | (length - 1));
            } else {
                buf[pos++] = (byte) element.id();
                buf[pos++] = (byte) length;
            }
            pos = element.data().copyTo(buf, pos);
        }
        while (pos < end) {
            buf[pos++] = 0;
        }
        return size;
    }

    /**
     * Parses the block at {@code buf[off .. off + len)}, which must hold at least its 4-byte header
     * and the data its length field announces; returns the block (its data shares {@code buf}).
     * Bytes past the announced length are not read; {@link #serializedSize()} tells how far it went.
     */
    public static ParseResult<HeaderExtensions> parse(byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        if (len < 4) {
            return ParseResult.error("RTP header extension: " + len + " bytes (expected: >= 4)");
        }
        final int profile = BigEndian.getUint16(buf, off);
        final int dataLength = 4 * BigEndian.getUint16(buf, off + 2);
        if (dataLength > len - 4) {
            return ParseResult.error("RTP header extension: length " + dataLength + " bytes (expected: <= "
                                     + (len - 4) + ", what is left of the packet)");
        }
        final int start = off + 4;
        if (!isOneByteProfile(profile) && !isTwoByteProfile(profile)) {
            return ParseResult.ok(raw(profile, ByteView.of(buf, start, dataLength)));
        }
        final List<HeaderExtension> elements = new ArrayList<>();
        final int end = start + dataLength;
        int pos = start;
        while (pos < end) {
            final int first = buf[pos] & 0xFF;
            if (first == 0) {
                pos++; // padding, RFC 8285 §4.1
                continue;
            }
            final int id;
            final int length;
            final int headerLength;
            if (isOneByteProfile(profile)) {
                id = first >>> 4;
                if (id == 0) {
                    pos++; // §4.2: an ID of 0 is padding whatever its length nibble says
                    continue;
                }
                if (id == ONE_BYTE_STOP_ID) {
                    break; // §4.2: stop processing the block at the reserved ID
                }
                length = (first & 0x0F) + 1;
                headerLength = 1;
            } else {
                if (pos + 1 >= end) {
                    return ParseResult.error("RTP header extension: element " + first + " at byte " + (pos - start)
                                             + " has no length byte");
                }
                id = first;
                length = buf[pos + 1] & 0xFF;
                headerLength = 2;
            }
            if (length > end - pos - headerLength) {
                return ParseResult.error("RTP header extension: element " + id + " at byte " + (pos - start)
                                         + " has " + length + " bytes (expected: <= " + (end - pos - headerLength)
                                         + ", what is left of the block)");
            }
            elements.add(new HeaderExtension(id, ByteView.of(buf, pos + headerLength, length)));
            pos += headerLength + length;
        }
        return ParseResult.ok(new HeaderExtensions(profile, Collections.unmodifiableList(elements), EMPTY));
    }

    private static int dataSize(int profile, List<HeaderExtension> elements, ByteView rawData) {
        if (!isOneByteProfile(profile) && !isTwoByteProfile(profile)) {
            return rawData.length();
        }
        final int headerLength = isOneByteProfile(profile) ? 1 : 2;
        int size = 0;
        for (HeaderExtension element : elements) {
            size += headerLength + element.data().length();
        }
        return (size + 3) & ~3;
    }

    private static boolean isOneByteProfile(int profile) {
        return profile == ONE_BYTE_PROFILE;
    }

    private static boolean isTwoByteProfile(int profile) {
        return (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }
}
