package dev.remotemedia.rtc.transport.ice;

import static dev.remotemedia.rtc.transport.ice.IceTransportState.CHECKING;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.CLOSED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.COMPLETED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.CONNECTED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.DISCONNECTED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Two transports in one JVM, each on its own mux on 127.0.0.1, signaling through their loops. */
class IceTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** What a deadline may be late by on a busy machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    /** The configuration every test of this module uses, so ice4j's JVM-wide consent interval is this one. */
    static IceConfig loopbackConfig() {
        return IceConfig.builder()
                        .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                        .iceTimeout(Duration.ofSeconds(3))
                        .consentInterval(Duration.ofMillis(500))
                        .consentTimeout(Duration.ofSeconds(3))
                        .build();
    }

    private final List<IceUdpMux> muxes = new ArrayList<>();
    private final List<IcePeer> peers = new ArrayList<>();
    private final IceUdpMux muxA = mux(loopbackConfig());
    private final IceUdpMux muxB = mux(loopbackConfig());

    /** A mux whose transports give up quickly, for the tests that wait for a failure. */
    private IceUdpMux impatientMux() {
        return mux(loopbackConfig().toBuilder().iceTimeout(Duration.ofSeconds(1))
                                   .consentTimeout(Duration.ofMillis(1500)).build());
    }

    private IceUdpMux mux(IceConfig config) {
        IceUdpMux mux = IceUdpMux.open(config);
        muxes.add(mux);
        return mux;
    }

    private IcePeer peer(IceUdpMux mux, IceRole role) {
        IcePeer p = new IcePeer(mux, role);
        peers.add(p);
        return p;
    }

    @AfterEach
    void closeEverything() {
        peers.forEach(IcePeer::close);
        muxes.forEach(IceUdpMux::close);
    }

    @ParameterizedTest(name = "A {0}, credentials {1} gathering")
    @CsvSource({"CONTROLLING, before", "CONTROLLED, before", "CONTROLLING, after", "CONTROLLED, after"})
    void connectsWithTrickleBothWaysAndCarriesDatagramsByContent(IceRole roleOfA, String credentials)
            throws Exception {
        IcePeer a = peer(muxA, roleOfA);
        IcePeer b = peer(muxB, roleOfA == IceRole.CONTROLLING ? IceRole.CONTROLLED : IceRole.CONTROLLING);
        a.trickleTo(b);
        b.trickleTo(a);
        if (credentials.equals("before")) {
            a.learnCredentialsOf(b);
            b.learnCredentialsOf(a);
        }
        a.onLoop(a.transport::gather);
        b.onLoop(b.transport::gather);
        if (credentials.equals("after")) {
            // The candidates have trickled in already; checks start only now.
            a.learnCredentialsOf(b);
            b.learnCredentialsOf(a);
        }

        a.awaitState(CONNECTED, WAIT);
        b.awaitState(CONNECTED, WAIT);

        assertThat(a.states).startsWith(CHECKING, CONNECTED);
        assertThat(b.states).startsWith(CHECKING, CONNECTED);
        assertThat(a.transport.selectedRemoteAddress()).isEqualTo(muxB.localAddresses().get(0));
        assertThat(b.transport.selectedRemoteAddress()).isEqualTo(muxA.localAddresses().get(0));
        for (int i = 0; i < 20; i++) {
            byte[] toB = dtlsLike("a->b " + i);
            byte[] toA = rtpLike("b->a " + i);
            assertThat(a.transport.send(toB, 0, toB.length)).isTrue();
            assertThat(b.transport.send(toA, 0, toA.length)).isTrue();
            assertThat(b.awaitDatagram(WAIT)).isEqualTo(toB);
            assertThat(a.awaitDatagram(WAIT)).isEqualTo(toA);
        }
    }

    @Test
    void tricklesOneHostCandidatePerMuxAddressThenEndOfCandidates() {
        IcePeer a = peer(muxA, IceRole.CONTROLLING);

        a.onLoop(a.transport::gather);
        a.awaitGatheringComplete(WAIT);

        InetSocketAddress local = muxA.localAddresses().get(0);
        assertThat(a.localCandidates).singleElement().satisfies(c -> assertThat(c).matches(
                "candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 " + local.getPort() + " typ host"));
        assertThat(a.events.get(a.events.size() - 1)).isInstanceOf(IceEvent.GatheringComplete.class);
        assertThat(a.transport.gatheringState()).isEqualTo(IceGatheringState.COMPLETE);
        assertThat(a.states).isEmpty();
    }

    @Test
    void completesOnceChecksEndAndTheRemoteSideEndedItsCandidates() {
        IcePeer a = peer(muxA, IceRole.CONTROLLING);
        IcePeer b = peer(muxB, IceRole.CONTROLLED);

        a.connectTo(b);

        // ice4j stops checking ice4j.ice.termination-delay (3 s) after it selects a pair.
        a.awaitState(COMPLETED, WAIT);
        b.awaitState(COMPLETED, WAIT);
        assertThat(a.states).containsExactly(CHECKING, CONNECTED, COMPLETED);
    }

    @Test
    void repairsARoleConflictWhenBothSidesThinkTheyControl() throws Exception {
        IcePeer a = peer(muxA, IceRole.CONTROLLING);
        IcePeer b = peer(muxB, IceRole.CONTROLLING);

        a.connectTo(b);

        a.awaitState(CONNECTED, WAIT);
        b.awaitState(CONNECTED, WAIT);
        byte[] d = dtlsLike("after a 487");
        assertThat(a.transport.send(d, 0, d.length)).isTrue();
        assertThat(b.awaitDatagram(WAIT)).isEqualTo(d);
    }

    @ParameterizedTest(name = "wrong side {0}")
    @EnumSource(IceRole.class)
    void aSideGivenTheWrongPasswordNeverConnectsAndFailsWithinTheIceTimeout(IceRole roleOfWrongSide) {
        IceUdpMux impatient = impatientMux();
        IcePeer wrong = peer(impatient, roleOfWrongSide);
        IcePeer right = peer(muxB, roleOfWrongSide == IceRole.CONTROLLING ? IceRole.CONTROLLED : IceRole.CONTROLLING);
        wrong.trickleTo(right);
        right.trickleTo(wrong);
        String badPassword = new StringBuilder(right.transport.localPassword()).reverse().toString();
        wrong.onLoop(() -> wrong.transport.setRemoteCredentials(right.transport.localUfrag(), badPassword));
        right.learnCredentialsOf(wrong);
        wrong.onLoop(wrong.transport::gather);
        right.onLoop(right.transport::gather);

        Duration took = wrong.awaitState(FAILED, WAIT);

        assertThat(took).isLessThan(impatient.config().iceTimeout().plus(SLACK));
        assertThat(wrong.states).containsExactly(CHECKING, FAILED);
        byte[] d = dtlsLike("never");
        assertThat(wrong.transport.send(d, 0, d.length)).isFalse();
    }

    @Test
    void failsWithinTheIceTimeoutWhenThePeerNeverAnswers() throws Exception {
        IceUdpMux impatient = impatientMux();
        IcePeer a = peer(impatient, IceRole.CONTROLLING);
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            a.onLoop(() -> {
                a.transport.setRemoteCredentials("silentufrag", "silentpasswordsilentpassword");
                a.transport.addRemoteCandidate("candidate:1 1 udp 2130706431 127.0.0.1 " + silent.getLocalPort()
                                               + " typ host");
                a.transport.gather();
            });

            Duration took = a.awaitState(FAILED, WAIT);

            assertThat(took).isLessThan(impatient.config().iceTimeout().plus(SLACK));
            assertThat(a.states).containsExactly(CHECKING, FAILED);
        }
    }

    @Test
    void goesDisconnectedThenFailedWhenThePeerVanishesAndStopsSending() throws Exception {
        IceUdpMux impatient = impatientMux();
        IcePeer a = peer(impatient, IceRole.CONTROLLING);
        IcePeer b = peer(muxB, IceRole.CONTROLLED);
        a.connectTo(b);
        a.awaitState(CONNECTED, WAIT);
        b.awaitState(CONNECTED, WAIT);

        muxB.close(); // b vanishes: no more consent responses (RFC 7675)

        b.awaitState(CLOSED, WAIT);
        a.awaitState(DISCONNECTED, WAIT);
        Duration untilFailed = a.awaitState(FAILED, WAIT);
        assertThat(untilFailed).isLessThan(impatient.config().consentTimeout().plus(SLACK));
        assertThat(a.states).containsExactly(CHECKING, CONNECTED, DISCONNECTED, FAILED);
        byte[] d = dtlsLike("too late");
        assertThat(a.transport.send(d, 0, d.length)).isFalse();
        // A failed transport frees its agent right away, without waiting for close().
        awaitCondition(() -> impatient.sockets().get(0).endpointCount() == 0, WAIT);
    }

    @Test
    void deliversEventsOnTheLoopAndDatagramsOnTheMuxReader() throws Exception {
        IcePeer a = peer(muxA, IceRole.CONTROLLING);
        IcePeer b = peer(muxB, IceRole.CONTROLLED);
        a.connectTo(b);
        a.awaitState(CONNECTED, WAIT);
        b.awaitState(CONNECTED, WAIT);

        byte[] d = dtlsLike("which thread");
        a.transport.send(d, 0, d.length);
        b.awaitDatagram(WAIT);

        assertThat(a.eventThreads).containsExactly(a.loopName);
        assertThat(b.eventThreads).containsExactly(b.loopName);
        assertThat(b.datagramThreads).containsExactly(
                "remotemedia-ice-udp-127.0.0.1:" + muxB.localAddresses().get(0).getPort());
    }

    @Test
    void dropsDatagramsThatAreNeitherDtlsNorSrtp() throws Exception {
        IcePeer a = peer(muxA, IceRole.CONTROLLING);
        IcePeer b = peer(muxB, IceRole.CONTROLLED);
        a.connectTo(b);
        a.awaitState(CONNECTED, WAIT);
        b.awaitState(CONNECTED, WAIT);

        byte[] zrtp = {16, 1, 2, 3};
        byte[] unknown = {100, 1, 2, 3};
        byte[] marker = dtlsLike("after the junk");
        a.transport.send(zrtp, 0, zrtp.length);
        a.transport.send(unknown, 0, unknown.length);
        a.transport.send(marker, 0, marker.length);

        assertThat(b.awaitDatagram(WAIT)).isEqualTo(marker);
    }

    @Test
    void closingBeforeGatheringPostsClosedAndLeavesNothingBehind() {
        IcePeer a = peer(muxA, IceRole.CONTROLLED);

        a.transport.close();
        a.transport.close();
        a.onLoop(a.transport::gather);

        a.awaitState(CLOSED, WAIT);
        a.onLoop(() -> { }); // every event posted so far has run
        assertThat(a.events).containsExactly(new IceEvent.StateChanged(CLOSED));
        assertThat(a.transport.isClosed()).isTrue();
        assertThat(a.transport.addRemoteCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host")).isFalse();
        assertThat(muxA.transportCount()).isZero();
    }

    @Test
    void closingWhileCheckingEndsWithClosedAndFreesTheMuxRoutes() throws Exception {
        IcePeer a = peer(muxA, IceRole.CONTROLLING);
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            a.onLoop(() -> {
                a.transport.setRemoteCredentials("silentufrag", "silentpasswordsilentpassword");
                a.transport.addRemoteCandidate("candidate:1 1 udp 2130706431 127.0.0.1 " + silent.getLocalPort()
                                               + " typ host");
                a.transport.gather();
            });
            a.awaitState(CHECKING, WAIT);
            assertThat(muxA.sockets().get(0).endpointCount()).isEqualTo(1);

            a.transport.close();

            a.awaitState(CLOSED, WAIT);
            assertThat(a.states).containsExactly(CHECKING, CLOSED);
            assertThat(muxA.sockets().get(0).endpointCount()).isZero();
            assertThat(muxA.transportCount()).isZero();
        }
    }

    @Test
    void closingAConnectedSideStopsItsDatagramsBothWays() throws Exception {
        IcePeer a = peer(muxA, IceRole.CONTROLLING);
        IcePeer b = peer(muxB, IceRole.CONTROLLED);
        a.connectTo(b);
        a.awaitState(CONNECTED, WAIT);
        b.awaitState(CONNECTED, WAIT);

        a.transport.close();

        a.awaitState(CLOSED, WAIT);
        byte[] d = dtlsLike("to a closed side");
        assertThat(a.transport.send(d, 0, d.length)).isFalse();
        long unroutedBefore = muxA.sockets().get(0).unroutedCount();
        assertThat(b.transport.send(d, 0, d.length)).isTrue();
        awaitCondition(() -> muxA.sockets().get(0).unroutedCount() > unroutedBefore, WAIT);
        assertThat(a.datagrams).isEmpty();
    }

    @Test
    void closingTheMuxClosesItsTransportsAndFreesThePort() throws Exception {
        IceUdpMux mux = IceUdpMux.open(loopbackConfig());
        IcePeer a = peer(mux, IceRole.CONTROLLING);
        a.onLoop(a.transport::gather);
        int port = mux.localAddresses().get(0).getPort();

        mux.close();

        a.awaitState(CLOSED, WAIT);
        assertThat(mux.isClosed()).isTrue();
        try (DatagramSocket again = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        assertThatThrownBy(() -> IceTransport.builder(mux).role(IceRole.CONTROLLING).eventExecutor(Runnable::run)
                                             .eventListener(e -> { }).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("the IceUdpMux is closed");
    }

    @Test
    void refusesAPortInUseSayingWhich() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            IceConfig config = loopbackConfig().toBuilder().udpPort(taken.getLocalPort()).build();

            assertThatThrownBy(() -> IceUdpMux.open(config))
                    .isInstanceOfSatisfying(RemoteMediaException.class,
                                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                    .hasMessageStartingWith("udpPort: cannot bind UDP 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void ignoresCandidatesItCannotUseAndRejectsMalformedOnes() {
        IcePeer a = peer(muxA, IceRole.CONTROLLED);
        IceTransport t = a.transport;

        assertThat(t.addRemoteCandidate("candidate:1 1 udp 2113937151 3c8c0f35-2d5d-4a11-a5c8-3b1e7bc4d0c0.local "
                                        + "50993 typ host generation 0")).as("mDNS").isFalse();
        assertThat(t.addRemoteCandidate("candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active"))
                .as("TCP").isFalse();
        assertThat(t.addRemoteCandidate("candidate:3 2 udp 2130706430 127.0.0.1 5001 typ host")).as("RTCP").isFalse();
        assertThat(t.addRemoteCandidate("a=candidate:4 1 udp 2130706431 127.0.0.1 5000 typ host")).isTrue();
        assertThatThrownBy(() -> t.addRemoteCandidate("candidate:5 1 udp 2130706431 127.0.0.1 99999 typ host"))
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMS))
                .hasMessage("candidate: port '99999' (expected: 0..65535) in "
                            + "'candidate:5 1 udp 2130706431 127.0.0.1 99999 typ host'");
    }

    @Test
    void checksTheRemoteCredentialsAndRefusesAnIceRestart() {
        IceTransport t = peer(muxA, IceRole.CONTROLLED).transport;

        assertThatThrownBy(() -> t.setRemoteCredentials("abc", "0123456789012345678901"))
                .hasMessageStartingWith("ice-ufrag: 'abc' (expected: 4 to 256 characters");
        assertThatThrownBy(() -> t.setRemoteCredentials("abcd", "short"))
                .hasMessageStartingWith("ice-pwd: 5 characters (expected: 22 to 256");
        t.setRemoteCredentials("abcd", "0123456789012345678901");
        t.setRemoteCredentials("abcd", "0123456789012345678901");
        assertThatThrownBy(() -> t.setRemoteCredentials("efgh", "0123456789012345678901"))
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AVAILABLE))
                .hasMessageContaining("ICE restart is not available yet");
    }

    @Test
    void offersFreshRandomCredentials() {
        IceTransport t1 = peer(muxA, IceRole.CONTROLLING).transport;
        IceTransport t2 = peer(muxA, IceRole.CONTROLLING).transport;

        assertThat(t1.localUfrag()).hasSizeGreaterThanOrEqualTo(4).isNotEqualTo(t2.localUfrag());
        assertThat(t1.localPassword()).hasSizeGreaterThanOrEqualTo(22).isNotEqualTo(t2.localPassword());
        assertThat(CandidateLine.isIceChars(t1.localUfrag() + t1.localPassword())).isTrue();
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(5); // polling a counter; nothing to wait on
        }
    }

    static byte[] dtlsLike(String text) {
        return withFirstByte(23, text); // DTLS application_data: RFC 7983 20..63
    }

    static byte[] rtpLike(String text) {
        return withFirstByte(0x80, text); // RTP version 2: RFC 7983 128..191
    }

    private static byte[] withFirstByte(int first, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] d = new byte[body.length + 1];
        d[0] = (byte) first;
        System.arraycopy(body, 0, d, 1, body.length);
        return d;
    }
}
