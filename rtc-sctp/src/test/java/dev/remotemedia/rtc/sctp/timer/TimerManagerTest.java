package dev.remotemedia.rtc.sctp.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerManagerTest {

    private static final long MS = 1_000_000L;
    private static final long START = 1_000 * MS;

    private final TimerManager timers = new TimerManager();
    private final List<String> fired = new ArrayList<>();

    private Timer timer(String name, TimerOptions options) {
        return timers.create(name, options, (t, now) -> fired.add(t.name() + "@" + (now - START) / MS));
    }

    @Test
    void hasNoDeadlineWhenNoTimerRuns() {
        timer("a", TimerOptions.oneShot(10 * MS));

        assertThat(timers.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(timers.advanceTime(Long.MAX_VALUE - 1)).isZero();
    }

    @Test
    void oneShotTimerFiresOnceAtItsDeadlineAndStops() {
        final Timer t = timer("delayed-ack", TimerOptions.oneShot(200 * MS));
        t.start(START);

        assertThat(timers.nextDeadlineNanos()).isEqualTo(START + 200 * MS);
        assertThat(timers.advanceTime(START + 199 * MS)).isZero();
        assertThat(timers.advanceTime(START + 200 * MS)).isOne();
        assertThat(timers.advanceTime(START + 10_000 * MS)).isZero();

        assertThat(fired).containsExactly("delayed-ack@200");
        assertThat(t.isRunning()).isFalse();
        assertThat(timers.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void periodicTimerReArmsFromTheTimeItFired() {
        final Timer t = timer("heartbeat", TimerOptions.periodic(30 * MS));
        t.start(START);

        timers.advanceTime(START + 35 * MS);
        assertThat(t.deadlineNanos()).isEqualTo(START + 65 * MS);
        timers.advanceTime(START + 65 * MS);

        assertThat(fired).containsExactly("heartbeat@35", "heartbeat@65");
        assertThat(t.expirationCount()).isEqualTo(2);
    }

    @Test
    void firesAtMostOncePerAdvanceEvenWhenManyPeriodsWentBy() {
        timer("heartbeat", TimerOptions.periodic(10 * MS)).start(START);

        assertThat(timers.advanceTime(START + 1_000 * MS)).isOne();

        assertThat(fired).containsExactly("heartbeat@1000");
    }

    @Test
    void exponentialBackoffDoublesTheDurationUpToItsMaximum() {
        final Timer t = timer("t1-init", TimerOptions.exponential(1_000 * MS, 3_000 * MS, 10));
        t.start(START);
        final List<Long> gaps = new ArrayList<>();
        long previous = START;
        for (int i = 0; i < 4; i++) {
            final long deadline = timers.nextDeadlineNanos();
            gaps.add((deadline - previous) / MS);
            previous = deadline;
            timers.advanceTime(deadline);
        }

        assertThat(gaps).containsExactly(1_000L, 2_000L, 3_000L, 3_000L);
    }

    @Test
    void stopsAfterMaxRestartsAndLetsTheHandlerSeeIt() {
        final List<Boolean> runningInHandler = new ArrayList<>();
        final Timer t = timers.create("t1-init", TimerOptions.exponential(MS, 100 * MS, 2),
                                      (timer, now) -> runningInHandler.add(timer.isRunning()));
        t.start(START);

        while (timers.nextDeadlineNanos() != Long.MAX_VALUE) {
            timers.advanceTime(timers.nextDeadlineNanos());
        }

        // Max.Init.Retransmits = 2: two re-arms (retransmissions), then the third expiry gives up.
        assertThat(runningInHandler).containsExactly(true, true, false);
        assertThat(t.expirationCount()).isEqualTo(3);
    }

    @Test
    void restartingFromItsOwnHandlerReplacesTheAutomaticReArm() {
        final Timer[] self = new Timer[1];
        self[0] = timers.create("t3-rtx", TimerOptions.exponential(100 * MS, 10_000 * MS, 5), (t, now) -> {
            fired.add("t3@" + (now - START) / MS);
            t.setDurationNanos(250 * MS);
            t.start(now);
        });
        self[0].start(START);

        timers.advanceTime(START + 100 * MS);

        assertThat(self[0].deadlineNanos()).isEqualTo(START + 350 * MS);
        assertThat(self[0].expirationCount()).isZero();
        timers.advanceTime(START + 349 * MS);
        timers.advanceTime(START + 350 * MS);
        assertThat(fired).containsExactly("t3@100", "t3@350");
    }

    @Test
    void stoppingFromItsOwnHandlerStopsIt() {
        final Timer t = timers.create("heartbeat", TimerOptions.periodic(10 * MS), (timer, now) -> timer.stop());
        t.start(START);

        timers.advanceTime(START + 10 * MS);

        assertThat(t.isRunning()).isFalse();
        assertThat(timers.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aHandlerMayStartAnotherTimerWhichThenFiresLater() {
        final Timer second = timer("second", TimerOptions.oneShot(5 * MS));
        timers.create("first", TimerOptions.oneShot(5 * MS), (t, now) -> second.start(now)).start(START);

        assertThat(timers.advanceTime(START + 5 * MS)).isOne();
        assertThat(timers.advanceTime(START + 10 * MS)).isOne();
        assertThat(fired).containsExactly("second@10");
    }

    @Test
    void firesDueTimersEarliestFirstAndTiesInCreationOrder() {
        timer("c", TimerOptions.oneShot(30 * MS)).start(START);
        timer("a", TimerOptions.oneShot(20 * MS)).start(START);
        timer("b", TimerOptions.oneShot(20 * MS)).start(START);

        timers.advanceTime(START + 100 * MS);

        assertThat(fired).containsExactly("a@100", "b@100", "c@100");
    }

    @Test
    void startingAgainPostponesTheDeadlineAndResetsTheBackoff() {
        final Timer t = timer("t1", TimerOptions.exponential(10 * MS, 1_000 * MS, 5));
        t.start(START);
        timers.advanceTime(START + 10 * MS);
        assertThat(t.deadlineNanos()).isEqualTo(START + 30 * MS);

        t.start(START + 15 * MS);

        assertThat(t.deadlineNanos()).isEqualTo(START + 25 * MS);
        assertThat(t.expirationCount()).isZero();
    }

    @Test
    void aNewDurationAppliesFromTheNextStart() {
        final Timer t = timer("t3-rtx", TimerOptions.periodic(100 * MS));
        t.start(START);

        t.setDurationNanos(40 * MS);

        assertThat(t.deadlineNanos()).isEqualTo(START + 100 * MS);
        t.start(START);
        assertThat(t.deadlineNanos()).isEqualTo(START + 40 * MS);
    }

    @Test
    void aClosedTimerIsForgottenAndCannotStart() {
        final Timer t = timer("gone", TimerOptions.oneShot(MS));
        t.start(START);

        t.close();
        t.close();

        assertThat(timers.size()).isZero();
        assertThat(timers.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> t.start(START)).isInstanceOf(IllegalStateException.class)
                                                 .hasMessage("timer gone is closed (expected: an open timer)");
    }

    @Test
    void worksWithNegativeClockValuesAndSaturatesNearTheEndOfTime() {
        final Timer t = timer("t", TimerOptions.oneShot(10 * MS));
        t.start(-25 * MS);
        assertThat(t.deadlineNanos()).isEqualTo(-15 * MS);

        t.start(Long.MAX_VALUE - MS);

        assertThat(t.deadlineNanos()).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(t.isRunning()).isTrue();
    }

    @Test
    void refusesToAdvanceFromAnExpiryHandler() {
        final RuntimeException[] thrown = new RuntimeException[1];
        timers.create("reentrant", TimerOptions.oneShot(MS), (t, now) -> {
            try {
                timers.advanceTime(now);
            } catch (IllegalStateException e) {
                thrown[0] = e;
            }
        }).start(START);

        timers.advanceTime(START + MS);

        assertThat(thrown[0]).hasMessageContaining("advanceTime called from a timer's expiry handler");
    }

    @Test
    void rejectsNonsensicalOptions() {
        assertThatThrownBy(() -> TimerOptions.oneShot(0))
                .hasMessage("durationNanos: 0 (expected: 1..86400000000000)");
        assertThatThrownBy(() -> TimerOptions.exponential(MS, MS, -1))
                .hasMessage("maxRestarts: -1 (expected: >= 0)");
        assertThatThrownBy(() -> timers.create("t", TimerOptions.oneShot(MS), (t, now) -> {}).setDurationNanos(-5))
                .hasMessage("durationNanos: -5 (expected: 1..86400000000000)");
    }

    @Test
    void backoffNeverOverflowsOrDropsBelowTheBase() {
        final TimerOptions options = TimerOptions.exponential(MS, TimerOptions.MAX_DURATION_NANOS, 100);

        assertThat(options.backedOffNanos(MS, 99)).isEqualTo(TimerOptions.MAX_DURATION_NANOS);
        assertThat(TimerOptions.exponential(10 * MS, MS, 3).backedOffNanos(10 * MS, 3)).isEqualTo(10 * MS);
    }
}
