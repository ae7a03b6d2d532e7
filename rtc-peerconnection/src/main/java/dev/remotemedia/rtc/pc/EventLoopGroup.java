package dev.remotemedia.rtc.pc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@link EventLoop}s shared by all peer connections: thousands of connections mean
 * a handful of threads, not thousands (DESIGN.md §4). Each connection is pinned to one loop.
 */
public final class EventLoopGroup implements AutoCloseable {
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final List<EventLoop> loops;
    private final AtomicInteger nextIndex = new AtomicInteger();

    private EventLoopGroup(int size) {
        final int group = GROUPS.incrementAndGet();
        final List<EventLoop> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(new EventLoop("rtc-loop-" + group + '-' + i));
        }
        loops = List.copyOf(list);
    }

    /** A group with one loop per available processor. */
    public static EventLoopGroup create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /** A group of {@code size} loops. */
    public static EventLoopGroup create(int size) {
        if (size < 1 || size > 1024) {
            throw new IllegalArgumentException("size: " + size + " (expected: 1..1024)");
        }
        return new EventLoopGroup(size);
    }

    /** The loop for a new connection, round-robin. */
    public EventLoop next() {
        return loops.get(Math.floorMod(nextIndex.getAndIncrement(), loops.size()));
    }

    public int size() {
        return loops.size();
    }

    /** Stops every loop after the tasks already posted, waiting up to 5 s for them. */
    @Override
    public void close() {
        loops.forEach(EventLoop::shutdown);
        try {
            for (EventLoop loop : loops) {
                loop.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
