package dev.remotemedia.testing;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A {@link TimeSource} that moves only when the test moves it, so tests of sans-I/O protocol cores
 * never sleep and never flake. Besides stepping by hand ({@link #advance(long)}, {@link
 * #setNanos(long)}), it can jump straight to the earliest timer of the cores and links registered
 * with {@link #addDeadlineSource(LongSupplier)}:
 *
 * <pre>{@code
 * FakeTimeSource clock = FakeTimeSource.of();
 * clock.addDeadlineSource(link::nextDeadlineNanos);
 * clock.addDeadlineSource(association::nextDeadlineNanos);
 * while (clock.jumpToNextDeadline()) {
 *     // deliver what the link has due, call association.advanceTime(clock.nowNanos()), ...
 * }
 * }</pre>
 *
 * <p>{@link #of()} starts at {@link #DEFAULT_START_NANOS} (one second), not zero: code that treats
 * zero as "never" or computes {@code now - interval} without a guard then fails in tests instead of
 * only on a freshly booted machine.
 *
 * <p>Not thread-safe: one test thread drives it and everything registered with it.
 */
public final class FakeTimeSource implements TimeSource {

    /** Where {@link #of()} starts: one second, so that zero never means "now". */
    public static final long DEFAULT_START_NANOS = 1_000_000_000L;

    /** Returns a fake clock at {@link #DEFAULT_START_NANOS}. */
    public static FakeTimeSource of() {
        return new FakeTimeSource(DEFAULT_START_NANOS);
    }

    /**
     * Returns a fake clock at {@code startNanos}; any value, even a negative one, as {@link
     * System#nanoTime()} may return one.
     */
    public static FakeTimeSource of(long startNanos) {
        return new FakeTimeSource(startNanos);
    }

    private final List<Registration> sources = new ArrayList<>();
    private long nowNanos;

    private FakeTimeSource(long startNanos) {
        nowNanos = startNanos;
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    /**
     * Moves time forward by {@code nanos} and returns the new time.
     *
     * @throws IllegalArgumentException if {@code nanos} is negative: time never goes backwards
     * @throws ArithmeticException if the new time would overflow a {@code long}
     */
    public long advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= 0)");
        }
        nowNanos = Math.addExact(nowNanos, nanos);
        return nowNanos;
    }

    /**
     * Moves time forward by {@code duration} and returns the new time.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public long advance(Duration duration) {
        requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
        return advance(duration.toNanos());
    }

    /**
     * Sets the time to {@code nowNanos}, for tests that think in absolute times.
     *
     * @throws IllegalArgumentException if {@code nowNanos} is before the current time
     */
    public void setNanos(long nowNanos) {
        if (nowNanos < this.nowNanos) {
            throw new IllegalArgumentException("nowNanos: " + nowNanos + " (expected: >= "
                                               + this.nowNanos + ", the current time)");
        }
        this.nowNanos = nowNanos;
    }

    /**
     * Registers something with timers, such as a protocol core or an {@link InMemoryDatagramLink},
     * for {@link #nextDeadlineNanos()} and {@link #jumpToNextDeadline()}. The supplier is asked
     * afresh each time and returns {@link Long#MAX_VALUE} while it has no timer running.
     *
     * @return a handle whose {@link Registration#close()} unregisters the source; closing twice is
     *     harmless
     */
    public Registration addDeadlineSource(LongSupplier nextDeadlineNanos) {
        final Registration registration =
                new Registration(requireNonNull(nextDeadlineNanos, "nextDeadlineNanos"));
        sources.add(registration);
        return registration;
    }

    /**
     * Returns the earliest deadline over all registered sources, which may already be due, or
     * {@link Long#MAX_VALUE} when none has a timer running.
     */
    public long nextDeadlineNanos() {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < sources.size(); i++) {
            earliest = Math.min(earliest, sources.get(i).nextDeadlineNanos.getAsLong());
        }
        return earliest;
    }

    /**
     * Moves time to {@link #nextDeadlineNanos()} if that is later than now; a deadline already due
     * leaves time where it is, since time never goes backwards. Read the new time with {@link
     * #nowNanos()}.
     *
     * <p>The caller must fire what is due after each jump; a source whose overdue deadline is never
     * serviced keeps this returning {@code true} without moving time.
     *
     * @return {@code false}, with time unchanged, when no source has a timer running: the system
     *     is idle and a drive loop should stop
     */
    public boolean jumpToNextDeadline() {
        final long deadline = nextDeadlineNanos();
        if (deadline == Long.MAX_VALUE) {
            return false;
        }
        if (deadline > nowNanos) {
            nowNanos = deadline;
        }
        return true;
    }

    @Override
    public String toString() {
        return "FakeTimeSource{nowNanos=" + nowNanos + ", deadlineSources=" + sources.size() + '}';
    }

    /**
     * A registered deadline source; {@link #close()} unregisters it. An {@link AutoCloseable} whose
     * {@code close()} throws nothing, so it fits try-with-resources without a catch.
     */
    public final class Registration implements AutoCloseable {

        private final LongSupplier nextDeadlineNanos;

        private Registration(LongSupplier nextDeadlineNanos) {
            this.nextDeadlineNanos = nextDeadlineNanos;
        }

        /** Unregisters the source; later calls do nothing. */
        @Override
        public void close() {
            // By identity: two registrations of the same supplier are independent.
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i) == this) {
                    sources.remove(i);
                    return;
                }
            }
        }
    }
}
