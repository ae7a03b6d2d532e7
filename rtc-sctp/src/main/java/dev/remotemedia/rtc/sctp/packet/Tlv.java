package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The type-length-value layout shared by chunks, parameters and error causes (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2">RFC 9260 §3.2</a>, §3.2.1, §3.3.10):
 * a 4-byte header whose bytes 2..3 hold the length of header and value, without the zero padding
 * that follows to a multiple of 4 bytes.
 */
final class Tlv {

    static final int HEADER_SIZE = 4;
    static final int MAX_LENGTH = 0xFFFF;

    /** Reads one element of a list at {@code buf[off .. off + len)}, {@code len} being its Length field. */
    @FunctionalInterface
    interface ElementParser<T> {
        ParseResult<? extends T> parse(byte[] buf, int off, int len);
    }

    private Tlv() {}

    /** Returns {@code length} rounded up to a multiple of 4. */
    static int padded(int length) {
        return length + 3 & ~3;
    }

    /** Returns the Length field of the element at {@code buf[off]}; the caller has checked 4 bytes. */
    static int lengthField(byte[] buf, int off) {
        return (buf[off + 2] & 0xFF) << 8 | buf[off + 3] & 0xFF;
    }

    /**
     * Checks the header of a chunk named {@code name} (such as {@code "SACK chunk"}) at {@code
     * buf[off .. off + len)}: its type byte is {@code type} and its Length field is at least (or,
     * if {@code fixedLength}, exactly) {@code minLength} and fits in {@code len}. Returns what is
     * wrong, or {@code null}. Throws {@link IndexOutOfBoundsException} if {@code off} and {@code
     * len} lie outside {@code buf}: that is the caller's bug, not bad input.
     */
    static @Nullable String checkChunkHeader(String name, int type, byte[] buf, int off, int len,
                                             int minLength, boolean fixedLength) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_SIZE) {
            return name + ": " + len + " bytes (expected: >= " + HEADER_SIZE + ", the header)";
        }
        final int actualType = buf[off] & 0xFF;
        if (actualType != type) {
            return name + ": type " + actualType + " (expected: " + type + ')';
        }
        return checkLength(name, lengthField(buf, off), len, minLength, fixedLength);
    }

    /** As {@link #checkChunkHeader}, for parameters and error causes, whose type is 16 bits. */
    static @Nullable String checkHeader(String name, int type, byte[] buf, int off, int len,
                                        int minLength, boolean fixedLength) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_SIZE) {
            return name + ": " + len + " bytes (expected: >= " + HEADER_SIZE + ", the header)";
        }
        final int actualType = (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
        if (actualType != type) {
            return name + ": type " + actualType + " (expected: " + type + ')';
        }
        return checkLength(name, lengthField(buf, off), len, minLength, fixedLength);
    }

    private static @Nullable String checkLength(String name, int length, int available, int minLength,
                                                boolean fixedLength) {
        if (fixedLength && length != minLength) {
            return name + ": length " + length + " (expected: " + minLength + ')';
        }
        if (length < minLength) {
            return name + ": length " + length + " (expected: >= " + minLength + ')';
        }
        if (length > available) {
            return name + ": length " + length + " (expected: <= " + available + ", the bytes available)";
        }
        return null;
    }

    /**
     * Parses the padded elements in {@code buf[off .. off + len)}. The last one's padding may be
     * missing: RFC 9260 §3.2 leaves it out of the chunk length but asks receivers to accept either.
     */
    static <T> ParseResult<List<T>> parseList(String what, byte[] buf, int off, int len,
                                              ElementParser<T> parser) {
        if (len == 0) {
            return ParseResult.ok(List.of());
        }
        final List<T> elements = new ArrayList<>();
        final int end = off + len;
        int pos = off;
        while (pos < end) {
            final int remaining = end - pos;
            if (remaining < HEADER_SIZE) {
                return ParseResult.error(where(what, pos - off) + remaining
                                         + " trailing bytes (expected: none, or a 4-byte header)");
            }
            final int length = lengthField(buf, pos);
            if (length < HEADER_SIZE || length > remaining) {
                return ParseResult.error(where(what, pos - off) + "length " + length + " (expected: "
                                         + HEADER_SIZE + ".." + remaining + ')');
            }
            final ParseResult<? extends T> element = parser.parse(buf, pos, length);
            if (element instanceof ParseResult.Error<? extends T> error) {
                return error.withContext(where(what, pos - off));
            }
            elements.add(((ParseResult.Ok<? extends T>) element).value());
            pos += Math.min(padded(length), remaining);
        }
        return ParseResult.ok(Collections.unmodifiableList(elements));
    }

    /** Returns the value of the checked element at {@code buf[off]}: the bytes after its header. */
    static ByteView value(byte[] buf, int off) {
        return ByteView.of(buf, off + HEADER_SIZE, lengthField(buf, off) - HEADER_SIZE);
    }

    /**
     * Throws {@link IndexOutOfBoundsException} unless {@code size} bytes from {@code off} fit in
     * {@code dst}, so that a serializer writes all or nothing; returns {@code off + size}.
     */
    static int checkDst(byte[] dst, int off, int size) {
        Objects.checkFromIndexSize(off, size, requireNonNull(dst, "dst").length);
        return off + size;
    }

    /** Writes a parameter or error cause made of a header and {@code value}, padded; returns the end. */
    static int putOpaque(byte[] dst, int off, int type, ByteView value) {
        final int length = HEADER_SIZE + value.length();
        final int end = checkDst(dst, off, padded(length));
        final int pos = value.copyTo(dst, putHeader(dst, off, type, length));
        return pad(dst, pos, end);
    }

    /** Reads the 16-bit values in {@code buf[from .. to)}; the caller has checked the range is even. */
    static List<Integer> uint16List(byte[] buf, int from, int to) {
        final List<Integer> values = new ArrayList<>((to - from) / 2);
        for (int pos = from; pos < to; pos += 2) {
            values.add((buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF);
        }
        return Collections.unmodifiableList(values);
    }

    /** Writes {@code values} as 16-bit integers at {@code dst[pos]}; returns the end. */
    static int putUint16List(byte[] dst, int pos, List<Integer> values) {
        for (int value : values) {
            dst[pos] = (byte) (value >>> 8);
            dst[pos + 1] = (byte) value;
            pos += 2;
        }
        return pos;
    }

    /** Returns an unmodifiable copy of {@code values}, each checked to be {@code 0..65535}. */
    static List<Integer> copyUint16List(String name, List<Integer> values) {
        final List<Integer> copy = List.copyOf(values);
        copy.forEach(value -> checkUint16(name, value));
        return copy;
    }

    /** Returns the start of an error message about the element at {@code offset}. */
    static String where(String what, int offset) {
        return what + " at offset " + offset + ": ";
    }

    /** Writes a chunk header at {@code dst[off]}; returns {@code off + 4}. */
    static int putChunkHeader(byte[] dst, int off, int type, int flags, int length) {
        dst[off] = (byte) type;
        dst[off + 1] = (byte) flags;
        dst[off + 2] = (byte) (length >>> 8);
        dst[off + 3] = (byte) length;
        return off + HEADER_SIZE;
    }

    /** Writes a parameter or error cause header at {@code dst[off]}; returns {@code off + 4}. */
    static int putHeader(byte[] dst, int off, int type, int length) {
        dst[off] = (byte) (type >>> 8);
        dst[off + 1] = (byte) type;
        dst[off + 2] = (byte) (length >>> 8);
        dst[off + 3] = (byte) length;
        return off + HEADER_SIZE;
    }

    /** Zeroes {@code dst[pos .. end)}, the padding; returns {@code end}. */
    static int pad(byte[] dst, int pos, int end) {
        Arrays.fill(dst, pos, end, (byte) 0);
        return end;
    }

    /** Throws unless {@code length} fits the 16-bit Length field of {@code name}. */
    static int checkFits(String name, int length) {
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    name + ": length " + length + " (expected: <= " + MAX_LENGTH + ')');
        }
        return length;
    }

    /** Throws unless {@code value} is {@code 0..65535}. */
    static int checkUint16(String name, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..65535)");
        }
        return value;
    }

    /** Throws unless {@code value} is {@code 0..4294967295}. */
    static long checkUint32(String name, long value) {
        if ((value & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..4294967295)");
        }
        return value;
    }

    /** Throws unless {@code value} is {@code 0..255}. */
    static int checkUint8(String name, int value) {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..255)");
        }
        return value;
    }
}
