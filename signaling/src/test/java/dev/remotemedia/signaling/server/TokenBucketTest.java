package dev.remotemedia.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.testing.FakeTimeSource;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final FakeTimeSource clock = FakeTimeSource.of();

    @Test
    void allowsTheBurstThenTheRate() {
        final TokenBucket bucket = new TokenBucket(10, 5, clock.nowNanos());
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(1, clock.nowNanos())).isTrue();
        }
        assertThat(bucket.tryTake(1, clock.nowNanos())).isFalse();
        clock.advance(java.time.Duration.ofMillis(100).toNanos());
        assertThat(bucket.tryTake(1, clock.nowNanos())).isTrue();
        assertThat(bucket.tryTake(1, clock.nowNanos())).isFalse();
        clock.advance(java.time.Duration.ofSeconds(60).toNanos());
        assertThat(bucket.tryTake(5, clock.nowNanos())).isTrue(); // refills to the burst, no more
        assertThat(bucket.tryTake(1, clock.nowNanos())).isFalse();
    }

    @Test
    void aBatchTakesAllItsTokensOrNone() {
        final TokenBucket bucket = new TokenBucket(1, 3, clock.nowNanos());
        assertThat(bucket.tryTake(4, clock.nowNanos())).isFalse();
        assertThat(bucket.tryTake(3, clock.nowNanos())).isTrue();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).hasMessage("ratePerSecond: 0 (expected: > 0)");
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).hasMessage("burst: 0 (expected: > 0)");
    }
}
