package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopTest {

    @Test
    void runsPostedTasksInOrderOnItsOwnThread() throws Exception {
        try (EventLoopGroup group = EventLoopGroup.create(1)) {
            final EventLoop loop = group.next();
            final List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            final Set<String> threads = ConcurrentHashMap.newKeySet();
            final CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 1_000; i++) {
                final int n = i;
                assertThat(loop.post(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread().getName());
                    assertThat(loop.inLoop()).isTrue();
                })).isTrue();
            }
            loop.post(done::countDown);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(order).hasSize(1_000).isSorted();
            assertThat(threads).containsExactly(loop.name());
            assertThat(loop.inLoop()).isFalse();
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheLoop() throws Exception {
        try (EventLoopGroup group = EventLoopGroup.create(1)) {
            final EventLoop loop = group.next();
            final CountDownLatch after = new CountDownLatch(1);
            loop.post(() -> {
                throw new IllegalStateException("deliberate");
            });
            loop.post(after::countDown);
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void scheduledTasksRunAfterTheirDelayAndCanBeCancelled() throws Exception {
        try (EventLoopGroup group = EventLoopGroup.create(1)) {
            final EventLoop loop = group.next();
            final CountDownLatch fired = new CountDownLatch(1);
            final List<String> ran = Collections.synchronizedList(new ArrayList<>());
            final long scheduledAt = System.nanoTime();
            final long[] firedAfter = new long[1];
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> {
                firedAfter[0] = System.nanoTime() - scheduledAt;
                fired.countDown();
            });
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(5), () -> ran.add("cancelled")).cancel(false);
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(firedAfter[0]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
            assertThat(ran).isEmpty();
        }
    }

    @Test
    void tasksPostedAfterCloseAreDroppedAndThreadsEnd() throws Exception {
        final EventLoopGroup group = EventLoopGroup.create(3);
        final EventLoop loop = group.next();
        final CountDownLatch started = new CountDownLatch(1);
        loop.post(started::countDown);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        group.close();
        assertThat(loop.post(() -> { })).isFalse();
        assertThat((Object) loop.schedule(1, () -> { })).isNull();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith(loop.name().substring(0, loop.name().lastIndexOf('-') + 1)));
    }

    @Test
    void groupHandsOutLoopsRoundRobin() {
        try (EventLoopGroup group = EventLoopGroup.create(3)) {
            final EventLoop first = group.next();
            final EventLoop second = group.next();
            final EventLoop third = group.next();
            assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
            assertThat(group.next()).isSameAs(first);
            assertThat(group.size()).isEqualTo(3);
        }
    }
}
