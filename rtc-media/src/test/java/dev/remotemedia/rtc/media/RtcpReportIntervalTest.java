package dev.remotemedia.rtc.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtcpReportIntervalTest {
    private static final long S = 1_000_000_000L;

    @Test
    void firstReportAfterHalfAnIntervalThenRandomizedIntervals() {
        final RtcpReportInterval interval = new RtcpReportInterval(S, new SplittableRandom(42));
        assertThat(interval.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        interval.start(0);
        final long first = interval.nextDeadlineNanos();
        assertThat(first).isBetween(S / 4, 3 * S / 4);
        assertThat(interval.due(first - 1)).isFalse();
        long now = first;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1_000; i++) {
            assertThat(interval.due(now)).isTrue();
            final long gap = interval.nextDeadlineNanos() - now;
            min = Math.min(min, gap);
            max = Math.max(max, gap);
            now = interval.nextDeadlineNanos();
        }
        assertThat(min).isBetween(S / 2, 6 * S / 10);
        assertThat(max).isBetween(14 * S / 10, 3 * S / 2);
    }
}
