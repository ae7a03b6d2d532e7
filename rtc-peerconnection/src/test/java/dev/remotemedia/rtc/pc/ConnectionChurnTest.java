package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §4 and issue 3: closing 1,000 connections returns threads and heap to baseline.
 *
 * <p>A thousand Java↔Java connections over UDP on 127.0.0.1 are made a hundred at a time; each
 * opens a data channel that carries a message and its echo, checked by content; then each batch
 * is closed, alternating which side closes first. Afterwards:
 *
 * <ul>
 *   <li>every connection object is collectable (weak references to all of them clear): nothing —
 *       a timer, a route in the ICE mux, an ice4j agent, a listener — still holds one;
 *   <li>used heap after GC is within {@link #HEAP_SLACK_BYTES} of the baseline;
 *   <li>no per-connection thread is left (ice4j's {@code IceConnector}, the DTLS handshake thread),
 *       the factories' threads are the baseline's, every other new thread belongs to ice4j's
 *       shared pools, and the total is within {@link #THREAD_SLACK} of the baseline;
 *   <li>the process has no more file descriptors open than at the baseline, give or take
 *       {@link #FD_SLACK}.
 * </ul>
 *
 * <p>The baseline is taken after a warm-up batch of the same size has connected and closed, so
 * that class loading, JIT, and ice4j's shared pools (cached thread pools that grow with the number
 * of agents active at once, and whose idle threads end only after 60 s) are already at the size
 * this concurrency needs.
 *
 * <p>Two connections between the same two ICE sockets cannot run at once (DTLS is routed by remote
 * address, see {@code IceUdpMux}), so the batch runs on a grid: {@value #GRID} offering factories
 * and {@value #GRID} answering ones, each pair of factories carrying one connection of the batch.
 */
class ConnectionChurnTest {

    private static final int CONNECTIONS = 1_000;
    private static final int GRID = 10;
    private static final int AT_ONCE = GRID * GRID;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Allowed growth of used heap after GC: noise from JIT, class metadata kept on heap, caches. */
    private static final long HEAP_SLACK_BYTES = 16L << 20;
    /** Allowed growth of the thread count: ice4j's cached pools may add a few threads under load. */
    private static final int THREAD_SLACK = 16;
    private static final int FD_SLACK = 8;

    /** Threads that exist once per open connection (one per mux socket, one per handshake). */
    private static final Pattern PER_CONNECTION = Pattern.compile("IceConnector@.*|remotemedia-dtls-handshake-\\d+");
    /** Threads the factories own: event loops, the mux's socket reader and timer. */
    private static final Pattern FACTORY = Pattern.compile("rtc-loop-\\d+-\\d+|remotemedia-ice-(udp|timer)-.+");
    /**
     * ice4j's shared pools ({@code ice4j.NetAccessManager-…}, {@code ice4j.Agent-executor-…},
     * {@code ice4j.StunClientTransaction-…}, and its candidate harvester set's unnamed cached pool).
     */
    private static final Pattern SHARED_POOL = Pattern.compile("ice4j\\..+-pool-\\d+-thread-\\d+|pool-\\d+-thread-\\d+");

    @Test
    void closingAThousandConnectionsReturnsThreadsAndHeapToBaseline() throws Exception {
        final IceConfig ice = IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build();
        final List<PeerConnectionFactory> offering = new ArrayList<>();
        final List<PeerConnectionFactory> answering = new ArrayList<>();
        try {
            for (int i = 0; i < GRID; i++) {
                offering.add(PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1).build());
                answering.add(PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1).build());
            }
            final List<WeakReference<Object>> warmUp = new ArrayList<>();
            runBatch(offering, answering, -1, warmUp);
            awaitCollected(warmUp);
            final Set<String> baselineThreads = liveThreadNames();
            final long baselineHeap = usedHeapAfterGc();
            final long baselineFds = openFileDescriptors();

            final List<WeakReference<Object>> closed = new ArrayList<>();
            int peakPerConnectionThreads = 0;
            for (int round = 0; round < CONNECTIONS / AT_ONCE; round++) {
                peakPerConnectionThreads = Math.max(peakPerConnectionThreads,
                                                    runBatch(offering, answering, round, closed));
            }
            assertThat(closed).hasSize(3 * CONNECTIONS); // two connections and a channel each
            assertThat(offering).allSatisfy(f -> assertThat(f.connectionCount()).isZero());
            assertThat(answering).allSatisfy(f -> assertThat(f.connectionCount()).isZero());
            assertThat(peakPerConnectionThreads).as("IceConnector threads while a batch is open")
                                                .isGreaterThanOrEqualTo(2 * AT_ONCE);

            // Threads: ice4j's Connector threads end asynchronously once their endpoint is closed.
            await(() -> count(liveThreadNames(), PER_CONNECTION) == 0 && unexpected(baselineThreads).isEmpty());
            final Set<String> threads = liveThreadNames();
            assertThat(filter(threads, PER_CONNECTION)).as("per-connection threads left").isEmpty();
            assertThat(unexpected(baselineThreads)).as("new threads beyond ice4j's shared pools").isEmpty();
            assertThat(filter(threads, FACTORY)).as("the factories' threads").isEqualTo(filter(baselineThreads, FACTORY));
            assertThat(threads.size()).as("live threads (baseline %d: %s)", baselineThreads.size(), byKind(threads))
                                      .isLessThanOrEqualTo(baselineThreads.size() + THREAD_SLACK);

            // Heap: the strongest check is that every connection and channel can be collected.
            awaitCollected(closed);
            final long heap = usedHeapAfterGc();
            assertThat(heap).as("used heap after GC, baseline %d MiB", baselineHeap >> 20)
                            .isLessThanOrEqualTo(baselineHeap + HEAP_SLACK_BYTES);

            final long fds = openFileDescriptors();
            assertThat(fds).as("open file descriptors").isLessThanOrEqualTo(baselineFds + FD_SLACK);

            System.out.printf("churn: %d connections closed; peak per-connection threads %d; threads: baseline %d, "
                              + "now %d %s; used heap after GC: baseline %.1f MiB, now %.1f MiB; fds: baseline %d, "
                              + "now %d%n", CONNECTIONS, peakPerConnectionThreads, baselineThreads.size(),
                              threads.size(), byKind(threads), baselineHeap / 1048576.0, heap / 1048576.0,
                              baselineFds, fds);
        } finally {
            offering.forEach(PeerConnectionFactory::close);
            answering.forEach(PeerConnectionFactory::close);
        }
    }

    /**
     * Connects {@link #AT_ONCE} pairs, checks a message and its echo on each, closes them, and adds
     * weak references to both connections and the offerer's channel to {@code refs}.
     *
     * @return the number of per-connection threads while the batch was open
     */
    private static int runBatch(List<PeerConnectionFactory> offering, List<PeerConnectionFactory> answering,
                                int round, List<WeakReference<Object>> refs) throws Exception {
        final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        final List<Pair> pairs = new ArrayList<>(AT_ONCE);
        for (int i = 0; i < AT_ONCE; i++) {
            pairs.add(new Pair(offering.get(i / GRID), answering.get(i % GRID),
                               "round " + round + ", pair " + i + ": héllo", errors));
        }
        try {
            CompletableFuture.allOf(pairs.stream().map(p -> p.echo).toArray(CompletableFuture[]::new))
                             .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            final long done = pairs.stream().filter(p -> p.echo.isDone()).count();
            throw new AssertionError("round " + round + ": " + done + " of " + AT_ONCE + " echoed within " + WAIT
                                     + "; errors: " + errors, e);
        }
        assertThat(errors).as("signaling errors").isEmpty();
        for (Pair pair : pairs) {
            assertThat(pair.echo.join()).isEqualTo("echo: " + pair.text);
            assertThat(pair.channel.readyState()).isEqualTo(RTCDataChannelState.OPEN);
        }
        final int perConnection = count(liveThreadNames(), PER_CONNECTION);
        for (int i = 0; i < pairs.size(); i++) {
            final Pair pair = pairs.get(i);
            if (i % 2 == 0) {
                pair.offerer.close();
                pair.answerer.close();
            } else {
                pair.answerer.close();
                pair.offerer.close();
            }
            assertThat(pair.offerer.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
            refs.add(new WeakReference<>(pair.offerer));
            refs.add(new WeakReference<>(pair.answerer));
            refs.add(new WeakReference<>(pair.channel));
        }
        return perConnection;
    }

    /**
     * One offerer and one answerer joined by an ordered signaling channel each way (as over a
     * WebSocket: a candidate is applied after the description sent before it). The offerer's
     * channel sends {@code text} once open; the answerer echoes it.
     */
    private static final class Pair {
        final RTCPeerConnection offerer;
        final RTCPeerConnection answerer;
        final RTCDataChannel channel;
        final String text;
        final CompletableFuture<String> echo = new CompletableFuture<>();

        Pair(PeerConnectionFactory offering, PeerConnectionFactory answering, String text, Queue<Throwable> errors) {
            this.text = text;
            offerer = offering.createPeerConnection();
            answerer = answering.createPeerConnection();
            final Signaling toAnswerer = new Signaling(errors);
            final Signaling toOfferer = new Signaling(errors);
            offerer.onIceCandidate(c -> toAnswerer.deliver(() -> answerer.addIceCandidate(c)));
            answerer.onIceCandidate(c -> toOfferer.deliver(() -> offerer.addIceCandidate(c)));
            answerer.onDataChannel(remote -> remote.onMessage(m -> remote.send("echo: " + m.text())));
            channel = offerer.createDataChannel("churn");
            channel.onOpen(() -> channel.send(text));
            channel.onMessage(m -> echo.complete(m.text()));
            // Each description is queued for the other side before it is applied here, so that the
            // candidates its application starts gathering cannot overtake it.
            offerer.createOffer().thenAccept(offer -> {
                toAnswerer.deliver(() -> answerer.setRemoteDescription(offer)
                                                 .thenCompose(v -> answerer.createAnswer())
                                                 .thenCompose(answer -> {
                                                     toOfferer.deliver(() -> offerer.setRemoteDescription(answer));
                                                     return answerer.setLocalDescription(answer);
                                                 }));
                offerer.setLocalDescription(offer).exceptionally(e -> fail(errors, e));
            }).exceptionally(e -> fail(errors, e));
        }
    }

    /** Messages towards one peer, each applied once the one before it has settled. */
    private static final class Signaling {
        private final Queue<Throwable> errors;
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

        Signaling(Queue<Throwable> errors) {
            this.errors = errors;
        }

        synchronized <T> CompletableFuture<T> deliver(Supplier<CompletableFuture<T>> message) {
            final CompletableFuture<T> next = tail.handle((v, e) -> null).thenCompose(v -> message.get());
            next.whenComplete((v, e) -> {
                if (e != null) {
                    errors.add(e);
                }
            });
            tail = next;
            return next;
        }
    }

    private static Void fail(Queue<Throwable> errors, Throwable error) {
        errors.add(error);
        return null;
    }

    private static void awaitCollected(List<WeakReference<Object>> refs) throws InterruptedException {
        await(() -> {
            System.gc();
            return refs.stream().allMatch(r -> r.get() == null);
        });
        for (int k = 0; k < 2 && refs.stream().anyMatch(r -> r.get() != null); k++) { System.gc(); System.out.println("DEBUG left " + refs.stream().filter(r -> r.get() != null).count()); Thread.sleep(5000); }
        if (refs.stream().anyMatch(r -> r.get() != null)) { // DEBUG
            Thread.getAllStackTraces().forEach((t, st) -> { if (t.getName().equals("Finalizer")) { System.out.println("DEBUG finalizer " + t.getState()); for (var e : st) System.out.println("DEBUG   at " + e); } });
            try {
                new java.io.File("/tmp/churn.hprof").delete();
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).dumpHeap("/tmp/churn.hprof", true);
                System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()})
                        .toString().lines().filter(l -> l.contains("remotemedia") || l.contains("ice4j") || l.contains("bouncycastle.tls")).limit(80).collect(Collectors.joining("\n")));
            } catch (Exception e) { e.printStackTrace(); }
        }
        assertThat(refs.stream().filter(r -> r.get() != null).map(r -> String.valueOf(r.get())).limit(5).toList())
                .as("connections and channels still reachable after close (first five)").isEmpty();
    }

    private static long usedHeapAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static long openFileDescriptors() {
        final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
    }

    /** Polls {@code condition} every 20 ms for up to {@link #WAIT}; the caller asserts afterwards. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Live threads not in the baseline, other than ice4j's shared pool threads. */
    private static Set<String> unexpected(Set<String> baseline) {
        return liveThreadNames().stream()
                                .filter(n -> !baseline.contains(n) && !SHARED_POOL.matcher(n).matches())
                                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                     .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> filter(Set<String> names, Pattern pattern) {
        return names.stream().filter(n -> pattern.matcher(n).matches()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static int count(Set<String> names, Pattern pattern) {
        return filter(names, pattern).size();
    }

    /** Thread counts by kind, for messages. */
    private static Map<String, Integer> byKind(Set<String> names) {
        final Map<String, Integer> kinds = new TreeMap<>();
        kinds.put("per-connection", count(names, PER_CONNECTION));
        kinds.put("factories", count(names, FACTORY));
        kinds.put("ice4j pools", count(names, SHARED_POOL));
        kinds.put("other", names.size() - kinds.values().stream().mapToInt(Integer::intValue).sum());
        return kinds;
    }
}
