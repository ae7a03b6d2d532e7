package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-reflexive candidates from a STUN server, asked once per mux for every transport on it. */
class IceGatheringTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void tricklesAServerReflexiveCandidateAfterTheHostOneAndAsksTheServerOncePerMux() throws Exception {
        InetAddress nat = InetAddress.getByName("203.0.113.7");
        try (FakeStunServer stun = new FakeStunServer(nat, false);
             IceUdpMux mux = IceUdpMux.open(IceTransportTest.loopbackConfig().toBuilder()
                                                   .iceServers(List.of(IceServer.of(stun.url()))).build());
             IcePeer first = new IcePeer(mux, IceRole.CONTROLLING);
             IcePeer second = new IcePeer(mux, IceRole.CONTROLLING)) {
            int port = mux.localAddresses().get(0).getPort();

            first.onLoop(first.transport::gather);
            second.onLoop(second.transport::gather);
            first.awaitGatheringComplete(WAIT);
            second.awaitGatheringComplete(WAIT);

            for (IcePeer p : List.of(first, second)) {
                assertThat(p.localCandidates).hasSize(2);
                assertThat(p.localCandidates.get(0)).endsWith(" 127.0.0.1 " + port + " typ host");
                assertThat(p.localCandidates.get(1)).matches(
                        "candidate:\\S+ 1 udp \\d+ 203\\.0\\.113\\.7 " + port + " typ srflx raddr 127\\.0\\.0\\.1 rport " + port);
                assertThat(p.events.get(p.events.size() - 1)).isInstanceOf(IceEvent.GatheringComplete.class);
            }
            assertThat(stun.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void offersAHostCandidatePerAddressAndConnectsOverIpv6() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        IceConfig dualStack = IceTransportTest.loopbackConfig().toBuilder().hostAddresses(List.of(v4, v6)).build();
        IceConfig v6Only = IceTransportTest.loopbackConfig().toBuilder().hostAddresses(List.of(v6)).build();
        try (IceUdpMux muxA = IceUdpMux.open(dualStack);
             IceUdpMux muxB = IceUdpMux.open(v6Only);
             IcePeer a = new IcePeer(muxA, IceRole.CONTROLLING);
             IcePeer b = new IcePeer(muxB, IceRole.CONTROLLED)) {

            a.connectTo(b);
            a.awaitState(IceTransportState.CONNECTED, WAIT);
            b.awaitState(IceTransportState.CONNECTED, WAIT);

            assertThat(a.localCandidates).hasSize(2);
            assertThat(a.localCandidates.get(0)).contains(" 127.0.0.1 " + muxA.localAddresses().get(0).getPort() + " typ host");
            assertThat(a.localCandidates.get(1)).contains(" ::1 " + muxA.localAddresses().get(1).getPort() + " typ host");
            assertThat(a.transport.selectedRemoteAddress()).isEqualTo(muxB.localAddresses().get(0));
            byte[] d = IceTransportTest.dtlsLike("over ::1");
            assertThat(a.transport.send(d, 0, d.length)).isTrue();
            assertThat(b.awaitDatagram(WAIT)).isEqualTo(d);
        }
    }

    @Test
    void endsGatheringWithTheHostCandidateWhenTheStunServerStaysSilent() throws Exception {
        Duration gatheringTimeout = Duration.ofMillis(400);
        try (FakeStunServer stun = new FakeStunServer(InetAddress.getByName("203.0.113.7"), true);
             IceUdpMux mux = IceUdpMux.open(IceTransportTest.loopbackConfig().toBuilder()
                                                   .iceServers(List.of(IceServer.of(stun.url())))
                                                   .gatheringTimeout(gatheringTimeout).build());
             IcePeer a = new IcePeer(mux, IceRole.CONTROLLED)) {
            long start = System.nanoTime();

            a.onLoop(a.transport::gather);
            a.awaitGatheringComplete(WAIT);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(gatheringTimeout.plusSeconds(1));
            assertThat(a.localCandidates).singleElement().satisfies(c -> assertThat(c).contains(" typ host"));
            assertThat(stun.requests.get()).as("retransmitted").isGreaterThan(1);
        }
    }
}
