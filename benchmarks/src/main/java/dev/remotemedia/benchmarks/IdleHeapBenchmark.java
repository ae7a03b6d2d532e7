package dev.remotemedia.benchmarks;

import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.transport.LogLevel;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * Heap per idle peer connection with one open data channel: {@code --connections} (1,000)
 * Java↔Java pairs over UDP on 127.0.0.1 are connected, a hundred at a time, and left idle for
 * {@code --idle-seconds} (5: past ice4j's 3 s termination delay, after which an agent drops its
 * check lists, so the figure is the steady state); then the used heap after full GCs is compared
 * with the one before they were made. Both ends of every pair live in this JVM and both are full
 * peer connections, so the figure per connection is the growth divided by twice the number of
 * pairs. The classes that grew most are listed, from the JVM's class histogram, to show where
 * the bytes go.
 *
 * <p>The factories (a grid of 32 offering and 32 answering ones, since the ICE layer cannot carry
 * two connections between the same two sockets) and a warm-up batch, connected and closed, come
 * before the baseline.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Pidle-heap}
 */
public final class IdleHeapBenchmark {
    private static final int GRID = 32;
    private static final int AT_ONCE = 100;

    private IdleHeapBenchmark() {}

    public static void main(String[] args) throws Exception {
        ServerLogging.apply(LogLevel.WARN);
        final int pairs = Args.intArg(args, "--connections", 1_000);
        final int idleSeconds = Args.intArg(args, "--idle-seconds", 5);
        if (pairs > GRID * GRID) {
            throw new IllegalArgumentException("--connections: " + pairs + " (expected: <= " + GRID * GRID + ")");
        }
        final List<PeerConnectionFactory> offering = new ArrayList<>();
        final List<PeerConnectionFactory> answering = new ArrayList<>();
        final List<JavaPeers.Pair> open = new ArrayList<>(pairs);
        try {
            for (int i = 0; i < GRID; i++) {
                offering.add(JavaPeers.factory(1));
                answering.add(JavaPeers.factory(1));
            }
            connect(offering, answering, AT_ONCE, open);
            open.forEach(JavaPeers.Pair::close);
            open.clear();
            TimeUnit.SECONDS.sleep(idleSeconds); // closed agents' last tasks end
            final long baseline = usedHeapAfterGc();
            final Map<String, long[]> baselineHistogram = histogram();
            final int baselineThreads = Thread.activeCount();
            final long baselineRss = rssBytes();

            connect(offering, answering, pairs, open);
            TimeUnit.SECONDS.sleep(idleSeconds); // idle: consent checks and SCTP heartbeats only
            final long loaded = usedHeapAfterGc();
            final Map<String, long[]> loadedHistogram = histogram();
            final int loadedThreads = Thread.activeCount();
            final long loadedRss = rssBytes();

            final int connections = 2 * pairs;
            System.out.println("Java↔Java on " + MachineInfo.describe());
            System.out.printf("| heap per idle connection with one open channel (%d pairs = %d connections, both ends "
                              + "in one JVM, after %d s idle) | %.1f KiB | used heap after GC %.1f → %.1f MiB |%n",
                              pairs, connections, idleSeconds, (loaded - baseline) / 1024.0 / connections,
                              baseline / 1048576.0, loaded / 1048576.0);
            System.out.printf("| threads | %d → %d | %.2f per connection |%n", baselineThreads, loadedThreads,
                              (loadedThreads - baselineThreads) / (double) connections);
            if (baselineRss > 0) {
                System.out.printf("| resident set size | %.0f → %.0f MiB | %.1f KiB per connection |%n",
                                  baselineRss / 1048576.0, loadedRss / 1048576.0,
                                  (loadedRss - baselineRss) / 1024.0 / connections);
            }
            System.out.println();
            System.out.println("| class (grew most) | instances per connection | bytes per connection |");
            System.out.println("|---|---|---|");
            final List<Map.Entry<String, long[]>> growth = new ArrayList<>();
            for (Map.Entry<String, long[]> entry : loadedHistogram.entrySet()) {
                final long[] before = baselineHistogram.getOrDefault(entry.getKey(), new long[2]);
                growth.add(Map.entry(entry.getKey(), new long[] {entry.getValue()[0] - before[0],
                                                                 entry.getValue()[1] - before[1]}));
            }
            growth.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
            for (Map.Entry<String, long[]> entry : growth.subList(0, Math.min(25, growth.size()))) {
                System.out.printf("| %s | %.1f | %.0f |%n", entry.getKey(), entry.getValue()[0] / (double) connections,
                                  entry.getValue()[1] / (double) connections);
            }
        } finally {
            open.forEach(JavaPeers.Pair::close);
            offering.forEach(PeerConnectionFactory::close);
            answering.forEach(PeerConnectionFactory::close);
        }
    }

    /** Connects {@code count} pairs, {@link #AT_ONCE} at a time, each on its own pair of factories. */
    private static void connect(List<PeerConnectionFactory> offering, List<PeerConnectionFactory> answering,
                                int count, List<JavaPeers.Pair> into) {
        for (int first = 0; first < count; first += AT_ONCE) {
            final List<JavaPeers.Pair> batch = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + AT_ONCE); i++) {
                batch.add(JavaPeers.connect(offering.get(i / GRID), answering.get(i % GRID), "idle"));
            }
            into.addAll(batch);
            JavaPeers.await(CompletableFuture.allOf(batch.stream().map(p -> p.open).toArray(CompletableFuture[]::new)),
                            "connections " + first + " to " + (first + batch.size()));
        }
    }

    private static long usedHeapAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** Class name → {instances, bytes}, from the JVM's {@code GC.class_histogram} (after a full GC). */
    private static Map<String, long[]> histogram() throws Exception {
        final String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        final Map<String, long[]> classes = new HashMap<>();
        for (String line : text.lines().toList()) {
            final String[] cols = line.trim().split("\\s+");
            if (cols.length >= 4 && cols[0].endsWith(":")) {
                classes.put(cols[3], new long[] {Long.parseLong(cols[1]), Long.parseLong(cols[2])});
            }
        }
        return classes;
    }

    /** The process's resident set size, or 0 where /proc is missing. */
    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
