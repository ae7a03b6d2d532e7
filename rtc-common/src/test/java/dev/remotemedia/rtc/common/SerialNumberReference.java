package dev.remotemedia.rtc.common;

import java.util.Random;

/**
 * RFC 1982 written out as the RFC states it, in plain {@code long} arithmetic, with the
 * libwebrtc tie-break at exactly half the space. The tests compare {@link SeqNum16} and {@link
 * SeqNum32}, which use masks and two's complement, against this on many random pairs.
 */
final class SerialNumberReference {

    private final int bits;
    private final long modulus;
    private final long half;

    SerialNumberReference(int bits) {
        this.bits = bits;
        modulus = 1L << bits;
        half = 1L << (bits - 1);
    }

    long modulus() {
        return modulus;
    }

    /**
     * RFC 1982 §3.2: s1 is greater than s2 iff (i1 < i2 and i2 - i1 > 2^(SERIAL_BITS - 1)) or
     * (i1 > i2 and i1 - i2 < 2^(SERIAL_BITS - 1)).
     */
    boolean isNewer(long s1, long s2) {
        if (Math.abs(s1 - s2) == half) {
            return s1 > s2; // undefined in RFC 1982; libwebrtc's choice
        }
        return s1 < s2 && s2 - s1 > half || s1 > s2 && s1 - s2 < half;
    }

    long distance(long from, long to) {
        return Math.floorMod(to - from, modulus);
    }

    long delta(long from, long to) {
        return isNewer(to, from) ? distance(from, to) : -distance(to, from);
    }

    /** Returns a value, an edge of the space (0, the top, around half) one time in three. */
    long anyValue(Random random) {
        if (random.nextInt(3) == 0) {
            return new long[] {0, 1, half - 1, half, half + 1, modulus - 1}[random.nextInt(6)];
        }
        return Math.floorMod(random.nextLong(), modulus);
    }

    /**
     * Returns a value to pair with {@code a}: anywhere, close to it, about half the space away, or
     * {@code a} itself, so the random pairs hit the cases that matter.
     */
    long partnerOf(long a, Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return anyValue(random);
            case 1:
                return Math.floorMod(a + random.nextInt(201) - 100, modulus);
            case 2:
                return Math.floorMod(a + half + random.nextInt(5) - 2, modulus);
            default:
                return a;
        }
    }

    @Override
    public String toString() {
        return "RFC 1982 reference, SERIAL_BITS = " + bits;
    }
}
