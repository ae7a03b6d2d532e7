package dev.remotemedia.rtc.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {
    private static final long MS = 1_000_000L;

    @Test
    void noReportBeforeThefirstPacket() {
        assertThat(new ReceiveStatistics(1, 48_000).report(0)).isNull();
    }

    @Test
    void countsLossAndTheFractionLostPerInterval() {
        final ReceiveStatistics stats = new ReceiveStatistics(7, 48_000);
        for (int seq = 0; seq < 100; seq++) {
            if (seq % 10 != 3) { // every tenth lost
                stats.onPacket(seq, seq * 960L, seq * 20 * MS, 100, 12);
            }
        }
        final ReportBlock first = stats.report(2_000 * MS);
        assertThat(first.ssrc()).isEqualTo(7);
        assertThat(first.cumulativeLost()).isEqualTo(10);
        assertThat(first.fractionLost()).isEqualTo(10 * 256 / 100);
        assertThat(first.extendedHighestSequenceNumber()).isEqualTo(99);
        assertThat(stats.packetsReceived()).isEqualTo(90);
        assertThat(stats.bytesReceived()).isEqualTo(9_000);
        for (int seq = 100; seq < 150; seq++) {
            stats.onPacket(seq, seq * 960L, seq * 20 * MS, 100, 12);
        }
        final ReportBlock second = stats.report(3_000 * MS);
        assertThat(second.fractionLost()).as("nothing lost since the last report").isZero();
        assertThat(second.cumulativeLost()).isEqualTo(10);
    }

    @Test
    void extendsTheSequenceNumberAcrossTheWrap() {
        final ReceiveStatistics stats = new ReceiveStatistics(7, 48_000);
        for (int i = 0; i < 20; i++) {
            final int seq = (65_530 + i) & 0xFFFF;
            stats.onPacket(seq, i * 960L, i * 20 * MS, 100, 12);
        }
        final ReportBlock block = stats.report(0);
        assertThat(block.extendedHighestSequenceNumber()).isEqualTo(65_536 + 13);
        assertThat(block.cumulativeLost()).isZero();
    }

    @Test
    void reorderedPacketsAreNotLost() {
        final ReceiveStatistics stats = new ReceiveStatistics(7, 48_000);
        final int[] order = {0, 2, 1, 3, 5, 4};
        for (int seq : order) {
            stats.onPacket(seq, seq * 960L, seq * 20 * MS, 100, 12);
        }
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void jitterIsZeroForEvenlySpacedPacketsAndGrowsWithVariation() {
        final ReceiveStatistics steady = new ReceiveStatistics(7, 48_000);
        final ReceiveStatistics jittery = new ReceiveStatistics(8, 48_000);
        for (int seq = 0; seq < 500; seq++) {
            steady.onPacket(seq, seq * 960L, 5 * MS + seq * 20 * MS, 100, 12);
            // every other packet 10 ms late: |D| = 480 units each time, so J converges to 480
            jittery.onPacket(seq, seq * 960L, seq * 20 * MS + (seq % 2) * 10 * MS, 100, 12);
        }
        assertThat(steady.jitterUnits()).isZero();
        assertThat(jittery.jitterUnits()).isBetween(470L, 480L);
        assertThat(jittery.jitterSeconds()).isBetween(0.0097, 0.0101);
    }

    @Test
    void reportsLsrAndTheDelaySinceIt() {
        final ReceiveStatistics stats = new ReceiveStatistics(7, 48_000);
        stats.onPacket(1, 960, 0, 100, 12);
        final long srNtp = 0x0001_2345_6789_0000L;
        stats.onSenderReport(srNtp, 960, 1, 100, 1_000 * MS);
        final ReportBlock block = stats.report(1_500 * MS);
        assertThat(block.lastSenderReport()).isEqualTo(NtpTime.compact(srNtp));
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(65_536 / 2);
    }
}
