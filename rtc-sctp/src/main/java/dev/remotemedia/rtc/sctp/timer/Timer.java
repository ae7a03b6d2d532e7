package dev.remotemedia.rtc.sctp.timer;

import static java.util.Objects.requireNonNull;

/**
 * One named protocol timer with a deadline in nanoseconds, created by and fired from a {@link
 * TimerManager}. Not thread-safe: use it from the loop that owns the association.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>One expiry runs the handler once. Before the handler runs, the timer has either re-armed
 *       itself ({@link TimerOptions}) for a deadline after the expiry time, or stopped; so a timer
 *       fires at most once per {@link TimerManager#advanceTime} call.</li>
 *   <li>The handler may {@link #start}, {@link #stop}, {@link #setDurationNanos} or {@link #close}
 *       its own timer (and others); a {@code start} from the handler replaces the automatic
 *       re-arm.</li>
 * </ul>
 */
public final class Timer {

    /** Runs when a timer expires, inside {@link TimerManager#advanceTime}. */
    @FunctionalInterface
    public interface ExpiryHandler {
        /**
         * Called once per expiry. {@link Timer#isRunning()} tells whether the timer re-armed itself
         * or has used up its {@link TimerOptions#maxRestarts()}; {@link Timer#expirationCount()}
         * how many times in a row it has expired since it was last started.
         */
        void onExpiry(Timer timer, long nowNanos);
    }

    private final TimerManager manager;
    private final String name;
    private final TimerOptions options;
    private final ExpiryHandler handler;
    private final long order;
    private long durationNanos;
    private boolean running;
    private long deadlineNanos = Long.MAX_VALUE;
    private int expirationCount;
    private boolean closed;

    Timer(TimerManager manager, String name, TimerOptions options, ExpiryHandler handler, long order) {
        this.manager = manager;
        this.name = requireNonNull(name, "name");
        this.options = requireNonNull(options, "options");
        this.handler = requireNonNull(handler, "handler");
        this.order = order;
        durationNanos = options.durationNanos();
    }

    /**
     * Starts the timer to expire {@link #durationNanos()} after {@code nowNanos}, restarting it if
     * it runs, and resets {@link #expirationCount()} (so the backoff starts over).
     *
     * @throws IllegalStateException if the timer is closed
     */
    public void start(long nowNanos) {
        checkOpen();
        expirationCount = 0;
        arm(nowNanos, durationNanos);
    }

    /** Stops the timer if it runs and resets {@link #expirationCount()}. */
    public void stop() {
        running = false;
        deadlineNanos = Long.MAX_VALUE;
        expirationCount = 0;
    }

    /** Stops the timer and removes it from its manager for good; later calls do nothing. */
    public void close() {
        if (!closed) {
            stop();
            closed = true;
            manager.remove(this);
        }
    }

    /** Returns whether the timer will expire at {@link #deadlineNanos()}. */
    public boolean isRunning() {
        return running;
    }

    /** Returns when the timer expires, or {@link Long#MAX_VALUE} when it does not run. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** Returns how many times the timer has expired in a row since it was last started or stopped. */
    public int expirationCount() {
        return expirationCount;
    }

    /** Returns the base duration the next {@link #start} uses. */
    public long durationNanos() {
        return durationNanos;
    }

    /**
     * Sets the base duration for the next {@link #start} and automatic re-arm (T3-rtx follows the
     * RTO this way); a running timer keeps its deadline.
     */
    public void setDurationNanos(long durationNanos) {
        this.durationNanos = TimerOptions.checkDuration("durationNanos", durationNanos);
    }

    /** Returns the name given at creation, for logs. */
    public String name() {
        return name;
    }

    /** Returns the options given at creation. */
    public TimerOptions options() {
        return options;
    }

    long order() {
        return order;
    }

    /** Counts an expiry, re-arms or stops, then runs the handler; the manager calls it when due. */
    void expire(long nowNanos) {
        expirationCount++;
        running = false;
        deadlineNanos = Long.MAX_VALUE;
        if (expirationCount <= options.maxRestarts()) {
            arm(nowNanos, options.backedOffNanos(durationNanos, expirationCount));
        }
        handler.onExpiry(this, nowNanos);
    }

    private void arm(long nowNanos, long duration) {
        running = true;
        // Saturate rather than wrap, and keep MAX_VALUE meaning "not running".
        deadlineNanos = nowNanos > Long.MAX_VALUE - 1 - duration ? Long.MAX_VALUE - 1 : nowNanos + duration;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("timer " + name + " is closed (expected: an open timer)");
        }
    }

    @Override
    public String toString() {
        return "Timer{" + name + (running ? ", deadlineNanos=" + deadlineNanos : ", stopped")
               + ", expirations=" + expirationCount + '}';
    }
}
