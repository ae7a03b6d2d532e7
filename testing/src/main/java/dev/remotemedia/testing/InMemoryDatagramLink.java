package dev.remotemedia.testing;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A datagram link between two endpoints, {@link Side#A} and {@link Side#Z}, held in memory and
 * timed by a {@link TimeSource}, so that protocol tests see delay, jitter, loss, duplication and
 * reordering and still get the same outcome on every run. Register {@link #nextDeadlineNanos()}
 * with a {@link FakeTimeSource} and the clock can jump straight to the next delivery:
 *
 * <pre>{@code
 * FakeTimeSource clock = FakeTimeSource.of();
 * InMemoryDatagramLink link = InMemoryDatagramLink.of(clock, 42);
 * clock.addDeadlineSource(link::nextDeadlineNanos);
 * link.forBoth(d -> d.delay(Duration.ofMillis(20)).jitter(Duration.ofMillis(5)));
 * link.from(Side.A).dropNext(1); // lose the first INIT
 * }</pre>
 *
 * <p>Each direction has its own impairments, counters and {@link Random}, derived from the seed, so
 * traffic one way never changes the random choices made for the other. Impairments apply when a
 * datagram is sent, in this order: drops ({@link Direction#dropNext(int)}, {@link
 * Direction#dropIf(Predicate)}, {@link Direction#queueCapacity(int)}, {@link
 * Direction#dropProbability(double)}), then duplication, then delay and jitter, then {@link
 * Direction#reorderNext()}.
 *
 * <p>Not thread-safe: drive it, and its time source, from one test thread.
 */
public final class InMemoryDatagramLink {

    /** The largest UDP payload over IPv4; larger datagrams are rejected as a real socket would. */
    public static final int MAX_DATAGRAM_SIZE = 65_507;

    /** An end of the link. */
    public enum Side {
        A,
        Z;

        /** Returns the far end, where datagrams sent from this side arrive. */
        public Side other() {
            return this == A ? Z : A;
        }
    }

    /**
     * A delivered datagram. Array components make {@code equals} compare by identity; compare
     * {@code data} with {@code Arrays.equals}.
     *
     * @param data the receiver's own copy of the bytes sent
     * @param sentAtNanos when it was sent
     * @param dueAtNanos when it became deliverable; at or before the time it was polled
     */
    public record Datagram(byte[] data, long sentAtNanos, long dueAtNanos) {}

    /**
     * Counters of one direction. Once everything due is polled, {@code delivered == sent -
     * dropped + duplicated}.
     *
     * @param sent datagrams passed to {@code send}
     * @param delivered copies returned by {@code poll}
     * @param dropped sent datagrams that will never be delivered
     * @param duplicated extra copies made
     */
    public record Stats(long sent, long delivered, long dropped, long duplicated) {}

    /**
     * Returns a link without impairments whose random choices are all derived from {@code seed}.
     */
    public static InMemoryDatagramLink of(TimeSource timeSource, long seed) {
        return new InMemoryDatagramLink(requireNonNull(timeSource, "timeSource"), seed);
    }

    private static final Duration MAX_DELAY = Duration.ofDays(1);

    private static final Comparator<Pending> DELIVERY_ORDER =
            Comparator.comparingLong(Pending::dueAtNanos).thenComparingLong(Pending::seq);

    private final TimeSource timeSource;
    private final Direction aToZ;
    private final Direction zToA;
    /** Queue order across both directions; breaks ties between equal due times. */
    private long nextSeq;

    private InMemoryDatagramLink(TimeSource timeSource, long seed) {
        this.timeSource = timeSource;
        final Random seeds = new Random(seed);
        aToZ = new Direction("A→Z", new Random(seeds.nextLong()));
        zToA = new Direction("Z→A", new Random(seeds.nextLong()));
    }

    /** Returns the direction of datagrams sent from {@code from}: its impairments and counters. */
    public Direction from(Side from) {
        return requireNonNull(from, "from") == Side.A ? aToZ : zToA;
    }

    /** Applies the same impairments to both directions, A→Z first. */
    public InMemoryDatagramLink forBoth(Consumer<? super Direction> impairments) {
        requireNonNull(impairments, "impairments");
        impairments.accept(aToZ);
        impairments.accept(zToA);
        return this;
    }

    /** Sends all of {@code data} from {@code from} to the other side. */
    public void send(Side from, byte[] data) {
        send(from, data, 0, requireNonNull(data, "data").length);
    }

    /**
     * Sends {@code len} bytes of {@code buf} from {@code off}, to be delivered to the other side
     * after the direction's delay, unless an impairment drops it. The bytes are copied, so the
     * caller may reuse {@code buf} at once.
     *
     * @throws IllegalArgumentException if {@code len} exceeds {@link #MAX_DATAGRAM_SIZE}
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit {@code buf}
     */
    public void send(Side from, byte[] buf, int off, int len) {
        requireNonNull(from, "from");
        requireNonNull(buf, "buf");
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException(
                    "len: " + len + " (expected: <= " + MAX_DATAGRAM_SIZE + ")");
        }
        final byte[] data = new byte[len];
        System.arraycopy(buf, off, data, 0, len);
        from(from).accept(data, timeSource.nowNanos());
    }

    /**
     * Returns the next datagram for {@code to} whose due time has come, or {@code null} if there is
     * none yet. Datagrams come out in due-time order, equal due times in the order they were sent.
     */
    public @Nullable Datagram poll(Side to) {
        return from(requireNonNull(to, "to").other()).poll(timeSource.nowNanos());
    }

    /**
     * Returns the earliest due time of a datagram in flight either way, or {@link Long#MAX_VALUE}
     * when none is; a datagram held by {@link Direction#reorderNext()} has no due time until
     * released.
     */
    public long nextDeadlineNanos() {
        return Math.min(aToZ.nextDeadlineNanos(), zToA.nextDeadlineNanos());
    }

    @Override
    public String toString() {
        return "InMemoryDatagramLink{" + aToZ + ", " + zToA + '}';
    }

    private static double checkProbability(double probability, String name) {
        if (!(probability >= 0.0 && probability <= 1.0)) { // also rejects NaN
            throw new IllegalArgumentException(name + ": " + probability + " (expected: 0.0..1.0)");
        }
        return probability;
    }

    private static long checkNanos(Duration duration, String name) {
        requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + ": " + duration + " (expected: >= 0)");
        }
        // A bound no test link needs, so that due times and the jitter bound cannot overflow.
        if (duration.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(
                    name + ": " + duration + " (expected: <= " + MAX_DELAY + ")");
        }
        return duration.toNanos();
    }

    private static int checkCount(int n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + ": " + n + " (expected: >= 0)");
        }
        return n;
    }

    /**
     * One direction of the link: the impairments of datagrams sent from one side and their
     * counters. Setters return {@code this} so impairments can be chained.
     */
    public final class Direction {

        private final String name;
        private final Random random;
        private final PriorityQueue<Pending> queue = new PriorityQueue<>(DELIVERY_ORDER);
        /** Datagrams held by {@link #reorderNext()}, waiting for the next one to pass them. */
        private final List<Pending> held = new ArrayList<>(2);

        private long delayNanos;
        private long jitterNanos;
        private double dropProbability;
        private double duplicateProbability;
        private int dropNext;
        private int duplicateNext;
        private boolean reorderNext;
        private @Nullable Predicate<byte[]> dropIf;
        private int queueCapacity = Integer.MAX_VALUE;

        private long sent;
        private long delivered;
        private long dropped;
        private long duplicated;

        private Direction(String name, Random random) {
            this.name = name;
            this.random = random;
        }

        /** Sets the fixed one-way delay added to every datagram: zero by default, at most a day. */
        public Direction delay(Duration delay) {
            delayNanos = checkNanos(delay, "delay");
            return this;
        }

        /**
         * Adds a random delay, uniform in {@code 0..jitter} (at most a day), on top of {@link
         * #delay(Duration)}. Datagrams sent closer together than the jitter may overtake each
         * other, as on real paths.
         */
        public Direction jitter(Duration jitter) {
            jitterNanos = checkNanos(jitter, "jitter");
            return this;
        }

        /** Drops each datagram independently with {@code probability}, in {@code 0.0..1.0}. */
        public Direction dropProbability(double probability) {
            dropProbability = checkProbability(probability, "dropProbability");
            return this;
        }

        /** Delivers each datagram twice with {@code probability}, in {@code 0.0..1.0}. */
        public Direction duplicateProbability(double probability) {
            duplicateProbability = checkProbability(probability, "duplicateProbability");
            return this;
        }

        /**
         * Drops exactly the next {@code n} datagrams sent, whatever the other impairments; replaces
         * any count still pending, so {@code dropNext(0)} cancels it.
         */
        public Direction dropNext(int n) {
            dropNext = checkCount(n, "n");
            return this;
        }

        /**
         * Delivers twice each of the next {@code n} datagrams that are not dropped; replaces any
         * count still pending.
         */
        public Direction duplicateNext(int n) {
            duplicateNext = checkCount(n, "n");
            return this;
        }

        /**
         * Holds the next datagram that is not dropped (with its duplicate, if any) until another
         * one is queued, then delivers it right after that one: the two arrive swapped. A held
         * datagram has no deadline in {@link InMemoryDatagramLink#nextDeadlineNanos()}: if nothing
         * else is sent it never arrives, unless {@link #clear()} releases it.
         *
         * @throws IllegalStateException if a reorder is already pending in this direction
         */
        public Direction reorderNext() {
            if (reorderNext || !held.isEmpty()) {
                throw new IllegalStateException("reorderNext() already pending on " + name);
            }
            reorderNext = true;
            return this;
        }

        /**
         * Drops every datagram that matches {@code filter}, for example every SCTP INIT chunk. The
         * filter sees the link's copy of the datagram and must not modify it. Replaces any earlier
         * filter; {@link #clear()} removes it.
         */
        public Direction dropIf(Predicate<byte[]> filter) {
            dropIf = requireNonNull(filter, "filter");
            return this;
        }

        /**
         * Limits the datagrams in flight in this direction; one sent while the queue is full is
         * dropped (tail drop), as by a router's full buffer, and a duplicate is made only if both
         * copies fit. Unlimited by default.
         */
        public Direction queueCapacity(int maxDatagrams) {
            if (maxDatagrams <= 0) {
                throw new IllegalArgumentException(
                        "maxDatagrams: " + maxDatagrams + " (expected: > 0)");
            }
            queueCapacity = maxDatagrams;
            return this;
        }

        /**
         * Removes every impairment of this direction. Datagrams in flight keep their due times; a
         * datagram held by {@link #reorderNext()} is released at its own due time. Counters stay.
         */
        public Direction clear() {
            delayNanos = 0;
            jitterNanos = 0;
            dropProbability = 0;
            duplicateProbability = 0;
            dropNext = 0;
            duplicateNext = 0;
            reorderNext = false;
            dropIf = null;
            queueCapacity = Integer.MAX_VALUE;
            releaseHeld(Long.MIN_VALUE);
            return this;
        }

        /** Returns the counters of this direction so far. */
        public Stats stats() {
            return new Stats(sent, delivered, dropped, duplicated);
        }

        @Override
        public String toString() {
            return name + ' ' + stats();
        }

        private void accept(byte[] data, long nowNanos) {
            sent++;
            if (drops(data)) {
                dropped++;
                return;
            }
            final List<Pending> copies = new ArrayList<>(2);
            copies.add(schedule(data, nowNanos));
            if (duplicates() && inFlight() + 1 < queueCapacity) {
                duplicated++;
                copies.add(schedule(data.clone(), nowNanos));
            }
            if (reorderNext) {
                reorderNext = false;
                held.addAll(copies);
                return;
            }
            long latestDueNanos = Long.MIN_VALUE;
            for (Pending copy : copies) {
                enqueue(copy, Long.MIN_VALUE);
                latestDueNanos = Math.max(latestDueNanos, copy.dueAtNanos());
            }
            releaseHeld(latestDueNanos);
        }

        private boolean drops(byte[] data) {
            if (dropNext > 0) {
                dropNext--;
                return true;
            }
            final Predicate<byte[]> filter = dropIf;
            return (filter != null && filter.test(data))
                   || inFlight() >= queueCapacity
                   || (dropProbability > 0 && random.nextDouble() < dropProbability);
        }

        private boolean duplicates() {
            if (duplicateNext > 0) {
                duplicateNext--;
                return true;
            }
            return duplicateProbability > 0 && random.nextDouble() < duplicateProbability;
        }

        /** Returns the copy with its due time and no place in the queue yet. */
        private Pending schedule(byte[] data, long nowNanos) {
            final long jitter = jitterNanos == 0 ? 0 : random.nextLong(jitterNanos + 1);
            final long delay = delayNanos + jitter; // at most two days: cannot overflow
            final long dueAtNanos =
                    nowNanos > Long.MAX_VALUE - delay ? Long.MAX_VALUE : nowNanos + delay;
            return new Pending(data, nowNanos, dueAtNanos, -1);
        }

        private void releaseHeld(long notBeforeNanos) {
            for (Pending copy : held) {
                enqueue(copy, notBeforeNanos);
            }
            held.clear();
        }

        /** Queues {@code copy} after all queued so far, due at {@code notBeforeNanos} or later. */
        private void enqueue(Pending copy, long notBeforeNanos) {
            final long dueAtNanos = Math.max(copy.dueAtNanos(), notBeforeNanos);
            queue.add(new Pending(copy.data(), copy.sentAtNanos(), dueAtNanos, nextSeq++));
        }

        private int inFlight() {
            return queue.size() + held.size();
        }

        private @Nullable Datagram poll(long nowNanos) {
            final Pending next = queue.peek();
            if (next == null || next.dueAtNanos() > nowNanos) {
                return null;
            }
            queue.remove();
            delivered++;
            return new Datagram(next.data(), next.sentAtNanos(), next.dueAtNanos());
        }

        private long nextDeadlineNanos() {
            final Pending next = queue.peek();
            return next == null ? Long.MAX_VALUE : next.dueAtNanos();
        }
    }

    /** A copy in flight; {@code seq} orders equal due times, -1 until queued. */
    private record Pending(byte[] data, long sentAtNanos, long dueAtNanos, long seq) {}
}
