package dev.remotemedia.rtc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NtpTimeTest {
    @Test
    void unixEpochIsSeconds2208988800InNtp() {
        assertThat(NtpTime.fromUnixNanos(0)).isEqualTo(2_208_988_800L << 32);
    }

    @Test
    void halfASecondIsHalfTheFraction() {
        assertThat(NtpTime.fromUnixNanos(500_000_000L) & 0xFFFF_FFFFL).isEqualTo(0x8000_0000L);
    }

    @Test
    void roundTripsWallClockTimesToWithinANanosecond() {
        final long now = 1_796_000_000_123_456_789L; // late 2026
        assertThat(NtpTime.toUnixNanos(NtpTime.fromUnixNanos(now))).isCloseTo(now, within(1L));
    }

    @Test
    void compactIsTheMiddle32Bits() {
        assertThat(NtpTime.compact(0x1234_5678_9ABC_DEF0L)).isEqualTo(0x5678_9ABCL);
    }

    @Test
    void compactDurationsAreSixtyFiveThousandFiveHundredThirtySixthsOfASecond() {
        assertThat(NtpTime.compactFromNanos(1_000_000_000L)).isEqualTo(65_536);
        assertThat(NtpTime.compactToNanos(32_768)).isEqualTo(500_000_000L);
        assertThat(NtpTime.compactFromNanos(-5)).isZero();
        assertThat(NtpTime.compactFromNanos(Long.MAX_VALUE)).isEqualTo(0xFFFF_FFFFL);
    }
}
