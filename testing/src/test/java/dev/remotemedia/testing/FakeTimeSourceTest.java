package dev.remotemedia.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class FakeTimeSourceTest {

    @Test
    void startsAtOneSecondByDefault() {
        assertThat(FakeTimeSource.of().nowNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void startsAtTheGivenTimeEvenANegativeOne() {
        assertThat(FakeTimeSource.of(123).nowNanos()).isEqualTo(123);
        assertThat(FakeTimeSource.of(-5).nowNanos()).isEqualTo(-5);
    }

    @Test
    void staysPutUntilMoved() {
        final FakeTimeSource clock = FakeTimeSource.of(7);
        assertThat(clock.nowNanos()).isEqualTo(7);
        assertThat(clock.nowNanos()).isEqualTo(7);
    }

    @Test
    void advanceAddsNanosAndReturnsTheNewTime() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        assertThat(clock.advance(50)).isEqualTo(150);
        assertThat(clock.advance(0)).isEqualTo(150);
        assertThat(clock.nowNanos()).isEqualTo(150);
    }

    @Test
    void advanceAddsADuration() {
        final FakeTimeSource clock = FakeTimeSource.of(0);
        assertThat(clock.advance(Duration.ofMillis(3))).isEqualTo(3_000_000);
        assertThat(clock.advance(Duration.ofSeconds(1))).isEqualTo(1_003_000_000);
    }

    @Test
    void advanceRefusesToGoBackwards() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        assertThatThrownBy(() -> clock.advance(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nanos: -1 (expected: >= 0)");
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration: PT-0.002S (expected: >= 0)");
        assertThatThrownBy(() -> clock.advance(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("duration");
        assertThat(clock.nowNanos()).isEqualTo(100);
    }

    @Test
    void advanceRefusesToOverflow() {
        final FakeTimeSource clock = FakeTimeSource.of(Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> clock.advance(2)).isInstanceOf(ArithmeticException.class);
        assertThat(clock.nowNanos()).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void setNanosMovesForwardOrStays() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        clock.setNanos(250);
        assertThat(clock.nowNanos()).isEqualTo(250);
        clock.setNanos(250);
        assertThat(clock.nowNanos()).isEqualTo(250);
    }

    @Test
    void setNanosRefusesToGoBackwards() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        assertThatThrownBy(() -> clock.setNanos(99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nowNanos: 99 (expected: >= 100, the current time)");
        assertThat(clock.nowNanos()).isEqualTo(100);
    }

    @Test
    void hasNoDeadlineWithoutSources() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        assertThat(clock.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(clock.jumpToNextDeadline()).isFalse();
        assertThat(clock.nowNanos()).isEqualTo(100);
    }

    @Test
    void hasNoDeadlineWhenEverySourceIsIdle() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        clock.addDeadlineSource(() -> Long.MAX_VALUE);
        clock.addDeadlineSource(() -> Long.MAX_VALUE);
        assertThat(clock.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(clock.jumpToNextDeadline()).isFalse();
        assertThat(clock.nowNanos()).isEqualTo(100);
    }

    @Test
    void nextDeadlineIsTheEarliestOverAllSources() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        clock.addDeadlineSource(() -> 500);
        clock.addDeadlineSource(() -> Long.MAX_VALUE);
        clock.addDeadlineSource(() -> 300);
        clock.addDeadlineSource(() -> 400);
        assertThat(clock.nextDeadlineNanos()).isEqualTo(300);
    }

    @Test
    void jumpsToTheEarliestDeadline() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        clock.addDeadlineSource(() -> 500);
        clock.addDeadlineSource(() -> 300);
        assertThat(clock.jumpToNextDeadline()).isTrue();
        assertThat(clock.nowNanos()).isEqualTo(300);
    }

    @Test
    void jumpNeverGoesBackToAnOverdueDeadline() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        clock.addDeadlineSource(() -> 40);
        clock.addDeadlineSource(() -> 500);
        assertThat(clock.nextDeadlineNanos()).isEqualTo(40);
        assertThat(clock.jumpToNextDeadline()).isTrue();
        assertThat(clock.nowNanos()).isEqualTo(100);
    }

    @Test
    void jumpStaysAtADeadlineDueNow() {
        final FakeTimeSource clock = FakeTimeSource.of(100);
        clock.addDeadlineSource(() -> 100);
        assertThat(clock.jumpToNextDeadline()).isTrue();
        assertThat(clock.nowNanos()).isEqualTo(100);
    }

    @Test
    void asksEachSourceAfreshOnEveryCall() {
        final FakeTimeSource clock = FakeTimeSource.of(0);
        final long[] deadline = {10};
        clock.addDeadlineSource(() -> deadline[0]);
        assertThat(clock.nextDeadlineNanos()).isEqualTo(10);
        deadline[0] = 25;
        assertThat(clock.jumpToNextDeadline()).isTrue();
        assertThat(clock.nowNanos()).isEqualTo(25);
    }

    @Test
    void closedSourceIsNoLongerAsked() {
        final FakeTimeSource clock = FakeTimeSource.of(0);
        final FakeTimeSource.Registration early = clock.addDeadlineSource(() -> 10);
        clock.addDeadlineSource(() -> 20);
        early.close();
        assertThat(clock.nextDeadlineNanos()).isEqualTo(20);
        early.close(); // harmless
        assertThat(clock.nextDeadlineNanos()).isEqualTo(20);
    }

    @Test
    void closingOneOfTwoRegistrationsOfTheSameSourceKeepsTheOther() {
        final FakeTimeSource clock = FakeTimeSource.of(0);
        final LongSupplier source = () -> 10;
        final FakeTimeSource.Registration first = clock.addDeadlineSource(source);
        final FakeTimeSource.Registration second = clock.addDeadlineSource(source);
        first.close();
        assertThat(clock.nextDeadlineNanos()).isEqualTo(10);
        second.close();
        assertThat(clock.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsANullSource() {
        assertThatThrownBy(() -> FakeTimeSource.of().addDeadlineSource(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("nextDeadlineNanos");
    }

    @Test
    void drivesAPeriodicTimerWithoutSleeping() {
        final FakeTimeSource clock = FakeTimeSource.of(0);
        final PeriodicTimer timer = new PeriodicTimer(0, 100, 3);
        clock.addDeadlineSource(timer::nextDeadlineNanos);
        while (clock.jumpToNextDeadline()) {
            timer.advanceTime(clock.nowNanos());
        }
        assertThat(timer.firedAtNanos).containsExactly(100L, 200L, 300L);
        assertThat(clock.nowNanos()).isEqualTo(300);
    }

    /** A sans-I/O core that fires every {@code periodNanos}, {@code times} times. */
    private static final class PeriodicTimer {
        private final long periodNanos;
        private final int times;
        private final List<Long> firedAtNanos = new ArrayList<>();
        private long nextNanos;

        PeriodicTimer(long startNanos, long periodNanos, int times) {
            this.periodNanos = periodNanos;
            this.times = times;
            nextNanos = startNanos + periodNanos;
        }

        long nextDeadlineNanos() {
            return firedAtNanos.size() < times ? nextNanos : Long.MAX_VALUE;
        }

        void advanceTime(long nowNanos) {
            while (firedAtNanos.size() < times && nextNanos <= nowNanos) {
                firedAtNanos.add(nowNanos);
                nextNanos += periodNanos;
            }
        }
    }
}
