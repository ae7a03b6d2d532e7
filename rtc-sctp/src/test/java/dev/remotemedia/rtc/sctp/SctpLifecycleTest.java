package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.sctp.packet.HeartbeatAckChunk;
import dev.remotemedia.rtc.sctp.packet.HeartbeatRequestChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownAckChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownChunk;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import dev.remotemedia.testing.InMemoryDatagramLink.Side;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Graceful shutdown and abort (RFC 9260 §9), restart (§5.2.4 A), heartbeats (§8.3). */
class SctpLifecycleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shutdownClosesBothSidesAfterDeliveringQueuedMessages() {
        for (Side closer : Side.values()) {
            final SctpPair pair = SctpDataTransferTest.impairedPair(1, 0.1);
            final SctpPair.Peer first = pair.peer(closer);
            final SctpPair.Peer second = pair.peer(closer.other());
            for (int i = 0; i < 30; i++) {
                first.sctp.send(new SctpMessage(0, 53, TestMessages.payload(0, i, 20_000)), SendOptions.DEFAULT);
            }

            first.sctp.shutdown();
            assertThat(first.sctp.state()).isEqualTo(SctpState.SHUTTING_DOWN);
            assertThat(first.sctp.send(new SctpMessage(0, 53, new byte[1]), SendOptions.DEFAULT))
                    .isEqualTo(SendStatus.SHUTTING_DOWN);
            pair.runUntil(() -> first.has(SctpEvent.Closed.class) && second.has(SctpEvent.Closed.class), 300 * SECOND);

            assertThat(second.messages).extracting(TestMessages::check)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
            assertThat(first.sctp.state()).isEqualTo(SctpState.CLOSED);
            assertThat(second.sctp.state()).isEqualTo(SctpState.CLOSED);
            assertThat(first.sctp.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(second.sctp.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(first.has(SctpEvent.Aborted.class) || second.has(SctpEvent.Aborted.class)).isFalse();
        }
    }

    @Test
    void bothSidesShuttingDownAtOnceStillClose() {
        final SctpPair pair = new SctpPair(2);
        pair.connectBoth();
        pair.link.forBoth(d -> d.delay(Duration.ofMillis(10)));
        pair.a.sctp.shutdown();
        pair.z.sctp.shutdown();
        pair.runUntil(() -> pair.a.has(SctpEvent.Closed.class) && pair.z.has(SctpEvent.Closed.class), 30 * SECOND);
    }

    @Test
    void shutdownSurvivesLostShutdownChunks() {
        final SctpPair pair = new SctpPair(3);
        pair.connectBoth();
        pair.link.from(Side.A).dropIf(SctpConnectTest.contains(ShutdownChunk.class));
        pair.link.from(Side.Z).dropNext(0);
        pair.a.sctp.shutdown();
        pair.runFor(3 * SECOND);
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.SHUTTING_DOWN);
        pair.link.from(Side.A).clear();
        pair.link.from(Side.Z).dropIf(SctpConnectTest.contains(ShutdownAckChunk.class));
        pair.runFor(3 * SECOND);
        pair.link.from(Side.Z).clear();
        pair.runUntil(() -> pair.a.has(SctpEvent.Closed.class) && pair.z.has(SctpEvent.Closed.class), 60 * SECOND);
    }

    @Test
    void aShutdownThatIsNeverAnsweredAborts() {
        final SctpPair pair = new SctpPair(4, SctpOptions.builder().maxRetransmissions(3).build(), b -> {});
        pair.connectBoth();
        pair.link.from(Side.A).dropProbability(1.0);
        pair.a.sctp.shutdown();
        pair.runUntil(() -> pair.a.has(SctpEvent.Aborted.class), 120 * SECOND);
        assertThat(pair.a.eventsOf(SctpEvent.Aborted.class).get(0).kind()).isEqualTo(ErrorKind.TOO_MANY_RETRIES);
    }

    @Test
    void abortEndsBothSidesAtOnce() {
        final SctpPair pair = new SctpPair(5);
        pair.connectBoth();
        pair.a.sctp.send(new SctpMessage(0, 53, new byte[100_000]), SendOptions.DEFAULT);

        pair.a.sctp.abort("going away");
        pair.pump();

        assertThat(pair.a.eventsOf(SctpEvent.Aborted.class)).containsExactly(
                new SctpEvent.Aborted(ErrorKind.USER_ABORT, "going away"));
        assertThat(pair.z.eventsOf(SctpEvent.Aborted.class)).singleElement().satisfies(aborted -> {
            assertThat(aborted.kind()).isEqualTo(ErrorKind.PEER_REPORTED);
            assertThat(aborted.reason()).contains("user-initiated abort: going away");
        });
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CLOSED);
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CLOSED);
        assertThat(pair.a.sctp.send(new SctpMessage(0, 53, new byte[1]), SendOptions.DEFAULT))
                .isEqualTo(SendStatus.NOT_CONNECTED);
        assertThat(pair.a.sctp.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(pair.z.sctp.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aPeerThatStopsAnsweringIsAbortedAfterMaxRetransmissions() {
        final SctpPair pair = new SctpPair(6, SctpOptions.builder().maxRetransmissions(4).build(), b -> {});
        pair.connectBoth();
        pair.link.from(Side.Z).dropProbability(1.0);
        pair.a.sctp.send(new SctpMessage(0, 53, new byte[1000]), SendOptions.DEFAULT);

        pair.runUntil(() -> pair.a.has(SctpEvent.Aborted.class), 600 * SECOND);

        assertThat(pair.a.eventsOf(SctpEvent.Aborted.class).get(0).kind()).isEqualTo(ErrorKind.TOO_MANY_RETRIES);
        // The ABORT reached Z (only Z→A is cut).
        assertThat(pair.z.has(SctpEvent.Aborted.class)).isTrue();
    }

    @Test
    void anIdlePathIsHeartbeatedAndTheAckMeasuresTheRtt() {
        final SctpPair pair = new SctpPair(7, SctpOptions.builder().heartbeatInterval(Duration.ofSeconds(5)).build(),
                                           b -> {});
        pair.link.forBoth(d -> d.delay(Duration.ofMillis(40)));
        pair.connectBoth();

        pair.runFor(30 * SECOND);

        assertThat(pair.link.from(Side.A).stats().sent()).isGreaterThan(3);
        assertThat(pair.a.sctp.metrics().srttMillis()).isBetween(75L, 85L);
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CONNECTED);
        assertThat(pair.a.events).noneMatch(SctpEvent.Error.class::isInstance);
    }

    @Test
    void unansweredHeartbeatsAbortTheAssociation() {
        final SctpPair pair = new SctpPair(8, SctpOptions.builder().heartbeatInterval(Duration.ofSeconds(1))
                                                          .maxRetransmissions(3).build(), b -> {});
        pair.connectBoth();
        pair.link.from(Side.Z).dropIf(SctpConnectTest.contains(HeartbeatAckChunk.class));
        pair.link.from(Side.A).dropIf(SctpConnectTest.contains(HeartbeatRequestChunk.class));

        pair.runUntil(() -> pair.a.has(SctpEvent.Aborted.class), 120 * SECOND);
        assertThat(pair.a.eventsOf(SctpEvent.Aborted.class).get(0).kind()).isEqualTo(ErrorKind.TOO_MANY_RETRIES);
    }

    @Test
    void aRestartedPeerIsDetectedAndTheAssociationCarriesOn() {
        final SctpPair pair = new SctpPair(9);
        pair.connectBoth();
        pair.a.sctp.send(new SctpMessage(0, 53, TestMessages.payload(0, 0, 50)), SendOptions.DEFAULT);
        pair.runUntil(() -> pair.z.messages.size() == 1, 5 * SECOND);

        // Z loses all state and connects again from scratch; A still holds the old association.
        pair.z.replace(pair.newAssociation(SctpOptions.defaults(), b -> {}, 4242));
        pair.z.events.clear();
        pair.z.messages.clear();
        pair.z.sctp.connect();
        pair.runUntil(() -> pair.z.has(SctpEvent.Connected.class), 10 * SECOND);

        assertThat(pair.a.has(SctpEvent.ConnectionRestarted.class)).isTrue();
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CONNECTED);
        // Fresh sequence numbers on both sides: ordered messages flow again from SSN 0.
        for (int i = 0; i < 3; i++) {
            pair.a.sctp.send(new SctpMessage(0, 53, TestMessages.payload(0, i, 50)), SendOptions.DEFAULT);
            pair.z.sctp.send(new SctpMessage(0, 53, TestMessages.payload(0, i, 50)), SendOptions.DEFAULT);
        }
        pair.runUntil(() -> pair.z.messages.size() == 3 && pair.a.messages.size() == 3, 10 * SECOND);
        assertThat(pair.z.messages).extracting(TestMessages::check).containsExactly(0, 1, 2);
        assertThat(pair.a.messages).extracting(TestMessages::check).containsExactly(0, 1, 2);
    }

    @Test
    void aStaleCookieIsRefusedAndTheHandshakeStartsOver() {
        // The cookie lives 100 ms; the COOKIE ECHO takes 300 ms to arrive the first time.
        final SctpPair pair = new SctpPair(10, SctpOptions.defaults(), b -> b.cookieLifetime(Duration.ofMillis(100)));
        pair.link.from(Side.A).delay(Duration.ofMillis(300));
        pair.a.sctp.connect();
        pair.runFor(2 * SECOND);
        assertThat(pair.z.eventsOf(SctpEvent.Error.class)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.message()).contains("stale"));

        pair.link.from(Side.A).clear();
        pair.runUntil(() -> pair.a.has(SctpEvent.Connected.class) && pair.z.has(SctpEvent.Connected.class), 30 * SECOND);
    }

    @Test
    void connectAfterAbortStartsAFreshAssociation() {
        final SctpPair pair = new SctpPair(11);
        pair.connectBoth();
        pair.a.sctp.abort("again");
        pair.pump();
        pair.a.events.clear();
        pair.z.events.clear();

        pair.connectBoth();
        SctpConnectTest.assertMessagesFlowBothWays(pair);
    }

    @Test
    void shutdownBeforeConnectingJustCloses() {
        final SctpPair pair = new SctpPair(12);
        pair.a.sctp.connect();
        pair.a.sctp.shutdown();
        pair.pump();
        assertThat(pair.a.events).contains(new SctpEvent.Closed());
        assertThat(pair.a.sctp.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }
}
