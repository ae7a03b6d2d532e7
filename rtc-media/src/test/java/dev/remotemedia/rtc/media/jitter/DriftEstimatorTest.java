package dev.remotemedia.rtc.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftEstimatorTest {
    private static final long MS = 1_000_000L;

    /** Feeds {@code seconds} of 20 ms packets from a sender {@code ppm} fast, with Gaussian jitter and one delay step. */
    private static double estimate(double ppm, double jitterMillis, int seconds, boolean step) {
        final DriftEstimator drift = new DriftEstimator();
        final SplittableRandom random = new SplittableRandom(5);
        for (long i = 0; i < seconds * 50L; i++) {
            final long sendNanos = i * 20 * MS; // the sender's clock
            final double trueSendMillis = i * 20 / (1 + ppm * 1e-6);
            double delay = 30 + Math.abs(random.nextGaussian()) * jitterMillis;
            if (step && i > seconds * 25L) {
                delay += 200;
            }
            final long arrival = Math.round((trueSendMillis + delay) * 1e6);
            drift.onPacket(sendNanos, arrival - sendNanos);
        }
        return drift.ppm();
    }

    @Test
    void measuresAFastAndASlowSender() {
        assertThat(estimate(500, 10, 180, false)).isCloseTo(500, offset(25.0));
        assertThat(estimate(-500, 10, 180, false)).isCloseTo(-500, offset(25.0));
        assertThat(estimate(0, 10, 180, false)).isCloseTo(0, offset(25.0));
    }

    @Test
    void aDelayStepDoesNotLookLikeDrift() {
        assertThat(estimate(100, 5, 240, true)).isCloseTo(100, offset(25.0));
    }

    @Test
    void saysNothingBeforeItHasSeenEnough() {
        assertThat(estimate(500, 10, 20, false)).isZero();
    }
}
