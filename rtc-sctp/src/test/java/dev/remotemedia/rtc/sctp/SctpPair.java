package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.fail;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import dev.remotemedia.testing.FakeTimeSource;
import dev.remotemedia.testing.InMemoryDatagramLink;
import dev.remotemedia.testing.InMemoryDatagramLink.Datagram;
import dev.remotemedia.testing.InMemoryDatagramLink.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Two associations, A and Z, joined by an {@link InMemoryDatagramLink} and timed by one {@link
 * FakeTimeSource} that jumps from deadline to deadline: dcSCTP's socket-test harness. Packets go
 * through the link as they are emitted; every other event is kept per side for the test to check.
 * A {@link PcapLog} of every packet is kept, to print when a test fails.
 */
final class SctpPair {

    /** One end of the pair. */
    final class Peer {
        final Side side;
        SctpAssociation sctp;
        final List<SctpEvent> events = new ArrayList<>();
        final List<SctpEvent.MessageReceived> messages = new ArrayList<>();
        @Nullable Consumer<SctpEvent> listener;
        private @Nullable FakeTimeSource.Registration registration;

        Peer(Side side, SctpAssociation sctp) {
            this.side = side;
            replace(sctp);
        }

        /** Swaps in a new association on this side, as a restarted peer would. */
        void replace(SctpAssociation sctp) {
            if (registration != null) {
                registration.close();
            }
            this.sctp = sctp;
            registration = clock.addDeadlineSource(sctp::nextDeadlineNanos);
        }

        boolean has(Class<? extends SctpEvent> type) {
            return events.stream().anyMatch(type::isInstance);
        }

        <E extends SctpEvent> List<E> eventsOf(Class<E> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        void drain() {
            for (SctpEvent event = sctp.pollEvent(); event != null; event = sctp.pollEvent()) {
                if (event instanceof SctpEvent.SendPacket packet) {
                    activity++;
                    log.record(side.name(), true, clock.nowNanos(), packet.packet());
                    link.send(side, packet.packet());
                    continue;
                }
                events.add(event);
                if (event instanceof SctpEvent.MessageReceived message) {
                    messages.add(message);
                }
                if (listener != null) {
                    listener.accept(event);
                }
            }
        }
    }

    final FakeTimeSource clock = FakeTimeSource.of();
    final InMemoryDatagramLink link;
    final PcapLog log = new PcapLog();
    final Peer a;
    final Peer z;
    private final long seed;
    private int steps;
    /** Counts packets sent and delivered: time moves only while nothing happens at the current instant. */
    private long activity;
    /** Runs before every step, e.g. to keep a sender's queue topped up. */
    Runnable beforeStep = () -> {};

    SctpPair(long seed) {
        this(seed, SctpOptions.defaults(), b -> {});
    }

    SctpPair(long seed, SctpOptions options, Consumer<SctpAssociation.Builder> customize) {
        this.seed = seed;
        link = InMemoryDatagramLink.of(clock, seed);
        clock.addDeadlineSource(link::nextDeadlineNanos);
        a = new Peer(Side.A, newAssociation(options, customize, seed * 31 + 1));
        z = new Peer(Side.Z, newAssociation(options, customize, seed * 31 + 2));
    }

    SctpAssociation newAssociation(SctpOptions options, Consumer<SctpAssociation.Builder> customize, long randomSeed) {
        final SctpAssociation.Builder builder = SctpAssociation.builder(clock).options(options)
                                                               .random(new Random(randomSeed));
        customize.accept(builder);
        return builder.build();
    }

    Peer peer(Side side) {
        return side == Side.A ? a : z;
    }

    /** Delivers what is due now and collects what that causes, until nothing more happens now. */
    void pump() {
        a.drain();
        z.drain();
        boolean delivered = true;
        while (delivered) {
            delivered = false;
            for (Peer peer : List.of(a, z)) {
                for (Datagram d = link.poll(peer.side); d != null; d = link.poll(peer.side)) {
                    activity++;
                    log.record(peer.side.name(), false, clock.nowNanos(), d.data());
                    peer.sctp.handleInput(d.data(), 0, d.data().length);
                    delivered = true;
                    a.drain();
                    z.drain();
                }
            }
        }
    }

    /**
     * Makes progress: feeds ({@link #beforeStep}) and delivers what is due now; if that changed
     * nothing, jumps to the next deadline, if there is one at or before {@code limitNanos}, and fires
     * it. Returns {@code false} when nothing is left to do up to {@code limitNanos}.
     */
    boolean step(long limitNanos) {
        final long before = activity;
        beforeStep.run();
        pump();
        if (activity != before) {
            return true;
        }
        final long next = clock.nextDeadlineNanos();
        if (next == Long.MAX_VALUE || next > limitNanos) {
            return false;
        }
        clock.jumpToNextDeadline();
        final long now = clock.nowNanos();
        if (a.sctp.nextDeadlineNanos() <= now) {
            a.sctp.advanceTime(now);
        }
        if (z.sctp.nextDeadlineNanos() <= now) {
            z.sctp.advanceTime(now);
        }
        pump();
        if (++steps > 50_000_000) {
            fail("runaway: 50M steps\n" + diagnostics());
        }
        return true;
    }

    /** Runs until {@code done} holds; fails (with a packet log) if it does not within {@code maxNanos}. */
    void runUntil(BooleanSupplier done, long maxNanos) {
        final long deadline = clock.nowNanos() + maxNanos;
        pump();
        while (!done.getAsBoolean()) {
            if (!step(deadline)) {
                fail("condition not reached within " + maxNanos / 1_000_000 + " ms of fake time (now "
                     + clock.nowNanos() + ")\n" + diagnostics());
            }
        }
    }

    /** Runs for {@code nanos} of fake time. */
    void runFor(long nanos) {
        final long end = clock.nowNanos() + nanos;
        while (step(end)) {
            // keep going
        }
        if (clock.nowNanos() < end) {
            clock.setNanos(end);
        }
    }

    void connectBoth() {
        a.sctp.connect();
        z.sctp.connect();
        runUntil(() -> a.has(SctpEvent.Connected.class) && z.has(SctpEvent.Connected.class), 60_000_000_000L);
    }

    String diagnostics() {
        return "seed " + seed + "\nA: " + a.sctp + " " + a.sctp.metrics() + "\n   events " + tail(a.events)
               + "\nZ: " + z.sctp + " " + z.sctp.metrics() + "\n   events " + tail(z.events)
               + "\nlink " + link + "\n--- text2pcap (text2pcap -D -t '%H:%M:%S.' -i 132 in.txt out.pcap), last 60 of "
               + log.size() + " ---\n" + log.dump(60);
    }

    private static String tail(List<SctpEvent> events) {
        final List<SctpEvent> interesting = events.stream()
                .filter(e -> !(e instanceof SctpEvent.MessageReceived)).toList();
        return interesting.subList(Math.max(0, interesting.size() - 12), interesting.size()).toString();
    }
}
