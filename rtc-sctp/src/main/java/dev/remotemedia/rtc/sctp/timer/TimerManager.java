package dev.remotemedia.rtc.sctp.timer;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The timers of one association. The event loop schedules a wake-up at {@link
 * #nextDeadlineNanos()} and then calls {@link #advanceTime(long)}. An association has a handful of
 * timers, so a linear scan beats a priority queue here. Not thread-safe.
 */
public final class TimerManager {

    private final List<Timer> timers = new ArrayList<>();
    private long created;
    private boolean advancing;

    /**
     * Creates a stopped timer.
     *
     * @param name a name for logs, such as {@code "t3-rtx"}
     * @param handler runs on each expiry, inside {@link #advanceTime(long)}
     */
    public Timer create(String name, TimerOptions options, Timer.ExpiryHandler handler) {
        final Timer timer = new Timer(this, name, options, handler, created++);
        timers.add(timer);
        return timer;
    }

    /** Returns the earliest deadline of a running timer, or {@link Long#MAX_VALUE} when none runs. */
    public long nextDeadlineNanos() {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < timers.size(); i++) {
            earliest = Math.min(earliest, timers.get(i).deadlineNanos());
        }
        return earliest;
    }

    /**
     * Fires every timer whose deadline is at or before {@code nowNanos}, earliest deadline first
     * and, on a tie, in creation order. A timer re-armed or started by a handler expires after
     * {@code nowNanos}, so each timer fires at most once per call.
     *
     * @return how many expiries ran
     * @throws IllegalStateException if called from an expiry handler
     */
    public int advanceTime(long nowNanos) {
        if (advancing) {
            throw new IllegalStateException("advanceTime called from a timer's expiry handler "
                                            + "(expected: call it from the event loop only)");
        }
        advancing = true;
        try {
            int fired = 0;
            Timer due;
            while ((due = earliestDue(nowNanos)) != null) {
                due.expire(nowNanos);
                fired++;
            }
            return fired;
        } finally {
            advancing = false;
        }
    }

    /** Returns how many timers are open (created and not closed). */
    public int size() {
        return timers.size();
    }

    void remove(Timer timer) {
        requireNonNull(timer, "timer");
        timers.remove(timer);
    }

    private Timer earliestDue(long nowNanos) {
        Timer earliest = null;
        for (int i = 0; i < timers.size(); i++) {
            final Timer timer = timers.get(i);
            if (!timer.isRunning() || timer.deadlineNanos() > nowNanos) {
                continue;
            }
            if (earliest == null || timer.deadlineNanos() < earliest.deadlineNanos()
                || (timer.deadlineNanos() == earliest.deadlineNanos() && timer.order() < earliest.order())) {
                earliest = timer;
            }
        }
        return earliest;
    }

    @Override
    public String toString() {
        return "TimerManager{timers=" + timers + '}';
    }
}
