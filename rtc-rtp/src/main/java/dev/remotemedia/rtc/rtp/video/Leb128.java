package dev.remotemedia.rtc.rtp.video;

/**
 * Unsigned LEB128 as AV1 uses it (AV1 bitstream specification §4.10.5): seven bits a byte, least
 * significant group first, the top bit set on every byte but the last; at most 8 bytes and a value
 * below 2^32.
 */
final class Leb128 {

    /** The most bytes a value may take. */
    static final int MAX_BYTES = 8;
    /** Returned by {@link #read} for a malformed value. */
    static final long INVALID = -1;

    private Leb128() {}

    /** Returns how many bytes {@code value} takes. */
    static int size(long value) {
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Writes {@code value} at {@code buf[off]}; returns the position after it. */
    static int write(byte[] buf, int off, long value) {
        while (value >= 0x80) {
            buf[off++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        buf[off++] = (byte) value;
        return off;
    }

    /**
     * Reads the value at {@code buf[pos .. end)}: returns it in the low 32 bits and its size in
     * bytes in bits 32 and up, or {@link #INVALID} if it runs past {@code end}, takes more than 8
     * bytes or exceeds 2^32 - 1.
     */
    static long read(byte[] buf, int pos, int end) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (pos + i >= end) {
                return INVALID;
            }
            final int b = buf[pos + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value > 0xFFFF_FFFFL ? INVALID : value | (long) (i + 1) << 32;
            }
        }
        return INVALID;
    }

    /** Returns the value of a {@link #read} result. */
    static long value(long read) {
        return read & 0xFFFF_FFFFL;
    }

    /** Returns the size in bytes of a {@link #read} result. */
    static int length(long read) {
        return (int) (read >>> 32);
    }
}
