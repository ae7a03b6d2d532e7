package dev.remotemedia.rtc.rtp;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * The absolute send time of a packet, for receive-side bandwidth estimation (<a
 * href="https://webrtc.googlesource.com/src/+/refs/heads/main/docs/native-code/rtp-hdrext/abs-send-time/">abs-send-time</a>):
 * seconds as a 6.18 fixed-point number, wrapping every 64 s.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len=2 |              absolute send time               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param value the 24-bit field, {@code 0..16777215}: seconds in the top 6 bits, 1/2^18 s below
 */
public record AbsSendTimeExtension(int value) implements HeaderExtensionValue {

    /** The {@code a=extmap} URI. */
    public static final String URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /** The size of the element's data. */
    public static final int SIZE = 3;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int FRACTION_BITS = 18;

    public AbsSendTimeExtension {
        Checks.checkRange("value", value, 0, 0xFF_FFFF);
    }

    /** Returns the send time {@code timeNanos} (on any clock) in the 6.18 format, rounded down. */
    public static AbsSendTimeExtension ofNanos(long timeNanos) {
        final long seconds = Math.floorDiv(timeNanos, NANOS_PER_SECOND);
        final long fractionNanos = Math.floorMod(timeNanos, NANOS_PER_SECOND);
        final long fraction = (fractionNanos << FRACTION_BITS) / NANOS_PER_SECOND;
        return new AbsSendTimeExtension((int) ((seconds & 0x3F) << FRACTION_BITS | fraction));
    }

    /** Returns the time this value stands for within its 64-second cycle, in nanoseconds, rounded down. */
    public long toNanos() {
        return ((long) value * NANOS_PER_SECOND) >>> FRACTION_BITS;
    }

    /** Parses an element's data, which must be 3 bytes. */
    public static ParseResult<AbsSendTimeExtension> parse(ByteView data) {
        if (data.length() != SIZE) {
            return ParseResult.error("abs-send-time extension: " + data.length() + " bytes (expected: 3)");
        }
        return ParseResult.ok(new AbsSendTimeExtension(data.getUint24(0)));
    }

    @Override
    public String uri() {
        return URI;
    }

    @Override
    public byte[] toBytes() {
        return new byte[] {(byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
