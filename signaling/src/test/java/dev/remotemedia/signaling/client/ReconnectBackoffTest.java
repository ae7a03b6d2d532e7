package dev.remotemedia.signaling.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.transport.WebRtcTransportConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private final ReconnectBackoff backoff = ReconnectBackoff.of(Duration.ofMillis(100), 2, Duration.ofSeconds(1), 5);

    @Test
    void stepsGrowByTheFactorUpToTheCap() {
        assertThat(backoff.step(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.step(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.step(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.step(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.step(1000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterSpansTheUpperHalfOfEachStep() {
        assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3, () -> 0.5)).isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.delay(3, () -> 0.999_999)).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
        assertThatThrownBy(() -> backoff.delay(1, () -> 1.0)).hasMessageContaining("expected: in [0, 1)");
    }

    @Test
    void attemptsAreCountedUnlessTheLimitIsZero() {
        assertThat(backoff.allows(5)).isTrue();
        assertThat(backoff.allows(6)).isFalse();
        assertThat(ReconnectBackoff.of(Duration.ofMillis(1), 1, Duration.ofMillis(1), 0).allows(1_000_000)).isTrue();
    }

    @Test
    void takesItsSettingsFromTheConfig() {
        final ReconnectBackoff fromConfig = ReconnectBackoff.of(WebRtcTransportConfig.builder()
                .reconnectInitialDelay(Duration.ofMillis(250)).reconnectBackoffFactor(1.5)
                .reconnectMaxDelay(Duration.ofSeconds(2)).reconnectMaxAttempts(7).build());
        assertThat(fromConfig.step(2)).isEqualTo(Duration.ofMillis(375));
        assertThat(fromConfig.maxAttempts()).isEqualTo(7);
        assertThat(ReconnectBackoff.of(WebRtcTransportConfig.defaults()).step(1)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> ReconnectBackoff.of(Duration.ZERO, 2, Duration.ofSeconds(1), 1))
                .hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> ReconnectBackoff.of(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1), 1))
                .hasMessageContaining("factor: 0.5");
        assertThatThrownBy(() -> ReconnectBackoff.of(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 1))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> ReconnectBackoff.of(Duration.ofMillis(1), 2, Duration.ofSeconds(1), -1))
                .hasMessageContaining("maxAttempts");
    }
}
