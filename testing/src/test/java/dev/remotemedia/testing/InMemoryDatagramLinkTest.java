package dev.remotemedia.testing;

import static dev.remotemedia.testing.InMemoryDatagramLink.Side.A;
import static dev.remotemedia.testing.InMemoryDatagramLink.Side.Z;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.testing.InMemoryDatagramLink.Datagram;
import dev.remotemedia.testing.InMemoryDatagramLink.Direction;
import dev.remotemedia.testing.InMemoryDatagramLink.Side;
import dev.remotemedia.testing.InMemoryDatagramLink.Stats;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryDatagramLinkTest {

    private static final Duration MS_10 = Duration.ofMillis(10);
    private static final long MS_NANOS = 1_000_000;

    private final FakeTimeSource clock = FakeTimeSource.of();
    private final InMemoryDatagramLink link = InMemoryDatagramLink.of(clock, 42);

    @BeforeEach
    void registerLink() {
        clock.addDeadlineSource(link::nextDeadlineNanos);
    }

    @Test
    void sideOtherIsTheFarEnd() {
        assertThat(A.other()).isEqualTo(Z);
        assertThat(Z.other()).isEqualTo(A);
    }

    @Test
    void deliversToTheOtherSideOnly() {
        link.send(A, datagram(1));
        link.send(Z, datagram(2));
        assertThat(id(link.poll(Z))).isEqualTo(1);
        assertThat(id(link.poll(A))).isEqualTo(2);
        assertThat(link.poll(Z)).isNull();
        assertThat(link.poll(A)).isNull();
    }

    @Test
    void deliversAtOnceWithoutImpairments() {
        final long sentAt = clock.advance(5);
        link.send(A, datagram(7));
        final Datagram received = link.poll(Z);
        assertThat(received).isNotNull();
        assertThat(received.sentAtNanos()).isEqualTo(sentAt);
        assertThat(received.dueAtNanos()).isEqualTo(sentAt);
    }

    @Test
    void copiesTheBytesSoTheCallerMayReuseItsBuffer() {
        final byte[] buf = {9, 8, 1, 2, 3, 7};
        link.send(A, buf, 2, 3);
        buf[2] = 99;
        assertThat(link.poll(Z).data()).containsExactly(1, 2, 3);
    }

    @Test
    void deliversInSendOrderWhenDueAtTheSameTime() {
        link.from(A).delay(MS_10);
        sendIds(A, 0, 10);
        assertThat(deliverAll(Z)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void deliversInDueTimeOrderNotSendOrder() {
        link.from(A).delay(Duration.ofMillis(50));
        link.send(A, datagram(0));
        link.from(A).delay(MS_10);
        link.send(A, datagram(1));
        assertThat(deliverAll(Z)).containsExactly(1, 0);
    }

    @Test
    void acceptsEmptyAndMaximumSizeDatagrams() {
        link.send(A, new byte[0]);
        link.send(A, new byte[InMemoryDatagramLink.MAX_DATAGRAM_SIZE]);
        assertThat(link.poll(Z).data()).isEmpty();
        assertThat(link.poll(Z).data()).hasSize(65_507);
    }

    @Test
    void rejectsDatagramsLargerThanUdpAllows() {
        assertThatThrownBy(() -> link.send(A, new byte[65_508]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("len: 65508 (expected: <= 65507)");
        assertThat(link.from(A).stats().sent()).isZero();
    }

    @Test
    void rejectsBadSendArguments() {
        assertThatThrownBy(() -> link.send(null, datagram(1)))
                .isInstanceOf(NullPointerException.class).hasMessage("from");
        assertThatThrownBy(() -> link.send(A, null))
                .isInstanceOf(NullPointerException.class).hasMessage("data");
        assertThatThrownBy(() -> link.send(A, null, 0, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("buf");
        assertThatThrownBy(() -> link.send(A, new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> link.send(A, new byte[4], -1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> link.poll(null))
                .isInstanceOf(NullPointerException.class).hasMessage("to");
        assertThat(link.from(A).stats().sent()).isZero();
    }

    @Test
    void neverDeliversBeforeItsTime() {
        link.from(A).delay(Duration.ofMillis(20));
        final long sentAt = clock.nowNanos();
        link.send(A, datagram(1));
        assertThat(link.poll(Z)).isNull();
        clock.advance(20 * MS_NANOS - 1);
        assertThat(link.poll(Z)).isNull();
        clock.advance(1);
        final Datagram received = link.poll(Z);
        assertThat(id(received)).isEqualTo(1);
        assertThat(received.dueAtNanos()).isEqualTo(sentAt + 20 * MS_NANOS);
    }

    @Test
    void deliversOnceTheClockJumpsToTheLinksDeadline() {
        link.from(A).delay(Duration.ofMillis(20));
        final long sentAt = clock.nowNanos();
        link.send(A, datagram(1));
        assertThat(link.nextDeadlineNanos()).isEqualTo(sentAt + 20 * MS_NANOS);
        assertThat(link.poll(Z)).isNull();
        assertThat(clock.jumpToNextDeadline()).isTrue();
        assertThat(clock.nowNanos()).isEqualTo(sentAt + 20 * MS_NANOS);
        assertThat(id(link.poll(Z))).isEqualTo(1);
        assertThat(link.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(clock.jumpToNextDeadline()).isFalse();
    }

    @Test
    void nextDeadlineIsTheEarliestDeliveryInEitherDirection() {
        assertThat(link.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        link.from(A).delay(Duration.ofMillis(30));
        link.from(Z).delay(MS_10);
        final long now = clock.nowNanos();
        link.send(A, datagram(1));
        link.send(Z, datagram(2));
        assertThat(link.nextDeadlineNanos()).isEqualTo(now + 10 * MS_NANOS);
        clock.jumpToNextDeadline();
        assertThat(link.poll(A)).isNotNull();
        assertThat(link.nextDeadlineNanos()).isEqualTo(now + 30 * MS_NANOS);
    }

    @Test
    void impairmentsApplyToOneDirectionOnly() {
        link.from(A).delay(Duration.ofMillis(50)).dropNext(1);
        link.send(A, datagram(1));
        link.send(A, datagram(2));
        link.send(Z, datagram(3));
        assertThat(link.poll(A)).isNotNull();
        assertThat(link.poll(Z)).isNull();
        assertThat(link.from(Z).stats()).isEqualTo(new Stats(1, 1, 0, 0));
        assertThat(link.from(A).stats()).isEqualTo(new Stats(2, 0, 1, 0));
    }

    @Test
    void forBothImpairsBothDirections() {
        link.forBoth(d -> d.delay(MS_10));
        final long now = clock.nowNanos();
        link.send(A, datagram(1));
        link.send(Z, datagram(2));
        clock.advance(10 * MS_NANOS - 1);
        assertThat(link.poll(Z)).isNull();
        assertThat(link.poll(A)).isNull();
        clock.jumpToNextDeadline();
        assertThat(link.poll(Z).dueAtNanos()).isEqualTo(now + 10 * MS_NANOS);
        assertThat(link.poll(A).dueAtNanos()).isEqualTo(now + 10 * MS_NANOS);
    }

    @Test
    void jitterAddsUpToItsBoundOnTopOfTheDelay() {
        link.from(A).delay(MS_10).jitter(Duration.ofMillis(5));
        sendIds(A, 0, 1000);
        final List<Long> delays = receiveAll(Z).stream()
                .map(d -> d.dueAtNanos() - d.sentAtNanos()).toList();
        assertThat(delays).hasSize(1000).allSatisfy(delay -> assertThat(delay)
                .isBetween(10 * MS_NANOS, 15 * MS_NANOS));
        // Spread over the whole range, not stuck at one value.
        assertThat(delays.stream().mapToLong(Long::longValue).min().getAsLong())
                .isLessThan(10 * MS_NANOS + MS_NANOS / 10);
        assertThat(delays.stream().mapToLong(Long::longValue).max().getAsLong())
                .isGreaterThan(15 * MS_NANOS - MS_NANOS / 10);
    }

    @Test
    void jitterTakesEveryValueFromZeroToItsBound() {
        link.from(A).jitter(Duration.ofNanos(3));
        sendIds(A, 0, 200);
        assertThat(receiveAll(Z)).extracting(d -> d.dueAtNanos() - d.sentAtNanos())
                                 .containsOnly(0L, 1L, 2L, 3L)
                                 .contains(0L, 1L, 2L, 3L);
    }

    @Test
    void jitterReordersButLosesNothing() {
        link.from(A).jitter(Duration.ofMillis(20));
        for (int i = 0; i < 100; i++) {
            link.send(A, datagram(i));
            clock.advance(MS_NANOS);
        }
        final List<Datagram> received = receiveAll(Z);
        final List<Integer> ids = received.stream().map(InMemoryDatagramLinkTest::id).toList();
        assertThat(received).extracting(Datagram::dueAtNanos).isSorted();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(range(0, 100));
        assertThat(ids).isNotEqualTo(range(0, 100));
    }

    @Test
    void dropNextDropsExactlyThatMany() {
        link.from(A).dropNext(3);
        sendIds(A, 0, 10);
        assertThat(deliverAll(Z)).containsExactly(3, 4, 5, 6, 7, 8, 9);
        assertThat(link.from(A).stats()).isEqualTo(new Stats(10, 7, 3, 0));
    }

    @Test
    void dropNextReplacesAPendingCountAndZeroCancelsIt() {
        link.from(A).dropNext(5).dropNext(1);
        sendIds(A, 0, 3);
        link.from(A).dropNext(2).dropNext(0);
        sendIds(A, 3, 5);
        assertThat(deliverAll(Z)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void dropProbabilityOneDropsEverything() {
        link.from(A).dropProbability(1.0);
        sendIds(A, 0, 100);
        assertThat(deliverAll(Z)).isEmpty();
        assertThat(link.from(A).stats()).isEqualTo(new Stats(100, 0, 100, 0));
    }

    @Test
    void dropIfDropsOnlyMatchingDatagrams() {
        final byte init = 1;
        link.from(A).dropIf(data -> data.length > 0 && data[0] == init);
        link.send(A, new byte[] {init, 10});
        link.send(A, new byte[] {2, 11});
        link.send(A, new byte[] {init, 12});
        link.send(A, new byte[] {3, 13});
        assertThat(link.poll(Z).data()).containsExactly(2, 11);
        assertThat(link.poll(Z).data()).containsExactly(3, 13);
        assertThat(link.poll(Z)).isNull();
        assertThat(link.from(A).stats().dropped()).isEqualTo(2);
    }

    @Test
    void queueCapacityDropsTheTailWhileFull() {
        link.from(A).delay(MS_10).queueCapacity(3);
        sendIds(A, 0, 5);
        assertThat(link.from(A).stats().dropped()).isEqualTo(2);
        assertThat(deliverAll(Z)).containsExactly(0, 1, 2);
        sendIds(A, 5, 6); // room again once delivered
        assertThat(deliverAll(Z)).containsExactly(5);
    }

    @Test
    void duplicateNextDeliversEachOfThatManyTwice() {
        link.from(A).duplicateNext(2);
        sendIds(A, 0, 3);
        final Datagram first = link.poll(Z);
        final Datagram copy = link.poll(Z);
        assertThat(copy.data()).isEqualTo(first.data()).isNotSameAs(first.data());
        assertThat(List.of(id(first), id(copy))).containsExactly(0, 0);
        assertThat(deliverAll(Z)).containsExactly(1, 1, 2);
        assertThat(link.from(A).stats()).isEqualTo(new Stats(3, 5, 0, 2));
    }

    @Test
    void droppedDatagramsAreNotDuplicated() {
        link.from(A).dropNext(1).duplicateNext(1);
        sendIds(A, 0, 3);
        assertThat(deliverAll(Z)).containsExactly(1, 1, 2);
    }

    @Test
    void duplicateIsNotMadeWhenOnlyTheOriginalFitsTheQueue() {
        link.from(A).delay(MS_10).queueCapacity(3).duplicateNext(2);
        sendIds(A, 0, 2);
        assertThat(deliverAll(Z)).containsExactly(0, 0, 1);
        assertThat(link.from(A).stats()).isEqualTo(new Stats(2, 3, 0, 1));
    }

    @Test
    void reorderNextSwapsExactlyTwo() {
        link.from(A).reorderNext();
        sendIds(A, 0, 5);
        assertThat(deliverAll(Z)).containsExactly(1, 0, 2, 3, 4);
    }

    @Test
    void reorderedDatagramArrivesRightAfterTheOneThatPassedIt() {
        link.from(A).delay(MS_10).reorderNext();
        link.send(A, datagram(0));
        clock.advance(5 * MS_NANOS);
        final long secondSentAt = clock.nowNanos();
        link.send(A, datagram(1));
        clock.advance(20 * MS_NANOS);
        final Datagram first = link.poll(Z);
        final Datagram second = link.poll(Z);
        assertThat(List.of(id(first), id(second))).containsExactly(1, 0);
        assertThat(second.dueAtNanos()).isEqualTo(first.dueAtNanos())
                                        .isEqualTo(secondSentAt + 10 * MS_NANOS);
    }

    @Test
    void reorderedDatagramWaitsForTheNextOneThatIsNotDropped() {
        link.from(A).reorderNext();
        link.send(A, datagram(0));
        assertThat(link.poll(Z)).isNull();
        assertThat(link.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        link.from(A).dropNext(1);
        sendIds(A, 1, 3);
        assertThat(deliverAll(Z)).containsExactly(2, 0);
    }

    @Test
    void reorderNextIsRejectedWhilePending() {
        final Direction aToZ = link.from(A).reorderNext();
        assertThatThrownBy(aToZ::reorderNext).isInstanceOf(IllegalStateException.class)
                                             .hasMessage("reorderNext() already pending on A→Z");
        link.send(A, datagram(0)); // now held
        assertThatThrownBy(aToZ::reorderNext).isInstanceOf(IllegalStateException.class);
        link.send(A, datagram(1));
        aToZ.reorderNext(); // the swap is done: allowed again
        sendIds(A, 2, 4);
        assertThat(deliverAll(Z)).containsExactly(1, 0, 3, 2);
    }

    @Test
    void clearReleasesAHeldDatagram() {
        link.from(A).reorderNext();
        link.send(A, datagram(0));
        link.from(A).clear();
        assertThat(deliverAll(Z)).containsExactly(0);
    }

    @Test
    void clearRemovesEveryImpairmentButKeepsCountersAndDatagramsInFlight() {
        link.from(A).delay(MS_10);
        link.send(A, datagram(0));
        link.from(A).delay(Duration.ofSeconds(1)).jitter(MS_10).dropProbability(0.5)
            .duplicateProbability(0.5).dropNext(1).duplicateNext(1).queueCapacity(1)
            .dropIf(data -> true).reorderNext().clear();
        sendIds(A, 1, 21);
        assertThat(deliverAllWithoutTime(Z)).containsExactlyElementsOf(range(1, 21));
        assertThat(deliverAll(Z)).containsExactly(0);
        assertThat(link.from(A).stats()).isEqualTo(new Stats(21, 21, 0, 0));
    }

    @Test
    void rejectsOutOfRangeImpairments() {
        final Direction d = link.from(A);
        assertThatThrownBy(() -> d.delay(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay: PT-0.000000001S (expected: >= 0)");
        assertThatThrownBy(() -> d.delay(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay: PT48H (expected: <= PT24H)");
        assertThatThrownBy(() -> d.jitter(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> d.dropProbability(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropProbability: 1.5 (expected: 0.0..1.0)");
        assertThatThrownBy(() -> d.dropProbability(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropProbability: NaN (expected: 0.0..1.0)");
        assertThatThrownBy(() -> d.duplicateProbability(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicateProbability: -0.1 (expected: 0.0..1.0)");
        assertThatThrownBy(() -> d.dropNext(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n: -1 (expected: >= 0)");
        assertThatThrownBy(() -> d.duplicateNext(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n: -2 (expected: >= 0)");
        assertThatThrownBy(() -> d.queueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDatagrams: 0 (expected: > 0)");
        assertThatThrownBy(() -> d.delay(null))
                .isInstanceOf(NullPointerException.class).hasMessage("delay");
        assertThatThrownBy(() -> d.dropIf(null))
                .isInstanceOf(NullPointerException.class).hasMessage("filter");
        assertThatThrownBy(() -> link.from(null))
                .isInstanceOf(NullPointerException.class).hasMessage("from");
        assertThatThrownBy(() -> link.forBoth(null))
                .isInstanceOf(NullPointerException.class).hasMessage("impairments");
        assertThatThrownBy(() -> InMemoryDatagramLink.of(null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("timeSource");
        // Nothing was changed by the rejected calls.
        sendIds(A, 0, 3);
        assertThat(deliverAllWithoutTime(Z)).containsExactly(0, 1, 2);
    }

    private static byte[] datagram(int id) {
        return ByteBuffer.allocate(4).putInt(id).array();
    }

    private static int id(Datagram datagram) {
        assertThat(datagram).isNotNull();
        return ByteBuffer.wrap(datagram.data()).getInt();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private void sendIds(Side from, int fromId, int toId) {
        for (int i = fromId; i < toId; i++) {
            link.send(from, datagram(i));
        }
    }

    /** Returns what {@code to} receives until the link is idle, jumping the clock. */
    private List<Integer> deliverAll(Side to) {
        return receiveAll(to).stream().map(InMemoryDatagramLinkTest::id).toList();
    }

    /**
     * Returns the datagrams {@code to} receives until the link is idle, jumping the clock. Polls
     * the other side too, discarding what it receives, or its overdue datagrams would hold the
     * clock in place.
     */
    private List<Datagram> receiveAll(Side to) {
        final List<Datagram> received = new ArrayList<>();
        int jumps = 0;
        do {
            assertThat(++jumps).as("jumps").isLessThan(100_000);
            for (Datagram d; (d = link.poll(to)) != null; ) {
                received.add(d);
            }
            while (link.poll(to.other()) != null) {
                // discarded
            }
        } while (clock.jumpToNextDeadline());
        return received;
    }

    /** Returns what {@code to} receives now, without moving the clock. */
    private List<Integer> deliverAllWithoutTime(Side to) {
        final List<Integer> ids = new ArrayList<>();
        for (Datagram d; (d = link.poll(to)) != null; ) {
            ids.add(id(d));
        }
        return ids;
    }
}
