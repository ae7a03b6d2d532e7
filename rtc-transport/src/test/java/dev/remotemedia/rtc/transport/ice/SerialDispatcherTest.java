package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SerialDispatcherTest {

    @Test
    void deliversInOrderAndOneAtATimeOnAManyThreadedExecutor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            AtomicInteger inListener = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            SerialDispatcher<Integer> dispatcher = new SerialDispatcher<>(pool, i -> {
                if (inListener.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                seen.add(i);
                inListener.decrementAndGet();
                if (i == 999) {
                    done.countDown();
                }
            });

            for (int i = 0; i < 1000; i++) {
                dispatcher.post(i);
            }

            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
            assertThat(overlaps.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keepsDeliveringAfterTheListenerThrows() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            List<String> seen = new CopyOnWriteArrayList<>();
            SerialDispatcher<String> dispatcher = new SerialDispatcher<>(loop, s -> {
                seen.add(s);
                if (s.equals("boom")) {
                    throw new IllegalStateException("listener bug");
                }
            });

            dispatcher.post("a");
            dispatcher.post("boom");
            dispatcher.post("b");

            loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertThat(seen).containsExactly("a", "boom", "b");
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void dropsEventsQuietlyOnceTheExecutorIsShutDown() {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        loop.shutdown();
        List<String> seen = new CopyOnWriteArrayList<>();
        SerialDispatcher<String> dispatcher = new SerialDispatcher<>(loop, seen::add);

        dispatcher.post("lost");

        assertThat(seen).isEmpty();
    }
}
