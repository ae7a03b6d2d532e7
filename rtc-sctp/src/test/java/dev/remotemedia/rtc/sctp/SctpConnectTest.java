package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.sctp.packet.CookieEchoChunk;
import dev.remotemedia.rtc.sctp.packet.InitChunk;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import dev.remotemedia.testing.InMemoryDatagramLink.Side;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Association setup (RFC 9260 §5): the handshake, INIT collisions, loss, and giving up. */
class SctpConnectTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneSideConnectingEstablishesBoth() {
        final SctpPair pair = new SctpPair(1);
        pair.a.sctp.connect();
        pair.runUntil(() -> pair.a.has(SctpEvent.Connected.class) && pair.z.has(SctpEvent.Connected.class), SECOND);

        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CONNECTED);
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CONNECTED);
        assertThat(pair.a.sctp.metrics().partialReliability()).isTrue();
        assertThat(pair.a.sctp.metrics().reconfig()).isTrue();
        assertThat(pair.z.eventsOf(SctpEvent.Error.class)).isEmpty();
        // INIT, INIT ACK, COOKIE ECHO, COOKIE ACK.
        assertThat(pair.link.from(Side.A).stats().sent() + pair.link.from(Side.Z).stats().sent()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void bothSidesConnectingAtOnceConvergeOnOneAssociation(long seed) {
        final SctpPair pair = new SctpPair(seed);
        pair.link.forBoth(d -> d.delay(Duration.ofMillis(10)));

        pair.connectBoth();
        pair.runFor(5 * SECOND);

        assertThat(pair.a.eventsOf(SctpEvent.Connected.class)).hasSize(1);
        assertThat(pair.z.eventsOf(SctpEvent.Connected.class)).hasSize(1);
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CONNECTED);
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CONNECTED);
        assertMessagesFlowBothWays(pair);
    }

    @Test
    void collisionWithSkewedTimingStillConverges() {
        // Z connects while A's INIT is in flight, so Z answers A's INIT from COOKIE-WAIT.
        final SctpPair pair = new SctpPair(9);
        pair.link.forBoth(d -> d.delay(Duration.ofMillis(30)));
        pair.a.sctp.connect();
        pair.runFor(15_000_000L);
        pair.z.sctp.connect();

        pair.runUntil(() -> pair.a.has(SctpEvent.Connected.class) && pair.z.has(SctpEvent.Connected.class), 10 * SECOND);
        pair.runFor(5 * SECOND);

        assertThat(pair.a.eventsOf(SctpEvent.Connected.class)).hasSize(1);
        assertThat(pair.z.eventsOf(SctpEvent.Connected.class)).hasSize(1);
        assertMessagesFlowBothWays(pair);
    }

    @Test
    void aLostInitIsRetransmitted() {
        final SctpPair pair = new SctpPair(2);
        pair.link.from(Side.A).dropNext(2);
        final long start = pair.clock.nowNanos();

        pair.a.sctp.connect();
        pair.runUntil(() -> pair.a.has(SctpEvent.Connected.class), 10 * SECOND);

        // T1-init 1 s, then backed off to 2 s: the third INIT goes out after 3 s.
        assertThat(pair.clock.nowNanos() - start).isGreaterThanOrEqualTo(3 * SECOND);
        assertThat(pair.z.has(SctpEvent.Connected.class)).isTrue();
    }

    @Test
    void aLostCookieEchoIsRetransmitted() {
        final SctpPair pair = new SctpPair(3);
        pair.link.from(Side.A).dropIf(contains(CookieEchoChunk.class));
        pair.a.sctp.connect();
        pair.runFor(2_500_000_000L);
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CONNECTING);

        pair.link.from(Side.A).clear();
        pair.runUntil(() -> pair.a.has(SctpEvent.Connected.class) && pair.z.has(SctpEvent.Connected.class), 10 * SECOND);
        assertMessagesFlowBothWays(pair);
    }

    @Test
    void aLostCookieAckIsRecoveredByTheRetransmittedCookieEcho() {
        final SctpPair pair = new SctpPair(4);
        // A COOKIE ACK is a 16-byte packet whose one chunk has type 11.
        pair.link.from(Side.Z).dropIf(bytes -> bytes.length == 16 && bytes[12] == 11);
        pair.a.sctp.connect();
        pair.runFor(1_500_000_000L);
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CONNECTED);
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CONNECTING);

        pair.link.from(Side.Z).clear();
        pair.runUntil(() -> pair.a.has(SctpEvent.Connected.class), 10 * SECOND);
        assertThat(pair.z.eventsOf(SctpEvent.Connected.class)).hasSize(1);
        assertMessagesFlowBothWays(pair);
    }

    @Test
    void aPeerThatNeverAnswersMakesConnectAbortAfterMaxInitRetransmits() {
        final SctpPair pair = new SctpPair(5, SctpOptions.builder().maxInitRetransmits(3).build(), b -> {});
        pair.link.from(Side.A).dropProbability(1.0);

        pair.a.sctp.connect();
        pair.runUntil(() -> pair.a.has(SctpEvent.Aborted.class), 60 * SECOND);

        final SctpEvent.Aborted aborted = pair.a.eventsOf(SctpEvent.Aborted.class).get(0);
        assertThat(aborted.kind()).isEqualTo(ErrorKind.TOO_MANY_RETRIES);
        assertThat(aborted.reason()).contains("no INIT ACK after 4 INITs");
        assertThat(pair.link.from(Side.A).stats().sent()).isEqualTo(4);
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CLOSED);
        assertThat(pair.a.sctp.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aPeerThatNeverAcksTheCookieMakesConnectAbort() {
        final SctpPair pair = new SctpPair(6, SctpOptions.builder().maxInitRetransmits(2).build(), b -> {});
        pair.link.from(Side.A).dropIf(contains(CookieEchoChunk.class));

        pair.a.sctp.connect();
        pair.runUntil(() -> pair.a.has(SctpEvent.Aborted.class), 60 * SECOND);

        assertThat(pair.a.eventsOf(SctpEvent.Aborted.class).get(0).reason()).contains("no COOKIE ACK after 3 COOKIE ECHOs");
    }

    @Test
    void connectingUnderHeavyLossEventuallySucceeds() {
        for (long seed = 10; seed < 20; seed++) {
            final SctpPair pair = new SctpPair(seed, SctpOptions.builder().maxInitRetransmits(30).build(), b -> {});
            pair.link.forBoth(d -> d.dropProbability(0.3).duplicateProbability(0.1).delay(Duration.ofMillis(5))
                                    .jitter(Duration.ofMillis(10)));
            pair.connectBoth();
            assertThat(pair.a.eventsOf(SctpEvent.Connected.class)).as("seed %d", seed).hasSize(1);
            assertThat(pair.z.eventsOf(SctpEvent.Connected.class)).as("seed %d", seed).hasSize(1);
        }
    }

    @Test
    void anInitWithNonZeroVerificationTagIsDropped() {
        final SctpPair pair = new SctpPair(7);
        final byte[] init = new SctpPacket(5000, 5000, 1234, java.util.List.of(new InitChunk(
                99, 1 << 20, 10, 10, 1, Capabilities.ANNOUNCED))).toByteArray();
        pair.z.sctp.handleInput(init, 0, init.length);
        pair.pump();
        assertThat(pair.link.from(Side.Z).stats().sent()).isZero();
        assertThat(pair.z.eventsOf(SctpEvent.Error.class)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("expected: 0"));
    }

    static Predicate<byte[]> contains(Class<?> chunkType) {
        return bytes -> {
            final SctpPacket packet = SctpPacket.parse(bytes, 0, bytes.length).valueOrNull();
            return packet != null && packet.chunks().stream().anyMatch(chunkType::isInstance);
        };
    }

    static void assertMessagesFlowBothWays(SctpPair pair) {
        final byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
        final byte[] pong = "pong".getBytes(StandardCharsets.UTF_8);
        assertThat(pair.a.sctp.send(new SctpMessage(1, 51, ping), SendOptions.DEFAULT)).isEqualTo(SendStatus.OK);
        assertThat(pair.z.sctp.send(new SctpMessage(2, 51, pong), SendOptions.DEFAULT)).isEqualTo(SendStatus.OK);
        final int aBefore = pair.a.messages.size();
        final int zBefore = pair.z.messages.size();
        pair.runUntil(() -> pair.a.messages.size() > aBefore && pair.z.messages.size() > zBefore, 30 * SECOND);
        assertThat(pair.z.messages.get(zBefore).payload()).isEqualTo(ping);
        assertThat(pair.a.messages.get(aBefore).payload()).isEqualTo(pong);
    }
}
