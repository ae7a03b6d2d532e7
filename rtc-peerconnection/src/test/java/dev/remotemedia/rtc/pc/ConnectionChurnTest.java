package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
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
 *   <li>every connection and channel object is collectable (weak references to all of them
 *       clear): nothing — a timer, a route in the ICE mux, an ice4j agent, a listener — still
 *       holds one;
 *   <li>used heap after GC is within {@link #HEAP_SLACK_BYTES} of the baseline;
 *   <li>no per-connection thread is left (ice4j's {@code IceConnector}, the DTLS handshake
 *       thread), the factories' threads are the baseline's, no other thread is new, and there are
 *       no more threads than at the baseline;
 *   <li>no more file descriptors are open than at the baseline, give or take {@link #FD_SLACK}.
 * </ul>
 *
 * <p>The baseline is taken after two warm-up batches like the others have connected and closed
 * (class loading, JIT, ice4j's static state). ice4j runs its agents' work on three shared cached
 * pools whose idle threads linger 60 s, and which grow with the agents active at once (to some
 * 100–180 threads for the 200 agents of a batch here). Rather than allow for that, the test cuts
 * their keep-alive to {@link #ICE4J_POOL_KEEP_ALIVE} and waits for them to empty, at the baseline
 * and at the end: a pool that cannot empty is itself a leak (a freed agent's task still firing).
 *
 * <p>{@code -Dchurn.heapDump=/tmp/churn.hprof} writes a heap dump when a connection stays
 * reachable, to find what holds it.
 *
 * <p>Two connections between the same two ICE sockets cannot run at once (DTLS is routed by remote
 * address, see {@code IceUdpMux}), so the batch runs on a grid: {@value #GRID} offering factories
 * and {@value #GRID} answering ones, each pair of factories carrying one connection of the batch.
 */
class ConnectionChurnTest {

    private static final int CONNECTIONS = 1_000;
    private static final int GRID = 10;
    private static final int AT_ONCE = GRID * GRID;
    private static final int WARM_UP_BATCHES = 2;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Allowed growth of used heap after GC: JIT and class data kept on the heap, caches. */
    private static final long HEAP_SLACK_BYTES = 16L << 20;
    private static final int FD_SLACK = 8;
    private static final Duration ICE4J_POOL_KEEP_ALIVE = Duration.ofMillis(100);
    /**
     * How long threads may take to settle: ice4j lets the STUN transactions a freed agent started
     * run out their retransmissions (a consent check's up to about 16 s; {@code MuxSocket} allows
     * 45 s for the longest), and each retransmission wakes a pool thread.
     */
    private static final Duration SETTLE = Duration.ofSeconds(45);
    /** ice4j's shared cached pools, as {@code class#static field}. */
    private static final List<String> ICE4J_POOLS =
            List.of("org.ice4j.ice.Agent#agentTasksExecutor",
                    "org.ice4j.stack.StunClientTransaction#retransmissionExecutor",
                    "org.ice4j.stack.NetAccessManager#messageProcessingExecutor");

    /** Threads that exist once per open connection (one per mux socket, one per handshake). */
    private static final Pattern PER_CONNECTION = Pattern.compile("IceConnector@.*|remotemedia-dtls-handshake-\\d+");
    /** Threads the factories own: event loops, the mux's socket reader and timer. */
    private static final Pattern FACTORY = Pattern.compile("rtc-loop-\\d+-\\d+|remotemedia-ice-(udp|timer)-.+");
    /** The threads of {@link #ICE4J_POOLS}. */
    private static final Pattern ICE4J_POOL = Pattern.compile(
            "ice4j\\.(Agent-executor|StunClientTransaction-executor|NetAccessManager)-pool-\\d+-thread-\\d+");
    /** ice4j's shared single-thread schedulers; their thread may time out and be made anew. */
    private static final Pattern ICE4J_SCHEDULER =
            Pattern.compile("ice4j\\.(Agent-timer|StunClientTransaction-timer|StunStack)-pool-\\d+-thread-\\d+");

    @Test
    void closingAThousandConnectionsReturnsThreadsAndHeapToBaseline() throws Exception {
        final IceConfig ice = IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build();
        final List<PeerConnectionFactory> offering = new ArrayList<>();
        final List<PeerConnectionFactory> answering = new ArrayList<>();
        List<ThreadPoolExecutor> ice4jPools = List.of();
        try {
            for (int i = 0; i < GRID; i++) {
                offering.add(PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1).build());
                answering.add(PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1).build());
            }
            final List<WeakReference<Object>> warmUp = new ArrayList<>();
            for (int round = -WARM_UP_BATCHES; round < 0; round++) {
                runBatch(offering, answering, round, warmUp);
            }
            ice4jPools = ice4jPools(); // initialized by now
            ice4jPools.forEach(p -> p.setKeepAliveTime(ICE4J_POOL_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS));
            awaitCollected(warmUp);
            final Set<String> baselineThreads = awaitThreads(names -> count(names, ICE4J_POOL) == 0);
            final long baselineHeap = usedHeapAfterGc();
            final long baselineFds = openFileDescriptors();

            final List<WeakReference<Object>> closed = new ArrayList<>();
            int peakPerConnection = 0;
            int peakIce4jPool = 0;
            for (int round = 0; round < CONNECTIONS / AT_ONCE; round++) {
                final Set<String> open = runBatch(offering, answering, round, closed);
                peakPerConnection = Math.max(peakPerConnection, count(open, PER_CONNECTION));
                peakIce4jPool = Math.max(peakIce4jPool, count(open, ICE4J_POOL));
            }
            assertThat(closed).hasSize(3 * CONNECTIONS); // two connections and a channel each
            assertThat(offering).allSatisfy(f -> assertThat(f.connectionCount()).isZero());
            assertThat(answering).allSatisfy(f -> assertThat(f.connectionCount()).isZero());
            assertThat(peakPerConnection).as("IceConnector threads while a batch is open")
                                         .isGreaterThanOrEqualTo(2 * AT_ONCE);

            // Threads: ice4j's Connector threads end asynchronously once their endpoint is closed,
            // and idle pool threads after the keep-alive.
            // Closed agents' STUN transactions still retransmit for a while (ice4j lets them run
            // out), waking a pool thread now and then: the checks below are on one snapshot.
            final long settleStart = System.nanoTime();
            final Set<String> threads = awaitThreads(names -> count(names, PER_CONNECTION) == 0
                                                              && count(names, ICE4J_POOL) == 0
                                                              && unexpected(names, baselineThreads).isEmpty());
            final double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
            assertThat(filter(threads, PER_CONNECTION)).as("per-connection threads left").isEmpty();
            assertThat(filter(threads, ICE4J_POOL)).as("ice4j pool threads still busy (a freed agent's task firing?)")
                                                   .isEmpty();
            assertThat(unexpected(threads, baselineThreads)).as("threads not in the baseline").isEmpty();
            assertThat(filter(threads, FACTORY)).as("the factories' threads")
                                                .isEqualTo(filter(baselineThreads, FACTORY));
            assertThat(threads.size()).as("live threads %s (baseline: %s)", byKind(threads), byKind(baselineThreads))
                                      .isLessThanOrEqualTo(baselineThreads.size());

            // Heap: the strongest check is that every connection and channel can be collected.
            awaitCollected(closed);
            final long heap = usedHeapAfterGc();
            assertThat(heap).as("used heap after GC, baseline %d MiB", baselineHeap >> 20)
                            .isLessThanOrEqualTo(baselineHeap + HEAP_SLACK_BYTES);

            final long fds = openFileDescriptors();
            assertThat(fds).as("open file descriptors").isLessThanOrEqualTo(baselineFds + FD_SLACK);

            System.out.printf("churn: %d connections closed; while %d were open: %d per-connection threads, %d ice4j "
                              + "pool threads; threads after: %d (settled in %.1f s), baseline %d; used heap after GC: "
                              + "%.1f MiB, baseline %.1f MiB; fds: %d, baseline %d%n",
                              CONNECTIONS, AT_ONCE, peakPerConnection, peakIce4jPool, threads.size(), settleSeconds,
                              baselineThreads.size(), heap / 1048576.0, baselineHeap / 1048576.0, fds, baselineFds);
        } finally {
            ice4jPools.forEach(p -> p.setKeepAliveTime(60, TimeUnit.SECONDS)); // ice4j's default
            offering.forEach(PeerConnectionFactory::close);
            answering.forEach(PeerConnectionFactory::close);
        }
    }

    /**
     * Connects {@link #AT_ONCE} pairs, checks a message and its echo on each, closes them, and adds
     * weak references to both connections and the offerer's channel to {@code refs}.
     *
     * @return the live threads while the batch was open
     */
    private static Set<String> runBatch(List<PeerConnectionFactory> offering, List<PeerConnectionFactory> answering,
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
        } catch (TimeoutException e) {
            final long done = pairs.stream().filter(p -> p.echo.isDone()).count();
            // Where each stuck pair stopped, so that a rare failure says which layer lost it.
            final List<String> stuck = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                final Pair p = pairs.get(i);
                if (!p.echo.isDone()) {
                    stuck.add("pair " + i + ": offerer " + p.offerer.connectionState() + "/" + p.offerer.iceConnectionState()
                              + ", answerer " + p.answerer.connectionState() + "/" + p.answerer.iceConnectionState()
                              + ", channel " + p.channel.readyState());
                }
            }
            throw new AssertionError("round " + round + ": " + done + " of " + AT_ONCE + " echoed within " + WAIT
                                     + "; stuck: " + stuck + "; errors: " + errors, e);
        }
        assertThat(errors).as("signaling errors").isEmpty();
        for (Pair pair : pairs) {
            assertThat(pair.echo.join()).isEqualTo("echo: " + pair.text);
            assertThat(pair.channel.readyState()).isEqualTo(RTCDataChannelState.OPEN);
        }
        final Set<String> threads = liveThreadNames();
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
        return threads;
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
            offerer.onIceCandidate(c -> toAnswerer.candidate(() -> answerer.addIceCandidate(c)));
            answerer.onIceCandidate(c -> toOfferer.candidate(() -> offerer.addIceCandidate(c)));
            answerer.onDataChannel(remote -> remote.onMessage(m -> remote.send("echo: " + m.text())));
            channel = offerer.createDataChannel("churn");
            channel.onOpen(() -> channel.send(text));
            channel.onMessage(m -> echo.complete(m.text()));
            offerer.createOffer()
                   .thenCompose(offer -> offerer.setLocalDescription(offer).thenApply(v -> offer))
                   .thenAccept(offer -> toAnswerer.description(() -> answerer.setRemoteDescription(offer)))
                   .exceptionally(e -> fail(errors, e));
            toAnswerer.described
                    .thenCompose(v -> answerer.createAnswer())
                    .thenCompose(answer -> answerer.setLocalDescription(answer).thenApply(v -> answer))
                    .thenAccept(answer -> toOfferer.description(() -> offerer.setRemoteDescription(answer)))
                    .exceptionally(e -> fail(errors, e));
        }
    }

    /**
     * What a signaling server relays towards one peer: its remote description, then the trickled
     * candidates in order, each applied once the one before has settled. Candidates that come
     * before the description wait for it, as an application must make them.
     */
    private static final class Signaling {
        final CompletableFuture<Void> described = new CompletableFuture<>();
        private final Queue<Throwable> errors;
        private CompletableFuture<?> tail = described;

        Signaling(Queue<Throwable> errors) {
            this.errors = errors;
        }

        void description(Supplier<CompletableFuture<Void>> apply) {
            apply.get().whenComplete((v, e) -> {
                if (e != null) {
                    errors.add(e);
                    described.completeExceptionally(e);
                } else {
                    described.complete(null);
                }
            });
        }

        synchronized void candidate(Supplier<CompletableFuture<Void>> apply) {
            tail = tail.handle((v, e) -> null).thenCompose(v -> apply.get()).whenComplete((v, e) -> {
                if (e != null) {
                    errors.add(e);
                }
            });
        }
    }

    private static Void fail(Queue<Throwable> errors, Throwable error) {
        errors.add(error);
        return null;
    }

    private static void awaitCollected(List<WeakReference<Object>> refs) throws InterruptedException {
        await(WAIT, () -> {
            System.gc();
            return refs.stream().allMatch(r -> r.get() == null);
        });
        final String heapDump = System.getProperty("churn.heapDump");
        if (heapDump != null && refs.stream().anyMatch(r -> r.get() != null)) {
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(heapDump, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

    /** Polls {@code condition} every 20 ms for up to {@code limit}; the caller asserts afterwards. */
    private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Polls the live threads until {@code settled} accepts them or {@link #SETTLE} is over; the last snapshot. */
    private static Set<String> awaitThreads(Predicate<Set<String>> settled) throws InterruptedException {
        final AtomicReference<Set<String>> names = new AtomicReference<>();
        await(SETTLE, () -> {
            names.set(liveThreadNames());
            return settled.test(names.get());
        });
        return names.get();
    }

    /** Threads not in the baseline, other than a new thread for one of ice4j's schedulers. */
    private static Set<String> unexpected(Set<String> names, Set<String> baseline) {
        return names.stream().filter(n -> !baseline.contains(n) && !ICE4J_SCHEDULER.matcher(n).matches())
                    .collect(Collectors.toCollection(TreeSet::new));
    }

    /** ice4j's shared cached pools, found by reflection: ice4j offers no other way to size them. */
    private static List<ThreadPoolExecutor> ice4jPools() throws ReflectiveOperationException {
        final List<ThreadPoolExecutor> pools = new ArrayList<>();
        for (String pool : ICE4J_POOLS) {
            final String[] parts = pool.split("#");
            final Field field = Class.forName(parts[0]).getDeclaredField(parts[1]);
            field.setAccessible(true);
            pools.add((ThreadPoolExecutor) field.get(null));
        }
        return pools;
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
        kinds.put("ice4j pools", count(names, ICE4J_POOL));
        kinds.put("ice4j schedulers", count(names, ICE4J_SCHEDULER));
        kinds.put("other", names.size() - kinds.values().stream().mapToInt(Integer::intValue).sum());
        return kinds;
    }
}
