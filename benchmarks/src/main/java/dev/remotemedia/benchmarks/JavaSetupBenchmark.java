package dev.remotemedia.benchmarks;

import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.transport.LogLevel;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Java↔Java connection setup over UDP on 127.0.0.1: from creating the two peer connections (then
 * {@code createDataChannel}, offer and answer, trickle ICE between them, signaling in memory) to
 * the data channel being open on both sides, as the Chromium loopback page measures it. Also splits
 * the setup into phases, from time stamps taken in the callbacks: the median time from the start
 * to the end of each, and the differences between those medians:
 *
 * <ul>
 *   <li>signaling: until the offerer has applied the answer;
 *   <li>ICE: until both sides report {@code iceConnectionState} connected;
 *   <li>DTLS: until both report {@code connectionState} connected (ICE and DTLS up);
 *   <li>SCTP + DCEP OPEN: until the answerer announces the channel ({@code ondatachannel});
 *   <li>open: until the channel is open on both sides (the offerer's opens once SCTP is up and its
 *       DCEP OPEN is sent; the answerer's right after the announcement).
 * </ul>
 *
 * <p>The runs come after {@code --warm-up} (200) setups, so that the JIT has compiled the path, as
 * in a server that has been up a while; {@code --runs} (50) are measured. Consecutive runs use
 * different pairs of factories (a 2×2 grid), so that a closed connection's last datagrams cannot
 * reach the next one. Also printed: the process's CPU time per setup (and close), all threads of
 * both peers, since the two peers share the machine's cores.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Pjava-setup}
 */
public final class JavaSetupBenchmark {
    private JavaSetupBenchmark() {}

    public static void main(String[] args) {
        ServerLogging.apply(LogLevel.WARN);
        final int runs = Args.intArg(args, "--runs", 50);
        final int warmUp = Args.intArg(args, "--warm-up", 200);
        final List<PeerConnectionFactory> offering = List.of(JavaPeers.factory(1), JavaPeers.factory(1));
        final List<PeerConnectionFactory> answering = List.of(JavaPeers.factory(1), JavaPeers.factory(1));
        try {
            for (int i = 0; i < warmUp; i++) {
                setUp(offering, answering, i).close();
            }
            final List<JavaPeers.Pair> measured = new ArrayList<>(runs);
            final long cpuBefore = processCpuNanos();
            for (int i = 0; i < runs; i++) {
                final JavaPeers.Pair pair = setUp(offering, answering, i);
                pair.close();
                measured.add(pair);
            }
            final double cpuPerSetupMs = (processCpuNanos() - cpuBefore) / 1e6 / runs;

            System.out.println("Java↔Java on " + MachineInfo.describe());
            final Percentiles total = phase(measured, p -> p.startNanos, JavaPeers.Pair::openNanos);
            System.out.printf("| Java↔Java setup, offer → channel open (loopback, %d runs after %d warm-up) "
                              + "| median %.2f ms | p10 %.2f ms | p90 %.2f ms |%n",
                              total.count(), warmUp, total.median(), total.p10(), total.p90());
            System.out.printf("| CPU time per setup and close, all threads of both peers | %.2f ms |%n", cpuPerSetupMs);
            System.out.println();
            System.out.println("| phase | median time since the start | the phase (difference of the medians) |");
            System.out.println("|---|---|---|");
            final Phases phases = new Phases(measured);
            phases.row("signaling: offer and answer applied", p -> p.answerAppliedNanos);
            phases.row("ICE connected, both sides",
                       p -> Math.max(p.offererIceConnectedNanos, p.answererIceConnectedNanos));
            phases.row("DTLS connected, both sides", p -> Math.max(p.offererConnectedNanos, p.answererConnectedNanos));
            phases.row("SCTP association + DCEP OPEN: channel announced to the answerer", p -> p.announcedNanos);
            phases.row("channel open on both sides", JavaPeers.Pair::openNanos);
        } finally {
            offering.forEach(PeerConnectionFactory::close);
            answering.forEach(PeerConnectionFactory::close);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static JavaPeers.Pair setUp(List<PeerConnectionFactory> offering, List<PeerConnectionFactory> answering,
                                        int run) {
        final JavaPeers.Pair pair = JavaPeers.connect(offering.get(run % 2), answering.get((run / 2) % 2), "setup");
        JavaPeers.await(pair.open, "setup run " + run);
        return pair;
    }

    /** Prints each phase's median end, since the start of the setup, and its share of the total. */
    private static final class Phases {
        private final List<JavaPeers.Pair> pairs;
        private double previousMs;

        Phases(List<JavaPeers.Pair> pairs) {
            this.pairs = pairs;
        }

        void row(String what, ToLongFunction<JavaPeers.Pair> end) {
            final double ms = phase(pairs, p -> p.startNanos, end).median();
            System.out.printf("| %s | %.2f ms | %.2f ms |%n", what, ms, ms - previousMs);
            previousMs = ms;
        }
    }

    private static Percentiles phase(List<JavaPeers.Pair> pairs, ToLongFunction<JavaPeers.Pair> from,
                                     ToLongFunction<JavaPeers.Pair> to) {
        return Percentiles.of(pairs.stream().mapToDouble(p -> (to.applyAsLong(p) - from.applyAsLong(p)) / 1e6)
                                   .toArray());
    }
}
