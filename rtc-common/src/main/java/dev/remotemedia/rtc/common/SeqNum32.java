package dev.remotemedia.rtc.common;

/**
 * Serial-number arithmetic (RFC 1982) on 32-bit sequence numbers: SCTP TSNs, RTP timestamps,
 * extended RTP sequence numbers. A value is a {@code long} in {@code 0..4294967295}, as {@link
 * ByteView#getUint32} returns it; every method rejects one out of that range with an {@link
 * IllegalArgumentException}.
 *
 * <p><b>The half-way case.</b> RFC 1982 §3.2 leaves the order of two numbers exactly 2<sup>31</sup>
 * apart undefined. We follow libwebrtc ({@code IsNewerSequenceNumber}, {@code AheadOf}), whose
 * unwrapper dcSCTP also uses: the numerically larger one is newer. So for distinct {@code a} and
 * {@code b} exactly one of {@code isNewer(a, b)} and {@code isNewer(b, a)} holds.
 *
 * <p>The order is circular, so it is not transitive over the whole space: {@link #compare} sorts
 * correctly only values that all lie within half the space of each other.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1982">RFC 1982</a>
 */
public final class SeqNum32 {

    /** The largest sequence number, 2<sup>32</sup> − 1. */
    public static final long MAX_VALUE = 0xFFFF_FFFFL;

    /** 2<sup>(SERIAL_BITS − 1)</sup> of RFC 1982 §3.2. */
    static final long HALF = 1L << 31;

    private SeqNum32() {}

    /**
     * Returns whether {@code a} comes after {@code b} (RFC 1982 §3.2 {@code s1 > s2}); when they
     * are exactly half the space apart, whether {@code a > b} numerically.
     */
    public static boolean isNewer(long a, long b) {
        checkValue(a, "a");
        checkValue(b, "b");
        final long forward = (a - b) & MAX_VALUE;
        if (forward == HALF) {
            return a > b;
        }
        return forward != 0 && forward < HALF;
    }

    /** Returns whether {@code a} equals {@code b} or comes after it; see {@link #isNewer}. */
    public static boolean isNewerOrEqual(long a, long b) {
        if (a == b) {
            checkValue(a, "a");
            return true;
        }
        return isNewer(a, b);
    }

    /**
     * Returns how many increments lead from {@code from} to {@code to}, in {@code 0..4294967295}:
     * the forward distance modulo 2<sup>32</sup>, whatever their order.
     */
    public static long distance(long from, long to) {
        checkValue(from, "from");
        checkValue(to, "to");
        return (to - from) & MAX_VALUE;
    }

    /**
     * Returns the signed step from {@code from} to {@code to}, in {@code -2^31..2^31}: positive
     * when {@code to} is newer, negative when it is older, zero when equal. At exactly half the
     * space the sign follows {@link #isNewer}, so {@code from + delta(from, to)} reads {@code to}
     * as the nearest number on the side {@code isNewer} picks.
     */
    public static long delta(long from, long to) {
        final long forward = distance(from, to);
        if (forward < HALF || (forward == HALF && to > from)) {
            return forward;
        }
        return forward - (MAX_VALUE + 1);
    }

    /**
     * Returns {@code (value + n) mod 2^32}. RFC 1982 §3.1 defines addition only for {@code n}
     * in {@code 0..2^31-1}, where a non-zero {@code n} gives a number newer than {@code value};
     * any other {@code n} (such as {@code -1} for the previous number) still gives the modular
     * sum.
     */
    public static long add(long value, long n) {
        checkValue(value, "value");
        return (value + n) & MAX_VALUE;
    }

    /**
     * Compares in serial-number order: negative if {@code a} is older than {@code b}, zero if
     * equal, positive if newer. Usable as a {@code Comparator<Long>} ({@code SeqNum32::compare})
     * for values that lie within half the space of each other.
     */
    public static int compare(long a, long b) {
        if (a == b) {
            checkValue(a, "a");
            return 0;
        }
        return isNewer(a, b) ? 1 : -1;
    }

    /** Returns {@code value} if it is a 32-bit sequence number, otherwise throws. */
    static long checkValue(long value, String name) {
        if ((value & ~MAX_VALUE) != 0) {
            throw new IllegalArgumentException(
                    name + ": " + value + " (expected: 0.." + MAX_VALUE + ')');
        }
        return value;
    }
}
