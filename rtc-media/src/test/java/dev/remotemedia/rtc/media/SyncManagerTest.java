package dev.remotemedia.rtc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyncManagerTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    /** 2026-01-01T00:00:00Z as NTP: seconds since 1900 in the high word. */
    private static final long NTP_BASE = (3_976_214_400L) << 32;
    private static final long UNIX_BASE = NtpTime.toUnixNanos(NTP_BASE);

    @Test
    void mapsRtpTimeToTheSendersClockAcrossAWrap() {
        final SyncManager sync = new SyncManager();
        sync.register(1, 48_000, true);
        assertThat(sync.captureTimeNanos(1, 0)).isEqualTo(-1); // no report yet
        sync.onSenderReport(1, NTP_BASE, 0xFFFF_FF00L);
        assertThat(sync.captureTimeNanos(1, 0xFFFF_FF00L)).isEqualTo(UNIX_BASE);
        assertThat(sync.captureTimeNanos(1, 0xFFFF_FF00L + 48_000 & 0xFFFF_FFFFL)).isEqualTo(UNIX_BASE + SECOND);
        assertThat(sync.captureTimeNanos(1, 0xFFFF_FF00L - 480)).isEqualTo(UNIX_BASE - 10 * MS);
        assertThat(sync.captureTimeNanos(99, 0)).isEqualTo(-1); // unknown stream
    }

    @Test
    void tellsWhatIsPlayingOutOnTheSendersClock() {
        final SyncManager sync = new SyncManager();
        sync.register(1, 48_000, true);
        sync.onSenderReport(1, NTP_BASE, 1_000);
        assertThat(sync.playoutCaptureTimeNanos(1, 5 * SECOND)).isEqualTo(-1); // nothing played
        sync.onPlayout(1, 1_000 + 4_800, 5 * SECOND); // 100 ms after the report's sample, played at our 5 s
        assertThat(sync.playoutCaptureTimeNanos(1, 5 * SECOND + 20 * MS)).isEqualTo(UNIX_BASE + 120 * MS);
    }

    @Test
    void lipSyncPlacesAVideoFrameAgainstTheAudioPlayingOut() {
        final SyncManager sync = new SyncManager();
        sync.register(1, 48_000, true);   // audio, the master
        sync.register(2, 90_000, false);  // video
        // Both reports describe the same sender instant with each stream's own RTP time.
        sync.onSenderReport(1, NTP_BASE, 10_000);
        sync.onSenderReport(2, NTP_BASE, 500_000);
        // The audio captured at that instant plays out at our 3 s.
        sync.onPlayout(1, 10_000, 3 * SECOND);
        // A video frame captured 40 ms after that instant should show 40 ms after 3 s …
        assertThat(sync.alignedPlayoutNanos(2, 500_000 + 3_600, 3 * SECOND)).isEqualTo(3 * SECOND + 40 * MS);
        // … asked 10 ms later, still at the same moment.
        assertThat(sync.alignedPlayoutNanos(2, 500_000 + 3_600, 3 * SECOND + 10 * MS)).isEqualTo(3 * SECOND + 40 * MS);
        // Without a report for the video there is no answer.
        final SyncManager noVideoReport = new SyncManager();
        noVideoReport.register(1, 48_000, true);
        noVideoReport.register(2, 90_000, false);
        noVideoReport.onSenderReport(1, NTP_BASE, 10_000);
        noVideoReport.onPlayout(1, 10_000, 3 * SECOND);
        assertThat(noVideoReport.alignedPlayoutNanos(2, 0, 3 * SECOND)).isEqualTo(-1);
    }

    @Test
    void refusesANonsenseClockRate() {
        assertThatThrownBy(() -> new SyncManager().register(1, 0, true)).hasMessage("clockRate: 0 (expected: > 0)");
    }
}
