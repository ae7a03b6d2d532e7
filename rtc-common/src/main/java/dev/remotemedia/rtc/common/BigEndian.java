package dev.remotemedia.rtc.common;

import static java.util.Objects.requireNonNull;

/**
 * Reads and writes unsigned big-endian (network byte order) integers in a {@code byte[]}, for
 * serializers writing a wire structure at an offset and for parsers that already hold an array.
 * Each {@code put} returns the index just past what it wrote, so a serializer can chain them:
 *
 * <pre>{@code
 * int pos = offset;
 * pos = BigEndian.putUint16(dst, pos, sourcePort);
 * pos = BigEndian.putUint16(dst, pos, destinationPort);
 * pos = BigEndian.putUint32(dst, pos, verificationTag);
 * }</pre>
 *
 * <p>A value out of range throws {@link IllegalArgumentException}; an access past either end of the
 * array throws {@link IndexOutOfBoundsException} before anything is written.
 */
public final class BigEndian {

    private BigEndian() {}

    /** Returns the byte at {@code index} as {@code 0..255}. */
    public static int getUint8(byte[] src, int index) {
        checkRange(index, 1, requireNonNull(src, "src").length);
        return uint8(src, index);
    }

    /** Returns the two bytes at {@code index} as {@code 0..65535}. */
    public static int getUint16(byte[] src, int index) {
        checkRange(index, 2, requireNonNull(src, "src").length);
        return uint16(src, index);
    }

    /** Returns the three bytes at {@code index} as {@code 0..16777215}. */
    public static int getUint24(byte[] src, int index) {
        checkRange(index, 3, requireNonNull(src, "src").length);
        return uint24(src, index);
    }

    /** Returns the four bytes at {@code index} as {@code 0..4294967295}. */
    public static long getUint32(byte[] src, int index) {
        checkRange(index, 4, requireNonNull(src, "src").length);
        return uint32(src, index);
    }

    /** Writes {@code value} ({@code 0..255}) at {@code index}; returns {@code index + 1}. */
    public static int putUint8(byte[] dst, int index, int value) {
        checkValue(value, 0xFF);
        checkRange(index, 1, requireNonNull(dst, "dst").length);
        dst[index] = (byte) value;
        return index + 1;
    }

    /** Writes {@code value} ({@code 0..65535}) at {@code index}; returns {@code index + 2}. */
    public static int putUint16(byte[] dst, int index, int value) {
        checkValue(value, 0xFFFF);
        checkRange(index, 2, requireNonNull(dst, "dst").length);
        dst[index] = (byte) (value >>> 8);
        dst[index + 1] = (byte) value;
        return index + 2;
    }

    /** Writes {@code value} ({@code 0..16777215}) at {@code index}; returns {@code index + 3}. */
    public static int putUint24(byte[] dst, int index, int value) {
        checkValue(value, 0xFF_FFFF);
        checkRange(index, 3, requireNonNull(dst, "dst").length);
        dst[index] = (byte) (value >>> 16);
        dst[index + 1] = (byte) (value >>> 8);
        dst[index + 2] = (byte) value;
        return index + 3;
    }

    /** Writes {@code value} ({@code 0..4294967295}) at {@code index}; returns {@code index + 4}. */
    public static int putUint32(byte[] dst, int index, long value) {
        if ((value & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("value: " + value + " (expected: 0..4294967295)");
        }
        checkRange(index, 4, requireNonNull(dst, "dst").length);
        dst[index] = (byte) (value >>> 24);
        dst[index + 1] = (byte) (value >>> 16);
        dst[index + 2] = (byte) (value >>> 8);
        dst[index + 3] = (byte) value;
        return index + 4;
    }

    // Unchecked reads, for callers that have checked the range themselves (ByteView).

    static int uint8(byte[] src, int index) {
        return src[index] & 0xFF;
    }

    static int uint16(byte[] src, int index) {
        return (src[index] & 0xFF) << 8 | src[index + 1] & 0xFF;
    }

    static int uint24(byte[] src, int index) {
        return (src[index] & 0xFF) << 16 | (src[index + 1] & 0xFF) << 8 | src[index + 2] & 0xFF;
    }

    static long uint32(byte[] src, int index) {
        return (long) uint16(src, index) << 16 | uint16(src, index + 2);
    }

    private static void checkValue(int value, int max) {
        if ((value & ~max) != 0) {
            throw new IllegalArgumentException("value: " + value + " (expected: 0.." + max + ')');
        }
    }

    /**
     * Throws unless {@code size} bytes from {@code index} lie within {@code 0..length}. Shared with
     * {@link ByteView}, whose {@code length} is the view's, not the array's.
     */
    static void checkRange(int index, int size, int length) {
        // length - size cannot overflow: both are non-negative here.
        if (index < 0 || index > length - size) {
            throw new IndexOutOfBoundsException(
                    "index: " + index + ", size: " + size
                    + " (expected: index >= 0 && index + size <= length: " + length + ')');
        }
    }
}
