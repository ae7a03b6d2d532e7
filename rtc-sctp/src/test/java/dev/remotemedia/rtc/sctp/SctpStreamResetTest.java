package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.sctp.packet.ReConfigChunk;
import dev.remotemedia.testing.InMemoryDatagramLink.Side;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream reset (RFC 6525), the way data channels close (RFC 8831 §6.7). */
class SctpStreamResetTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void resettingAnOutgoingStreamIsReportedOnBothSides() {
        final SctpPair pair = new SctpPair(1);
        pair.connectBoth();

        assertThat(pair.a.sctp.resetStreams(3)).isEqualTo(ResetStreamsStatus.STARTED);
        pair.runUntil(() -> pair.a.has(SctpEvent.StreamsReset.class) && pair.z.has(SctpEvent.StreamsReset.class),
                      5 * SECOND);

        assertThat(pair.a.eventsOf(SctpEvent.StreamsReset.class))
                .containsExactly(new SctpEvent.StreamsReset(SctpEvent.Direction.OUTGOING, List.of(3)));
        assertThat(pair.z.eventsOf(SctpEvent.StreamsReset.class))
                .containsExactly(new SctpEvent.StreamsReset(SctpEvent.Direction.INCOMING, List.of(3)));
    }

    @Test
    void closingFromEitherSideResetsBothDirections() {
        for (Side closer : Side.values()) {
            final SctpPair pair = new SctpPair(2);
            pair.connectBoth();
            final SctpPair.Peer first = pair.peer(closer);
            final SctpPair.Peer second = pair.peer(closer.other());
            // What a data channel layer does: the peer answers an incoming reset with its own.
            second.listener = event -> {
                if (event instanceof SctpEvent.StreamsReset reset && reset.direction() == SctpEvent.Direction.INCOMING) {
                    second.sctp.resetStreams(reset.streamIds().stream().mapToInt(Integer::intValue).toArray());
                }
            };

            first.sctp.resetStreams(4);
            pair.runUntil(() -> first.eventsOf(SctpEvent.StreamsReset.class).size() == 2
                                && second.eventsOf(SctpEvent.StreamsReset.class).size() == 2, 5 * SECOND);

            assertThat(first.eventsOf(SctpEvent.StreamsReset.class)).extracting(SctpEvent.StreamsReset::direction)
                    .containsExactlyInAnyOrder(SctpEvent.Direction.OUTGOING, SctpEvent.Direction.INCOMING);
            assertThat(second.eventsOf(SctpEvent.StreamsReset.class)).extracting(SctpEvent.StreamsReset::direction)
                    .containsExactlyInAnyOrder(SctpEvent.Direction.OUTGOING, SctpEvent.Direction.INCOMING);
        }
    }

    @Test
    void queuedMessagesAreDeliveredBeforeTheResetAndTheStreamStartsOverAfterIt() {
        final SctpPair pair = new SctpPair(3);
        pair.connectBoth();
        pair.link.forBoth(d -> d.delay(Duration.ofMillis(10)));
        for (int i = 0; i < 20; i++) {
            pair.a.sctp.send(new SctpMessage(1, 53, TestMessages.payload(1, i, 30_000)), SendOptions.DEFAULT);
        }

        assertThat(pair.a.sctp.resetStreams(1)).isEqualTo(ResetStreamsStatus.STARTED);
        // New messages on a closing stream are refused.
        assertThat(pair.a.sctp.send(new SctpMessage(1, 53, new byte[10]), SendOptions.DEFAULT))
                .isEqualTo(SendStatus.STREAM_RESETTING);
        pair.runUntil(() -> pair.a.has(SctpEvent.StreamsReset.class), 30 * SECOND);

        assertThat(pair.z.messages).extracting(TestMessages::check).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 20).boxed().toList());
        final int resetAt = pair.z.events.indexOf(pair.z.eventsOf(SctpEvent.StreamsReset.class).get(0));
        assertThat(pair.z.events.indexOf(pair.z.messages.get(19))).isLessThan(resetAt);

        // SSNs start over at 0 on both sides: messages flow again on the reused stream.
        assertThat(pair.a.sctp.send(new SctpMessage(1, 53, TestMessages.payload(1, 100, 40)), SendOptions.DEFAULT))
                .isEqualTo(SendStatus.OK);
        pair.runUntil(() -> pair.z.messages.size() == 21, 5 * SECOND);
        assertThat(TestMessages.check(pair.z.messages.get(20))).isEqualTo(100);
    }

    @Test
    void anIncomingResetWaitsForDataSentBeforeIt() {
        // Lose DATA but not the RE-CONFIG that follows it: the receiver must answer "in progress"
        // and reset only once the retransmitted DATA is in (RFC 6525 §5.2.2).
        final SctpPair pair = new SctpPair(4);
        pair.connectBoth();
        pair.link.from(Side.A).dropNext(1);
        pair.a.sctp.send(new SctpMessage(2, 53, TestMessages.payload(2, 0, 100)), SendOptions.DEFAULT);
        pair.a.sctp.resetStreams(2);

        pair.runUntil(() -> pair.a.has(SctpEvent.StreamsReset.class), 30 * SECOND);

        assertThat(pair.z.messages).hasSize(1);
        final int delivered = pair.z.events.indexOf(pair.z.messages.get(0));
        final int reset = pair.z.events.indexOf(pair.z.eventsOf(SctpEvent.StreamsReset.class).get(0));
        assertThat(delivered).isLessThan(reset);
        assertThat(pair.z.eventsOf(SctpEvent.StreamsReset.class)).hasSize(1);
    }

    @Test
    void aLostReconfigIsRetransmitted() {
        final SctpPair pair = new SctpPair(5);
        pair.connectBoth();
        pair.link.from(Side.A).dropIf(SctpConnectTest.contains(ReConfigChunk.class));
        pair.a.sctp.resetStreams(6);
        pair.runFor(2 * SECOND);
        assertThat(pair.a.has(SctpEvent.StreamsReset.class)).isFalse();

        pair.link.from(Side.A).clear();
        pair.runUntil(() -> pair.a.has(SctpEvent.StreamsReset.class), 30 * SECOND);
        assertThat(pair.z.eventsOf(SctpEvent.StreamsReset.class)).hasSize(1);
    }

    @Test
    void resetsUnderLossCompleteAndAreReportedOnce() {
        for (long seed = 20; seed < 30; seed++) {
            final SctpPair pair = SctpDataTransferTest.impairedPair(seed, 0.3);
            for (int i = 0; i < 10; i++) {
                pair.a.sctp.send(new SctpMessage(i, 53, TestMessages.payload(i, 0, 5_000)), SendOptions.DEFAULT);
            }
            for (int i = 0; i < 10; i++) {
                pair.a.sctp.resetStreams(i);
            }
            final long seedForMessage = seed;
            pair.runUntil(() -> pair.a.eventsOf(SctpEvent.StreamsReset.class).stream()
                                        .mapToInt(e -> e.streamIds().size()).sum() == 10, 600 * SECOND);
            pair.runFor(30 * SECOND);
            assertThat(pair.z.messages).as("seed %d", seedForMessage).hasSize(10);
            assertThat(pair.z.eventsOf(SctpEvent.StreamsReset.class).stream().mapToInt(e -> e.streamIds().size()).sum())
                    .as("seed %d", seedForMessage).isEqualTo(10);
        }
    }

    @Test
    void resettingBeforeConnectingIsRefused() {
        final SctpPair pair = new SctpPair(6);
        assertThat(pair.a.sctp.resetStreams(1)).isEqualTo(ResetStreamsStatus.NOT_CONNECTED);
    }
}
