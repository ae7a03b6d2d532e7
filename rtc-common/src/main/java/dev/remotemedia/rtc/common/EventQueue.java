package dev.remotemedia.rtc.common;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;

/**
 * The first-in, first-out queue through which a sans-I/O core hands events to its event loop. The
 * core {@link #add}s events while it handles a call ({@code handleInput}, {@code advanceTime},
 * {@code send}); the loop {@link #poll}s them after that call returns and only then runs user
 * callbacks, so no callback ever re-enters a core in the middle of a state change (STYLE.md rule
 * 7).
 *
 * <p>A bounded queue turns a loop that forgets to poll into a clear error instead of growing
 * without limit. Not thread-safe: the loop that owns the core is its only user.
 *
 * @param <E> the core's event type, usually a sealed interface of records
 */
public final class EventQueue<E> {

    private static final int INITIAL_CAPACITY = 16;

    private final ArrayDeque<E> events;
    private final int capacity;

    /** Returns a queue with no limit on how many events it holds. */
    public static <E> EventQueue<E> unbounded() {
        return new EventQueue<>(Integer.MAX_VALUE);
    }

    /** Returns a queue that refuses to hold more than {@code capacity} events. */
    public static <E> EventQueue<E> bounded(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        return new EventQueue<>(capacity);
    }

    private EventQueue(int capacity) {
        this.capacity = capacity;
        events = new ArrayDeque<>(Math.min(capacity, INITIAL_CAPACITY));
    }

    /**
     * Appends {@code event}.
     *
     * @throws IllegalStateException if the queue already holds {@link #capacity()} events
     */
    public void add(E event) {
        requireNonNull(event, "event");
        if (events.size() == capacity) {
            throw new IllegalStateException(
                    "event queue full: " + capacity + " events not polled (expected: the event "
                    + "loop polls every event after each call into the core), cannot add "
                    + event.getClass().getSimpleName());
        }
        events.addLast(event);
    }

    /** Removes and returns the oldest event, or returns {@code null} if there is none. */
    public @Nullable E poll() {
        return events.pollFirst();
    }

    /** Returns whether there is no event to poll. */
    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** Returns how many events wait to be polled. */
    public int size() {
        return events.size();
    }

    /** Returns the most events the queue holds; {@link Integer#MAX_VALUE} when unbounded. */
    public int capacity() {
        return capacity;
    }

    @Override
    public String toString() {
        return "EventQueue{size=" + events.size()
               + (capacity == Integer.MAX_VALUE ? "" : ", capacity=" + capacity) + '}';
    }
}
