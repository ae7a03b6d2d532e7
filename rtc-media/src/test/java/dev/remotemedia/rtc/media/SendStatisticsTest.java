package dev.remotemedia.rtc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.rtc.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;

class SendStatisticsTest {
    private static final long MS = 1_000_000L;

    @Test
    void measuresTheRoundTripFromLsrAndDlsr() {
        final SendStatistics stats = new SendStatistics(9, 48_000);
        final long srSentNtp = NtpTime.fromUnixNanos(10_000 * MS);
        // The receiver held the SR for 100 ms; the report arrives 160 ms after the SR left: RTT 60 ms.
        final ReportBlock block = new ReportBlock(9, 0, 0, 0, 0, NtpTime.compact(srSentNtp),
                                                  NtpTime.compactFromNanos(100 * MS));
        stats.onReportBlock(block, NtpTime.fromUnixNanos(10_160 * MS));
        assertThat(stats.roundTripNanos()).isCloseTo(60 * MS, within(50_000L));
        assertThat(stats.roundTripMeasurements()).isEqualTo(1);
    }

    @Test
    void aBlockWithoutLsrMeasuresNothing() {
        final SendStatistics stats = new SendStatistics(9, 48_000);
        stats.onReportBlock(new ReportBlock(9, 64, 3, 100, 480, 0, 0), NtpTime.fromUnixNanos(0));
        assertThat(stats.roundTripNanos()).isEqualTo(-1);
        assertThat(stats.fractionLost()).isEqualTo(64);
        assertThat(stats.remoteCumulativeLost()).isEqualTo(3);
        assertThat(stats.remoteJitterSeconds()).isEqualTo(0.01);
    }

    @Test
    void theSenderReportTimestampAdvancesWithTheClock() {
        final SendStatistics stats = new SendStatistics(9, 48_000);
        stats.onPacketSent(0xFFFF_FF00L, 100, 12, 1_000 * MS);
        assertThat(stats.rtpTimestampAt(1_000 * MS)).isEqualTo(0xFFFF_FF00L);
        assertThat(stats.rtpTimestampAt(1_020 * MS)).as("wraps at 2^32").isEqualTo((0xFFFF_FF00L + 960) & 0xFFFF_FFFFL);
        assertThat(stats.packetsSent()).isEqualTo(1);
        assertThat(stats.bytesSent()).isEqualTo(100);
    }
}
