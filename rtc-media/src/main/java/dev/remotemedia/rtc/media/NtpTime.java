package dev.remotemedia.rtc.media;

/**
 * NTP timestamps as RTCP carries them (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-4">RFC
 * 3550 §4</a>): 32 bits of seconds since 1900-01-01 and 32 bits of fraction, and the "compact" middle
 * 32 bits (16.16) that LSR and DLSR use (§6.4.1).
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP's epoch) to 1970-01-01 (Unix's). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NtpTime() {}

    /** The 64-bit NTP timestamp of a wall-clock time given as nanoseconds since the Unix epoch. */
    public static long fromUnixNanos(long unixNanos) {
        final long seconds = Math.floorDiv(unixNanos, NANOS_PER_SECOND) + UNIX_EPOCH_OFFSET_SECONDS;
        final long nanos = Math.floorMod(unixNanos, NANOS_PER_SECOND);
        final long fraction = (nanos << 32) / NANOS_PER_SECOND;
        return (seconds << 32) | fraction;
    }

    /** Nanoseconds since the Unix epoch of a 64-bit NTP timestamp. */
    public static long toUnixNanos(long ntp) {
        final long seconds = (ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS;
        final long fraction = ntp & 0xFFFF_FFFFL;
        return seconds * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND) >>> 32);
    }

    /** The middle 32 bits of a 64-bit NTP timestamp: 16 bits of seconds, 16 of fraction. */
    public static long compact(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    /** A duration in compact NTP units (1/65536 s), as DLSR carries it; saturates at 32 bits. */
    public static long compactFromNanos(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        final long units = Math.multiplyHigh(nanos, 1L << 16) == 0 ? (nanos << 16) / NANOS_PER_SECOND
                                                                    : Long.MAX_VALUE;
        return Math.min(units, 0xFFFF_FFFFL);
    }

    /** Nanoseconds of a duration in compact NTP units. */
    public static long compactToNanos(long compact) {
        return (compact * NANOS_PER_SECOND) >>> 16;
    }
}
