package dev.remotemedia.rtc.transport.ice;

import static dev.remotemedia.rtc.transport.ice.IceTransportState.CONNECTED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.FAILED;
import static dev.remotemedia.rtc.transport.ice.IceTransportTest.dtlsLike;
import static dev.remotemedia.rtc.transport.ice.IceTransportTest.rtpLike;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.testing.TurnServerProcess;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ICE through a real TURN server: Debian's coturn on 127.0.0.1, started for this class. */
class IceTurnTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final Duration GATHERING_TIMEOUT = Duration.ofSeconds(1);

    private static TurnServerProcess turn;

    private final List<IceUdpMux> muxes = new ArrayList<>();
    private final List<IcePeer> peers = new ArrayList<>();

    @BeforeAll
    static void startTurnServer() {
        turn = TurnServerProcess.start("alice", "s3cret-Pa55");
    }

    @AfterAll
    static void stopTurnServer() {
        if (turn != null) {
            turn.close();
        }
    }

    @AfterEach
    void closeEverything() {
        peers.forEach(IcePeer::close);
        muxes.forEach(IceUdpMux::close);
    }

    private IceUdpMux mux(String url, String username, String password) {
        IceUdpMux mux = IceUdpMux.open(IceTransportTest.loopbackConfig().toBuilder()
                                                       .iceServers(List.of(IceServer.of(List.of(url), username, password)))
                                                       .gatheringTimeout(GATHERING_TIMEOUT)
                                                       .build());
        muxes.add(mux);
        return mux;
    }

    private IcePeer peer(IceUdpMux mux, IceRole role, IceTransportPolicy policy) {
        IcePeer p = new IcePeer(mux, role, policy);
        peers.add(p);
        return p;
    }

    @Test
    void relayOnlyTransportsConnectThroughTheTurnServerAndCarryDatagramsByContentBothWays() throws Exception {
        long deallocatedBefore = turn.log().stream().filter(IceTurnTest::deallocated).count();
        IcePeer a = peer(mux(turn.url(), turn.username(), turn.password()), IceRole.CONTROLLING, IceTransportPolicy.RELAY);
        IcePeer b = peer(mux(turn.url(), turn.username(), turn.password()), IceRole.CONTROLLED, IceTransportPolicy.RELAY);
        a.connectTo(b);

        a.awaitState(CONNECTED, WAIT);
        b.awaitState(CONNECTED, WAIT);

        for (IcePeer p : List.of(a, b)) {
            assertThat(p.localCandidates).isNotEmpty().allMatch(c -> c.contains(" typ relay raddr 127.0.0.1 rport "));
            IceCandidatePair pair = p.transport.selectedCandidatePair();
            assertThat(pair).isNotNull();
            assertThat(pair.local()).as("local of %s", pair).contains(" typ relay raddr 127.0.0.1 rport ");
            assertThat(pair.remote()).as("remote of %s", pair).contains(" typ relay");
            assertThat(p.transport.turnSocketAddresses()).hasSize(1);
        }
        // Each side's path ends at the other side's relayed address, never at a mux socket.
        assertThat(a.transport.selectedRemoteAddress()).isNotIn(muxes.get(1).localAddresses());
        for (int i = 0; i < 50; i++) {
            byte[] toB = dtlsLike("a->b via TURN " + i);
            byte[] toA = rtpLike("b->a via TURN " + i);
            assertThat(a.transport.send(toB, 0, toB.length)).isTrue();
            assertThat(b.transport.send(toA, 0, toA.length)).isTrue();
            assertThat(b.awaitDatagram(WAIT)).isEqualTo(toB);
            assertThat(a.awaitDatagram(WAIT)).isEqualTo(toA);
        }

        List<InetSocketAddress> privateSockets = new ArrayList<>(a.transport.turnSocketAddresses());
        privateSockets.addAll(b.transport.turnSocketAddresses());
        a.close();
        b.close();

        assertThat(a.transport.turnSocketAddresses()).isEmpty();
        assertThat(b.transport.turnSocketAddresses()).isEmpty();
        // Both allocations were deleted by a Refresh with LIFETIME 0 (RFC 8656 §7.2).
        turn.awaitLogLines(IceTurnTest::deallocated, (int) deallocatedBefore + 2, WAIT);
        // And the private ports are free again.
        for (InetSocketAddress s : privateSockets) {
            IceTransportTest.awaitCondition(() -> canBind(s.getPort()), WAIT);
        }
    }

    @Test
    void withThePolicyAllItOffersHostAndRelayedCandidatesAndConnects() {
        IcePeer a = peer(mux(turn.url(), turn.username(), turn.password()), IceRole.CONTROLLING, IceTransportPolicy.ALL);
        IcePeer b = peer(mux(turn.url(), turn.username(), turn.password()), IceRole.CONTROLLED, IceTransportPolicy.ALL);
        a.connectTo(b);

        a.awaitState(CONNECTED, WAIT);
        b.awaitState(CONNECTED, WAIT);
        a.awaitGatheringComplete(WAIT);

        assertThat(a.localCandidates).anyMatch(c -> c.endsWith(" typ host"))
                                     .anyMatch(c -> c.contains(" typ relay raddr 127.0.0.1 rport "));
    }

    @Test
    void aWrongPasswordEndsGatheringWithoutACandidateReportsTheErrorAndFails() {
        IcePeer a = peer(mux(turn.url(), turn.username(), "not-the-password"), IceRole.CONTROLLING,
                         IceTransportPolicy.RELAY);
        a.onLoop(a.transport::gather);

        a.awaitGatheringComplete(WAIT);
        a.awaitState(FAILED, WAIT);

        assertThat(a.localCandidates).isEmpty();
        assertThat(a.events).filteredOn(e -> e instanceof IceEvent.CandidateError)
                            .singleElement()
                            .satisfies(e -> {
                                IceEvent.CandidateError error = (IceEvent.CandidateError) e;
                                assertThat(error.url()).isEqualTo(turn.url());
                                assertThat(error.errorCode()).isEqualTo(401);
                                assertThat(error.errorText()).contains("rejected the credentials of user 'alice'")
                                                             .doesNotContain("not-the-password");
                            });
        assertThat(a.transport.turnSocketAddresses()).isEmpty();
    }

    @Test
    void aTurnServerThatIsNotRunningEndsGatheringWithinTheGatheringTimeout() throws Exception {
        int silentPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            silentPort = s.getLocalPort();
        }
        String url = "turn:127.0.0.1:" + silentPort;
        IcePeer a = peer(mux(url, "alice", "whatever"), IceRole.CONTROLLING, IceTransportPolicy.RELAY);
        long start = System.nanoTime();
        a.onLoop(a.transport::gather);

        a.awaitGatheringComplete(GATHERING_TIMEOUT.plus(SLACK));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GATHERING_TIMEOUT.plus(SLACK));
        a.awaitState(FAILED, WAIT);
        assertThat(a.events).filteredOn(e -> e instanceof IceEvent.CandidateError)
                            .singleElement()
                            .satisfies(e -> assertThat(((IceEvent.CandidateError) e).errorCode()).isEqualTo(701));
    }

    @Test
    void theTurnReaderThreadStartsWithTheFirstAllocationAndEndsWithTheMux() {
        IceUdpMux mux = mux(turn.url(), turn.username(), turn.password());
        String name = "remotemedia-ice-turn-" + mux.localAddresses().get(0).getPort();
        assertThat(threadNamed(name)).isFalse();
        IcePeer a = peer(mux, IceRole.CONTROLLING, IceTransportPolicy.RELAY);
        a.onLoop(a.transport::gather);
        a.awaitGatheringComplete(WAIT);
        assertThat(a.localCandidates).singleElement().satisfies(c -> assertThat(c).contains(" typ relay "));
        assertThat(threadNamed(name)).isTrue();

        mux.close();

        assertThat(a.transport.isClosed()).isTrue();
        assertThat(a.transport.turnSocketAddresses()).isEmpty();
        assertThat(threadNamed(name)).isFalse();
    }

    @Test
    void theConfigurationNeverShowsTheCredential() {
        IceUdpMux mux = mux(turn.url(), turn.username(), turn.password());
        assertThat(mux.config().toString()).contains(turn.url()).doesNotContain(turn.password());
        assertThat(mux.turnServers().toString()).doesNotContain(turn.password());
    }

    /** coturn logs each Refresh with its lifetime; 0 deletes the allocation. */
    private static boolean deallocated(String line) {
        return line.contains("refreshed") && line.contains("lifetime=0");
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static boolean canBind(int port) {
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (SocketException e) {
            return false;
        }
    }
}
