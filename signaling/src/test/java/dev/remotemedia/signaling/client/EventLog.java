package dev.remotemedia.signaling.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects a client's events so a test can wait for the next one of a kind. */
final class EventLog implements Consumer<SignalingEvent> {
    private final BlockingQueue<SignalingEvent> events = new LinkedBlockingQueue<>();
    /** Every event seen, in order, including those skipped while waiting. */
    final List<SignalingEvent> seen = new ArrayList<>();

    @Override
    public void accept(SignalingEvent event) {
        events.add(event);
    }

    /** Waits up to 10 s for the next event of {@code type} matching {@code filter}, skipping others. */
    <T extends SignalingEvent> T await(Class<T> type, Predicate<T> filter) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            final SignalingEvent event;
            try {
                event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertThat(event).as("a " + type.getSimpleName() + " within 10 s; seen: " + seen).isNotNull();
            seen.add(event);
            if (type.isInstance(event) && filter.test(type.cast(event))) {
                return type.cast(event);
            }
        }
    }

    <T extends SignalingEvent> T await(Class<T> type) {
        return await(type, e -> true);
    }

    SignalingEvent.StateChanged awaitState(ConnectionState state) {
        return await(SignalingEvent.StateChanged.class, e -> e.state() == state);
    }
}
