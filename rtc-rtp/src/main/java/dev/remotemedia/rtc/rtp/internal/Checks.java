package dev.remotemedia.rtc.rtp.internal;

import static java.util.Objects.requireNonNull;

/**
 * Argument checks shared by the records of {@code rtc.rtp} and {@code rtc.rtcp}, with messages in
 * the house form {@code "ssrc: -1 (expected: 0..4294967295)"}. Internal: not
 * part of the API.
 */
public final class Checks {

    private Checks() {}

    /** Returns {@code value} if it is in {@code 0..max}, otherwise throws. */
    public static int checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ')');
        }
        return value;
    }

    /** Returns {@code value} if it is an unsigned 32-bit number, otherwise throws. */
    public static long checkUint32(String name, long value) {
        if ((value & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..4294967295)");
        }
        return value;
    }

    /** Throws unless {@code size} bytes fit in {@code buf} from {@code off}; returns {@code off + size}. */
    public static int checkDst(byte[] buf, int off, int size) {
        requireNonNull(buf, "buf");
        if (off < 0 || off > buf.length - size) {
            throw new IndexOutOfBoundsException(
                    "off: " + off + ", size: " + size + " (expected: off >= 0 && off + size <= buf.length: "
                    + buf.length + ')');
        }
        return off + size;
    }

    /** Throws unless {@code buf[off .. off + len)} lies within {@code buf}. */
    public static void checkSrc(byte[] buf, int off, int len) {
        requireNonNull(buf, "buf");
        if (off < 0 || len < 0 || len > buf.length - off) {
            throw new IndexOutOfBoundsException(
                    "off: " + off + ", len: " + len + " (expected: off >= 0 && len >= 0 && off + len <= buf.length: "
                    + buf.length + ')');
        }
    }
}
