package dev.remotemedia.rtc.common;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A read view over {@code length} bytes of an array starting at {@code offset}, as packets are
 * passed through the stack: slicing a header or a payload shares the array instead of copying it.
 *
 * <p>Immutable by convention: nothing here writes to the array, and whoever hands out a view
 * promises not to change those bytes while it is in use (copy with {@link #copyToArray()} to keep
 * them past that). Indexes are relative to the view; reading past its end throws {@link
 * IndexOutOfBoundsException} even where the array goes on. Parsers check lengths first and return
 * an error for short input; these checks are the safety net, not the way to detect it.
 *
 * <p>{@code equals} and {@code hashCode} compare content, so two views over different arrays with
 * the same bytes are equal.
 */
public final class ByteView {

    /** How many bytes {@link #toHexString()} shows at most. */
    static final int HEX_STRING_MAX_BYTES = 128;

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final byte[] array;
    private final int offset;
    private final int length;

    private ByteView(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** Returns a view over all of {@code array}. */
    public static ByteView of(byte[] array) {
        return new ByteView(requireNonNull(array, "array"), 0, array.length);
    }

    /** Returns a view over {@code array[offset .. offset + length)}. */
    public static ByteView of(byte[] array, int offset, int length) {
        requireNonNull(array, "array");
        checkSlice(offset, length, array.length, "array.length");
        return new ByteView(array, offset, length);
    }

    /** Returns how many bytes the view holds. */
    public int length() {
        return length;
    }

    /** Returns whether the view holds no bytes. */
    public boolean isEmpty() {
        return length == 0;
    }

    /** Returns the byte at {@code index} as {@code 0..255}. */
    public int getUint8(int index) {
        BigEndian.checkRange(index, 1, length);
        return BigEndian.uint8(array, offset + index);
    }

    /** Returns the big-endian 16-bit value at {@code index} as {@code 0..65535}. */
    public int getUint16(int index) {
        BigEndian.checkRange(index, 2, length);
        return BigEndian.uint16(array, offset + index);
    }

    /** Returns the big-endian 24-bit value at {@code index} as {@code 0..16777215}. */
    public int getUint24(int index) {
        BigEndian.checkRange(index, 3, length);
        return BigEndian.uint24(array, offset + index);
    }

    /** Returns the big-endian 32-bit value at {@code index} as {@code 0..4294967295}. */
    public long getUint32(int index) {
        BigEndian.checkRange(index, 4, length);
        return BigEndian.uint32(array, offset + index);
    }

    /** Returns a view of {@code length} bytes at {@code offset} in this one; shares the array. */
    public ByteView slice(int offset, int length) {
        checkSlice(offset, length, this.length, "length()");
        return new ByteView(array, this.offset + offset, length);
    }

    /** Returns a new array holding a copy of the view's bytes. */
    public byte[] copyToArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /**
     * Copies the view's bytes into {@code dst} at {@code dstOffset}; returns {@code dstOffset +
     * length()}, where the next write goes. Throws before writing anything if they do not fit.
     */
    public int copyTo(byte[] dst, int dstOffset) {
        requireNonNull(dst, "dst");
        BigEndian.checkRange(dstOffset, length, dst.length);
        System.arraycopy(array, offset, dst, dstOffset, length);
        return dstOffset + length;
    }

    /**
     * Returns the backing array, for the I/O layer to hand to a socket or a cipher without copying.
     * The view's bytes are {@code array()[arrayOffset() .. arrayOffset() + length())}. Do not write
     * to it (see the class comment).
     */
    public byte[] array() {
        return array;
    }

    /** Returns where the view starts in {@link #array()}. */
    public int arrayOffset() {
        return offset;
    }

    /**
     * Returns the bytes as lowercase hex pairs separated by spaces ({@code "00 1f ff"}), for logs
     * and test failure messages. Shows at most the first 128 bytes, then {@code " ... (N bytes)"}.
     */
    public String toHexString() {
        if (length <= HEX_STRING_MAX_BYTES) {
            return HEX.formatHex(array, offset, offset + length);
        }
        return HEX.formatHex(array, offset, offset + HEX_STRING_MAX_BYTES)
               + " ... (" + length + " bytes)";
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof ByteView)) {
            return false;
        }
        final ByteView that = (ByteView) obj;
        return Arrays.equals(array, offset, offset + length,
                             that.array, that.offset, that.offset + that.length);
    }

    /** Returns {@code Arrays.hashCode(copyToArray())}, without copying. */
    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + array[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return "ByteView[" + length + " bytes: " + toHexString() + ']';
    }

    private static void checkSlice(int offset, int length, int available, String availableName) {
        // available - offset cannot overflow: both are non-negative here.
        if (offset < 0 || length < 0 || length > available - offset) {
            throw new IndexOutOfBoundsException(
                    "offset: " + offset + ", length: " + length
                    + " (expected: offset >= 0 && length >= 0 && offset + length <= "
                    + availableName + ": " + available + ')');
        }
    }
}
