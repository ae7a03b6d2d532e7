package dev.remotemedia.rtc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventQueueTest {

    /** Events as cores declare them: a sealed interface of records. */
    private sealed interface TestEvent permits Connected, Message {}

    private record Connected() implements TestEvent {}

    private record Message(int n) implements TestEvent {}

    @Test
    void pollsEventsInTheOrderTheyWereAdded() {
        final EventQueue<TestEvent> queue = EventQueue.unbounded();
        queue.add(new Connected());
        queue.add(new Message(1));
        queue.add(new Message(2));
        assertThat(queue.poll()).isEqualTo(new Connected());
        assertThat(queue.poll()).isEqualTo(new Message(1));
        queue.add(new Message(3));
        assertThat(queue.poll()).isEqualTo(new Message(2));
        assertThat(queue.poll()).isEqualTo(new Message(3));
    }

    @Test
    void pollReturnsNullWhenEmpty() {
        final EventQueue<TestEvent> queue = EventQueue.unbounded();
        assertThat(queue.poll()).isNull();
        queue.add(new Connected());
        queue.poll();
        assertThat(queue.poll()).isNull();
    }

    @Test
    void sizeAndIsEmptyFollowAddsAndPolls() {
        final EventQueue<TestEvent> queue = EventQueue.unbounded();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.size()).isZero();
        queue.add(new Message(1));
        queue.add(new Message(2));
        assertThat(queue.isEmpty()).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        queue.poll();
        assertThat(queue.size()).isEqualTo(1);
        queue.poll();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.size()).isZero();
    }

    @Test
    void anUnboundedQueueHoldsManyEvents() {
        final EventQueue<TestEvent> queue = EventQueue.unbounded();
        for (int i = 0; i < 100_000; i++) {
            queue.add(new Message(i));
        }
        assertThat(queue.size()).isEqualTo(100_000);
        assertThat(queue.capacity()).isEqualTo(Integer.MAX_VALUE);
        for (int i = 0; i < 100_000; i++) {
            assertThat(queue.poll()).isEqualTo(new Message(i));
        }
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aBoundedQueueRefusesAnEventBeyondItsCapacityAndKeepsTheOthers() {
        final EventQueue<TestEvent> queue = EventQueue.bounded(2);
        assertThat(queue.capacity()).isEqualTo(2);
        queue.add(new Message(1));
        queue.add(new Message(2));
        assertThatThrownBy(() -> queue.add(new Message(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("event queue full: 2 events not polled (expected: the event loop polls "
                            + "every event after each call into the core), cannot add Message");
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll()).isEqualTo(new Message(1));
        queue.add(new Message(3));
        assertThat(queue.poll()).isEqualTo(new Message(2));
        assertThat(queue.poll()).isEqualTo(new Message(3));
        assertThat(queue.poll()).isNull();
    }

    @Test
    void aBoundedQueueNeedsRoomForOneEvent() {
        assertThatThrownBy(() -> EventQueue.bounded(0)).isInstanceOf(IllegalArgumentException.class)
                                                       .hasMessage("capacity: 0 (expected: > 0)");
        assertThatThrownBy(() -> EventQueue.bounded(-5)).isInstanceOf(IllegalArgumentException.class)
                                                        .hasMessage("capacity: -5 (expected: > 0)");
        final EventQueue<TestEvent> queue = EventQueue.bounded(1);
        queue.add(new Connected());
        assertThatThrownBy(() -> queue.add(new Connected())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesNull() {
        final EventQueue<TestEvent> queue = EventQueue.unbounded();
        assertThatThrownBy(() -> queue.add(null)).isInstanceOf(NullPointerException.class)
                                                 .hasMessage("event");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void toStringShowsSizeAndCapacity() {
        final EventQueue<TestEvent> unbounded = EventQueue.unbounded();
        unbounded.add(new Connected());
        assertThat(unbounded).hasToString("EventQueue{size=1}");
        assertThat(EventQueue.bounded(8)).hasToString("EventQueue{size=0, capacity=8}");
    }
}
