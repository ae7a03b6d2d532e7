package dev.remotemedia.testing;

import static dev.remotemedia.testing.InMemoryDatagramLink.Side.A;
import static dev.remotemedia.testing.InMemoryDatagramLink.Side.Z;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.testing.InMemoryDatagramLink.Datagram;
import dev.remotemedia.testing.InMemoryDatagramLink.Direction;
import dev.remotemedia.testing.InMemoryDatagramLink.Side;
import dev.remotemedia.testing.InMemoryDatagramLink.Stats;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole runs over the link: randomness, determinism and a protocol driven by deadlines alone. */
class InMemoryDatagramLinkScenarioTest {

    private static final long MS_NANOS = 1_000_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20_240_611})
    void dropProbabilityLandsNearTheConfiguredRate(long seed) {
        final Stats stats = sendThrough(seed, d -> d.dropProbability(0.3), 10_000);
        // 3,000 expected, standard deviation ~46: ±200 is over four of them.
        assertThat(stats.dropped()).isBetween(2_800L, 3_200L);
        assertThat(stats.delivered()).isEqualTo(10_000 - stats.dropped());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20_240_611})
    void duplicateProbabilityLandsNearTheConfiguredRate(long seed) {
        final Stats stats = sendThrough(seed, d -> d.duplicateProbability(0.1), 10_000);
        // 1,000 expected, standard deviation 30.
        assertThat(stats.duplicated()).isBetween(850L, 1_150L);
        assertThat(stats.delivered()).isEqualTo(10_000 + stats.duplicated());
    }

    @Test
    void statsBalanceOnceEverythingIsDelivered() {
        final FakeTimeSource clock = FakeTimeSource.of();
        final InMemoryDatagramLink link = InMemoryDatagramLink.of(clock, 5);
        clock.addDeadlineSource(link::nextDeadlineNanos);
        link.forBoth(d -> d.delay(Duration.ofMillis(10)).jitter(Duration.ofMillis(10))
                           .dropProbability(0.2).duplicateProbability(0.2));
        final List<String> log = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            link.send(A, datagram(i));
            if (i < 300) {
                link.send(Z, datagram(i));
            }
        }
        deliverAll(clock, link, log);
        for (Side from : Side.values()) {
            final Stats stats = link.from(from).stats();
            assertThat(stats.delivered())
                    .isEqualTo(stats.sent() - stats.dropped() + stats.duplicated());
            assertThat(stats.dropped()).isPositive();
            assertThat(stats.duplicated()).isPositive();
        }
        assertThat(link.from(A).stats().sent()).isEqualTo(500);
        assertThat(link.from(Z).stats().sent()).isEqualTo(300);
        assertThat(log).hasSize((int) (link.from(A).stats().delivered()
                                       + link.from(Z).stats().delivered()));
    }

    @Test
    void sameSeedAndScheduleGiveTheSameOutcome() {
        final List<String> first = runImpairedExchange(7);
        final List<String> second = runImpairedExchange(7);
        assertThat(first).hasSizeGreaterThan(100).isEqualTo(second);
    }

    @Test
    void differentSeedsGiveDifferentOutcomes() {
        assertThat(runImpairedExchange(7)).isNotEqualTo(runImpairedExchange(8));
    }

    @Test
    void trafficOneWayDoesNotChangeTheRandomChoicesOfTheOther() {
        final List<String> aloneToZ = new ArrayList<>();
        final List<String> withReplies = new ArrayList<>();
        for (boolean replies : new boolean[] {false, true}) {
            final FakeTimeSource clock = FakeTimeSource.of();
            final InMemoryDatagramLink link = InMemoryDatagramLink.of(clock, 99);
            clock.addDeadlineSource(link::nextDeadlineNanos);
            link.forBoth(d -> d.jitter(Duration.ofMillis(30)).dropProbability(0.3));
            for (int i = 0; i < 200; i++) {
                link.send(A, datagram(i));
                if (replies) {
                    link.send(Z, datagram(-i));
                }
                clock.advance(MS_NANOS);
            }
            final List<String> log = new ArrayList<>();
            deliverAll(clock, link, log);
            (replies ? withReplies : aloneToZ).addAll(
                    log.stream().filter(line -> line.startsWith("Z<-")).toList());
        }
        assertThat(withReplies).hasSizeGreaterThan(100).isEqualTo(aloneToZ);
    }

    @Test
    void stopAndWaitTransferCompletesOverALossyLinkDrivenOnlyByDeadlines() {
        final FakeTimeSource clock = FakeTimeSource.of();
        final long startNanos = clock.nowNanos();
        final InMemoryDatagramLink link = InMemoryDatagramLink.of(clock, 2024);
        link.forBoth(d -> d.delay(Duration.ofMillis(10)).jitter(Duration.ofMillis(5))
                           .dropProbability(0.2).duplicateProbability(0.05));
        link.from(A).dropNext(2); // the first message is lost twice, like a lost INIT
        final StopAndWaitSender sender = new StopAndWaitSender(link, 50, 100 * MS_NANOS);
        final List<Integer> received = new ArrayList<>();
        final List<Long> lateness = new ArrayList<>();
        clock.addDeadlineSource(link::nextDeadlineNanos);
        clock.addDeadlineSource(sender::nextDeadlineNanos);

        sender.start(clock.nowNanos());
        int jumps = 0;
        while (clock.jumpToNextDeadline()) {
            assertThat(++jumps).as("jumps").isLessThan(10_000);
            for (Datagram d; (d = link.poll(Z)) != null; ) {
                lateness.add(clock.nowNanos() - d.dueAtNanos());
                final int seq = id(d);
                if (seq == received.size()) {
                    received.add(seq);
                }
                link.send(Z, datagram(seq)); // acknowledge every copy
            }
            for (Datagram d; (d = link.poll(A)) != null; ) {
                lateness.add(clock.nowNanos() - d.dueAtNanos());
                sender.onAck(id(d), clock.nowNanos());
            }
            sender.advanceTime(clock.nowNanos());
        }

        assertThat(received).isEqualTo(IntStream.range(0, 50).boxed().toList());
        assertThat(sender.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(sender.transmissions).isGreaterThan(52);
        assertThat(link.from(A).stats().dropped()).isGreaterThan(2);
        assertThat(link.from(Z).stats().dropped()).isPositive();
        // Each datagram was polled exactly when due: the clock never overshot a delivery.
        assertThat(lateness).isNotEmpty().containsOnly(0L);
        // At least a 20 ms round trip per message plus two 100 ms timeouts for the first one.
        assertThat(clock.nowNanos() - startNanos).isGreaterThanOrEqualTo(50 * 20 * MS_NANOS
                                                                         + 200 * MS_NANOS);
    }

    /** Sends {@code count} datagrams A→Z through a link with {@code impairments}. */
    private static Stats sendThrough(long seed, Consumer<Direction> impairments, int count) {
        final FakeTimeSource clock = FakeTimeSource.of();
        final InMemoryDatagramLink link = InMemoryDatagramLink.of(clock, seed);
        impairments.accept(link.from(A));
        for (int i = 0; i < count; i++) {
            link.send(A, datagram(i));
        }
        while (link.poll(Z) != null) {
            // counted in the stats
        }
        return link.from(A).stats();
    }

    /** Runs a two-way exchange with every random impairment; returns a log of what arrived when. */
    private static List<String> runImpairedExchange(long seed) {
        final FakeTimeSource clock = FakeTimeSource.of();
        final InMemoryDatagramLink link = InMemoryDatagramLink.of(clock, seed);
        clock.addDeadlineSource(link::nextDeadlineNanos);
        link.forBoth(d -> d.delay(Duration.ofMillis(10)).jitter(Duration.ofMillis(30))
                           .dropProbability(0.2).duplicateProbability(0.1));
        for (int i = 0; i < 200; i++) {
            link.send(A, datagram(i));
            link.send(Z, datagram(1_000 + i));
            clock.advance(MS_NANOS);
        }
        final List<String> log = new ArrayList<>();
        deliverAll(clock, link, log);
        log.add(link.toString());
        return log;
    }

    /** Jumps the clock until the link is idle, logging each arrival as "side<-id@dueAtNanos". */
    private static void deliverAll(FakeTimeSource clock, InMemoryDatagramLink link,
                                   List<String> log) {
        do {
            for (Side to : Side.values()) {
                for (Datagram d; (d = link.poll(to)) != null; ) {
                    log.add(to + "<-" + id(d) + '@' + d.dueAtNanos());
                }
            }
        } while (clock.jumpToNextDeadline());
    }

    private static byte[] datagram(int id) {
        return ByteBuffer.allocate(4).putInt(id).array();
    }

    private static int id(Datagram datagram) {
        return ByteBuffer.wrap(datagram.data()).getInt();
    }

    /** A sans-I/O sender at side A: one message in flight, resent when its timer expires. */
    private static final class StopAndWaitSender {
        private final InMemoryDatagramLink link;
        private final int total;
        private final long rtoNanos;
        private int nextSeq;
        private long retransmitAtNanos = Long.MAX_VALUE;
        private int transmissions;

        StopAndWaitSender(InMemoryDatagramLink link, int total, long rtoNanos) {
            this.link = link;
            this.total = total;
            this.rtoNanos = rtoNanos;
        }

        void start(long nowNanos) {
            transmit(nowNanos);
        }

        void onAck(int seq, long nowNanos) {
            if (seq != nextSeq) {
                return; // a stale or duplicate acknowledgement
            }
            nextSeq++;
            if (nextSeq < total) {
                transmit(nowNanos);
            } else {
                retransmitAtNanos = Long.MAX_VALUE;
            }
        }

        void advanceTime(long nowNanos) {
            if (nowNanos >= retransmitAtNanos) {
                transmit(nowNanos);
            }
        }

        long nextDeadlineNanos() {
            return retransmitAtNanos;
        }

        private void transmit(long nowNanos) {
            link.send(A, datagram(nextSeq));
            transmissions++;
            retransmitAtNanos = nowNanos + rtoNanos;
        }
    }
}
