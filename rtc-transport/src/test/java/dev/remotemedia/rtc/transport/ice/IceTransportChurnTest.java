package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §4: thousands of peers must not leave thousands of threads behind. A thousand
 * transports are opened (a hundred at a time), each gathers and runs checks, one in ten connects
 * to a peer and carries a datagram, and all are closed; then every per-transport thread must be
 * gone.
 *
 * <p>Each connected peer has a mux of its own, as each browser has its own port: two transports on
 * one mux that talk to the same remote address cannot be told apart (see {@link MuxSocket}).
 */
class IceTransportChurnTest {

    private static final int TRANSPORTS = 1000;
    private static final int AT_ONCE = 100;
    private static final int PAIRS_AT_ONCE = AT_ONCE / 10;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** ice4j's shared pools: cached pools and single-thread schedulers, never one per agent. */
    private static final Pattern ICE4J_POOL = Pattern.compile("ice4j\\..+-pool-\\d+-thread-\\d+");
    /** ice4j's per-agent STUN reader, one per mux socket of each open transport. */
    private static final Pattern ICE4J_CONNECTOR = Pattern.compile("IceConnector@\\d+");

    @Test
    void closingAThousandTransportsReturnsThreadsToBaseline() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "churn-test-loop"));
        loop.submit(() -> { }).get(); // its thread belongs to the baseline
        List<IceUdpMux> peerMuxes = new ArrayList<>();
        try (IceUdpMux mux = IceUdpMux.open(IceTransportTest.loopbackConfig());
             DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < PAIRS_AT_ONCE; i++) {
                peerMuxes.add(IceUdpMux.open(IceTransportTest.loopbackConfig()));
            }
            connectOnePair(mux, peerMuxes.get(0)); // starts ice4j's shared pools
            Set<String> baseline = threadNames();
            String silentCandidate = "candidate:1 1 udp 2130706431 127.0.0.1 " + silent.getLocalPort() + " typ host";

            int peakConnectors = 0;
            for (int round = 0; round < TRANSPORTS / AT_ONCE; round++) {
                List<IceTransport> open = new ArrayList<>();
                List<IcePeer> pairs = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    if (i % 10 == 0) {
                        IcePeer a = new IcePeer(mux, IceRole.CONTROLLING);
                        IcePeer b = new IcePeer(peerMuxes.get(i / 10), IceRole.CONTROLLED);
                        a.connectTo(b);
                        pairs.add(a);
                        pairs.add(b);
                        continue;
                    }
                    IceTransport t = IceTransport.builder(mux).role(IceRole.CONTROLLING).eventExecutor(loop)
                                                 .eventListener(e -> { }).build();
                    t.setRemoteCredentials("silentufrag", "silentpasswordsilentpassword");
                    t.addRemoteCandidate(silentCandidate);
                    t.gather();
                    open.add(t);
                }
                for (int p = 0; p < pairs.size(); p += 2) {
                    IcePeer a = pairs.get(p);
                    IcePeer b = pairs.get(p + 1);
                    a.awaitState(IceTransportState.CONNECTED, WAIT);
                    b.awaitState(IceTransportState.CONNECTED, WAIT);
                    byte[] d = IceTransportTest.dtlsLike("round " + round + " pair " + p);
                    assertThat(a.transport.send(d, 0, d.length)).isTrue();
                    assertThat(b.awaitDatagram(WAIT)).isEqualTo(d);
                }
                peakConnectors = Math.max(peakConnectors, count(threadNames(), ICE4J_CONNECTOR));
                open.forEach(IceTransport::close);
                pairs.forEach(IcePeer::close);
            }

            assertThat(mux.transportCount()).isZero();
            assertThat(peerMuxes).allSatisfy(m -> assertThat(m.transportCount()).isZero());
            assertThat(mux.sockets().get(0).endpointCount()).isZero();
            assertThat(peakConnectors).as("one ice4j Connector per open transport").isGreaterThanOrEqualTo(AT_ONCE);
            long deadline = System.nanoTime() + WAIT.toNanos();
            Set<String> left;
            while (!(left = leftOver(baseline)).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // ice4j's Connector threads end asynchronously; nothing to wait on
            }
            assertThat(left).as("threads left beyond the baseline and ice4j's shared pools").isEmpty();
            Set<String> now = threadNames();
            System.out.printf("churn: %d transports, peak %d Connector threads; threads: baseline %d, now %d "
                              + "(ice4j pool threads: baseline %d, now %d, idle ones end after 60 s)%n",
                              TRANSPORTS, peakConnectors, baseline.size(), now.size(),
                              count(baseline, ICE4J_POOL), count(now, ICE4J_POOL));
        } finally {
            peerMuxes.forEach(IceUdpMux::close);
            loop.shutdown();
            loop.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void connectOnePair(IceUdpMux mux, IceUdpMux peerMux) throws InterruptedException {
        try (IcePeer a = new IcePeer(mux, IceRole.CONTROLLING); IcePeer b = new IcePeer(peerMux, IceRole.CONTROLLED)) {
            a.connectTo(b);
            a.awaitState(IceTransportState.CONNECTED, WAIT);
            b.awaitState(IceTransportState.CONNECTED, WAIT);
        }
    }

    private static Set<String> leftOver(Set<String> baseline) {
        return threadNames().stream()
                            .filter(n -> !baseline.contains(n) && !ICE4J_POOL.matcher(n).matches())
                            .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                     .collect(Collectors.toCollection(TreeSet::new));
    }

    private static int count(Set<String> names, Pattern p) {
        return (int) names.stream().filter(n -> p.matcher(n).matches()).count();
    }
}
