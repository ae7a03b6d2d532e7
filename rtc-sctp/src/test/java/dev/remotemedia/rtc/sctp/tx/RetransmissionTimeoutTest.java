package dev.remotemedia.rtc.sctp.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetransmissionTimeoutTest {

    private static final long MS = 1_000_000L;

    private final RetransmissionTimeout rto = new RetransmissionTimeout(SctpOptions.builder()
            .rtoInitial(Duration.ofMillis(1000)).rtoMin(Duration.ofMillis(100)).rtoMax(Duration.ofMillis(5000))
            .minRttVariance(Duration.ZERO).maxRtt(Duration.ofSeconds(10)).maxTimerBackoff(Duration.ofMillis(3000))
            .build());

    @Test
    void startsAtTheInitialRto() {
        assertThat(rto.rtoNanos()).isEqualTo(1000 * MS);
        assertThat(rto.hasMeasurement()).isFalse();
    }

    @Test
    void firstSampleSetsSrttToItAndRttvarToHalfOfIt() {
        rto.observeRtt(200 * MS);

        assertThat(rto.srttNanos()).isEqualTo(200 * MS);
        assertThat(rto.rttvarNanos()).isEqualTo(100 * MS);
        assertThat(rto.rtoNanos()).isEqualTo(600 * MS);
    }

    @Test
    void laterSamplesSmoothWithAlphaOneEighthAndBetaOneQuarter() {
        rto.observeRtt(200 * MS);

        rto.observeRtt(120 * MS);

        // RTTVAR = 3/4 * 100 + 1/4 * |200 - 120| = 95; SRTT = 7/8 * 200 + 1/8 * 120 = 190.
        assertThat(rto.rttvarNanos()).isEqualTo(95 * MS);
        assertThat(rto.srttNanos()).isEqualTo(190 * MS);
        assertThat(rto.rtoNanos()).isEqualTo(570 * MS);
    }

    @Test
    void clampsBetweenMinimumAndMaximum() {
        for (int i = 0; i < 50; i++) {
            rto.observeRtt(MS);
        }
        assertThat(rto.rtoNanos()).isEqualTo(100 * MS);

        rto.observeRtt(9000 * MS);
        assertThat(rto.rtoNanos()).isEqualTo(5000 * MS);
    }

    @Test
    void keepsTheVarianceTermAboveItsFloor() {
        final RetransmissionTimeout floored = new RetransmissionTimeout(SctpOptions.defaults());
        for (int i = 0; i < 50; i++) {
            floored.observeRtt(300 * MS);
        }

        // Steady 300 ms: RTTVAR tends to 0, the 220 ms floor keeps the RTO at SRTT + 220 ms.
        assertThat(floored.rtoNanos()).isEqualTo(520 * MS);
    }

    @Test
    void ignoresImpossibleSamples() {
        rto.observeRtt(-1);
        rto.observeRtt(11_000 * MS);

        assertThat(rto.hasMeasurement()).isFalse();
        assertThat(rto.rtoNanos()).isEqualTo(1000 * MS);
    }

    @Test
    void backsOffByDoublingUpToTheMaximumBackoff() {
        rto.backOff();
        assertThat(rto.rtoNanos()).isEqualTo(2000 * MS);
        rto.backOff();
        assertThat(rto.rtoNanos()).isEqualTo(3000 * MS);
        rto.backOff();
        assertThat(rto.rtoNanos()).isEqualTo(3000 * MS);

        rto.observeRtt(100 * MS);
        assertThat(rto.rtoNanos()).isEqualTo(300 * MS);
    }

    @Test
    void backingOffNeverLowersAnRtoAboveTheBackoffLimit() {
        rto.observeRtt(2000 * MS);
        assertThat(rto.rtoNanos()).isEqualTo(5000 * MS);

        rto.backOff();

        assertThat(rto.rtoNanos()).isEqualTo(5000 * MS);
    }
}
