package dev.remotemedia.benchmarks;

import dev.remotemedia.server.Main;
import dev.remotemedia.testing.RedisServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale-out (issue 15, docs/BENCHMARKS.md): 1,000 WebSocket clients relay through one server, then
 * through three servers of one cluster on a real redis-server with every pair split across two
 * nodes, in the same run. Same method as the signaling module's {@code SignalingLoadBenchmark}:
 * JDK WebSocket clients (one TCP connection each), each pair (2k, 2k+1) relays
 * {@code peer.ice_candidate} notifications paced every 5 ms to a total offered rate, latency from
 * the sender's {@code System.nanoTime()} written into the candidate to the partner's receipt (one
 * JVM, one clock). The servers are the real executable ({@code remotemedia-server}, each its own
 * JVM, {@code -Xmx1g}); their CPU time comes from {@link ProcessHandle}. Then it measures Redis's
 * memory and CPU for the announced peers, and kills one node with SIGKILL to time how long until
 * every client on the others has {@code peer.left} for each of its peers.
 *
 * <p>Arguments: {@code --clients 1000 --nodes 3 --rate 10000 --seconds 10 --warm-up-seconds 3}.
 */
public final class ClusterRelayBenchmark {
    private static final int TICK_MILLIS = 5;
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ClusterRelayBenchmark() {}

    public static void main(String[] args) throws Exception {
        final int clients = Args.intArg(args, "--clients", 1000);
        final int nodes = Args.intArg(args, "--nodes", 3);
        final int rate = Args.intArg(args, "--rate", 10_000);
        final int seconds = Args.intArg(args, "--seconds", 10);
        final int warmUp = Args.intArg(args, "--warm-up-seconds", 3);
        if (clients < 2 || clients > 3000 || clients % 2 != 0 || nodes < 2 || nodes > 5 || seconds < 1
            || seconds > 60 || warmUp < 0 || warmUp > 60 || rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException("--clients 2-3000 (even), --nodes 2-5, --rate 1-100000, --seconds 1-60, "
                                               + "--warm-up-seconds 0-60");
        }
        System.out.println(MachineInfo.describe());
        System.out.printf("%d clients, offered %,d msg/s, %d s measured after %d s of warm-up%n",
                          clients, rate, seconds, warmUp);

        // The baseline: one server, no Redis.
        try (Node single = Node.start(null, null)) {
            final Clients c = Clients.connect(clients, List.of(single));
            report("1 node (baseline)", c.measure(rate, seconds, warmUp), List.of(single), null);
            c.close();
        }

        try (RedisServerProcess redis = RedisServerProcess.start()) {
            final long memoryBefore = Long.parseLong(redis.info("memory", "used_memory"));
            final List<Node> cluster = new ArrayList<>();
            try {
                for (int i = 1; i <= nodes; i++) {
                    cluster.add(Node.start(redis.url(), "n" + i));
                }
                RedisCpu.current = new RedisCpu(redis);
                final long redisCpuBefore = redisCpuNanos(redis);
                final long announceStart = System.nanoTime();
                final Clients c = Clients.connect(clients, cluster);
                final double announceSeconds = (System.nanoTime() - announceStart) / 1e9;
                final long memoryAfter = Long.parseLong(redis.info("memory", "used_memory"));
                final long redisCpuAnnounce = redisCpuNanos(redis) - redisCpuBefore;
                System.out.printf("Redis: used_memory %,d B before, %,d B with %d peers announced over %d nodes: %.1f KB "
                                  + "per 1,000 peers; CPU %.2f s to announce them (%.1f s)%n",
                                  memoryBefore, memoryAfter, clients, nodes,
                                  (memoryAfter - memoryBefore) / 1e3 * 1000 / clients, redisCpuAnnounce / 1e9,
                                  announceSeconds);
                final Result result = c.measure(rate, seconds, warmUp);
                report(nodes + " nodes on Redis, every pair across two nodes", result, cluster, redis);

                // Node death: SIGKILL, no goodbye; the others notice when its presence key expires.
                final Node victim = cluster.get(cluster.size() - 1);
                final int victimIndex = cluster.size() - 1;
                final int deadPeers = (int) java.util.stream.IntStream.range(0, clients)
                                                                      .filter(i -> i % nodes == victimIndex).count();
                final int survivors = clients - deadPeers;
                c.leftSeen.set(0);
                final long killed = System.nanoTime();
                c.killedAtNanos = killed;
                victim.process.destroyForcibly();
                final long expected = (long) survivors * deadPeers;
                final long deadline = killed + TimeUnit.SECONDS.toNanos(30);
                while (c.leftSeen.get() < expected && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling a counter with a deadline
                }
                final long[] lefts = c.leftLatencies();
                System.out.printf("node death (SIGKILL of n%d, %d peers) to peer.left on the %d clients of the other "
                                  + "nodes: %,d of %,d notifications; first %.2f s, median %.2f s, last %.2f s%n",
                                  nodes, deadPeers, survivors, c.leftSeen.get(), expected,
                                  lefts.length == 0 ? 0 : lefts[0] / 1e9,
                                  lefts.length == 0 ? 0 : lefts[lefts.length / 2] / 1e9,
                                  lefts.length == 0 ? 0 : lefts[lefts.length - 1] / 1e9);
                c.close();
            } finally {
                cluster.forEach(Node::close);
            }
        }
        System.exit(0);
    }

    private static long redisCpuNanos(RedisServerProcess redis) {
        final double seconds = Double.parseDouble(redis.info("cpu", "used_cpu_sys"))
                               + Double.parseDouble(redis.info("cpu", "used_cpu_user"));
        return (long) (seconds * 1e9);
    }

    record Result(double relayedPerSecond, long sent, long received, double elapsedSeconds, long[] latencies,
                  long[] nodeCpuNanos, long redisCpuNanos, int errors, int left) {}

    private static void report(String what, Result r, List<Node> nodes, RedisServerProcess redis) {
        final long[] l = r.latencies();
        final long cpu = Arrays.stream(r.nodeCpuNanos()).sum();
        System.out.printf("%s: relayed %,.0f msg/s (sent %,d, received %,d in %.1f s), latency p50 %.2f ms, p99 %.2f ms,"
                          + " max %.2f ms; servers' CPU %.2f cores in all (%.1f µs per message)%s; errors %d,"
                          + " peer.left seen %d%n",
                          what, r.relayedPerSecond(), r.sent(), r.received(), r.elapsedSeconds(), pct(l, 0.50) / 1e6,
                          pct(l, 0.99) / 1e6, l.length == 0 ? 0 : l[l.length - 1] / 1e6, cpu / 1e9 / r.elapsedSeconds(),
                          r.received() == 0 ? 0 : cpu / 1e3 / r.received(),
                          redis == null ? "" : String.format("; Redis CPU %.2f cores", r.redisCpuNanos() / 1e9 / r.elapsedSeconds()),
                          r.errors(), r.left());
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    /** One remotemedia-server in its own JVM. */
    private static final class Node implements AutoCloseable {
        final Process process;
        final int port;

        private Node(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Node start(String redisUrl, String nodeId) throws IOException, InterruptedException {
            final List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "--http-port", "0", "--udp-port", "0",
                    "--max-peers", "5000", "--log-level", "warn"));
            final ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().keySet().removeIf(k -> k.startsWith("WEBRTC_") || k.startsWith("REMOTEMEDIA_")
                                                         || k.equals("REDIS_URL") || k.equals("HTTP_PORT"));
            if (redisUrl != null) {
                builder.environment().put("REDIS_URL", redisUrl);
                builder.environment().put("REMOTEMEDIA_CLUSTER", "bench");
                builder.environment().put("REMOTEMEDIA_NODE_ID", nodeId);
            }
            final Process process = builder.start();
            final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                                                                                StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                final Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    final Thread drain = new Thread(() -> {
                        try {
                            // Keeps the pipe from filling; the server's warnings are shown (it runs at level warn).
                            for (String l = out.readLine(); l != null; l = out.readLine()) {
                                System.out.println("  [" + (nodeId == null ? "single" : nodeId) + "] " + l);
                            }
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    }, "drain-" + process.pid());
                    drain.setDaemon(true);
                    drain.start();
                    return new Node(process, Integer.parseInt(m.group(1)));
                }
            }
            throw new IllegalStateException("the server exited with " + process.waitFor() + " before listening");
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The clients, client i on node i % nodes, so every pair (2k, 2k+1) spans two nodes when there are several. */
    private static final class Clients {
        final List<Client> all = new ArrayList<>();
        final List<Node> nodes;
        final AtomicLong received = new AtomicLong();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger left = new AtomicInteger();
        final AtomicLong leftSeen = new AtomicLong();
        volatile long killedAtNanos;
        final long[] leftNanos = new long[2_000_000];
        final AtomicInteger leftCount = new AtomicInteger();
        volatile boolean recording;
        final long[] samples = new long[5_000_000];
        final AtomicInteger count = new AtomicInteger();

        private Clients(List<Node> nodes) {
            this.nodes = nodes;
        }

        static Clients connect(int n, List<Node> nodes) throws Exception {
            final Clients clients = new Clients(nodes);
            for (int i = 0; i < n; i += 100) {
                final List<CompletableFuture<Client>> batch = new ArrayList<>();
                for (int j = i; j < Math.min(n, i + 100); j++) {
                    final Client client = new Client(clients, j);
                    final int port = nodes.get(j % nodes.size()).port;
                    batch.add(HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client)
                                  .thenApply(socket -> {
                                      client.socket = socket;
                                      return client;
                                  }));
                }
                for (CompletableFuture<Client> future : batch) {
                    final Client client = future.get(60, TimeUnit.SECONDS);
                    client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"peer.announce\",\"params\":{\"peer_id\":\""
                                + client.peerId + "\",\"capabilities\":[\"data\"]}}");
                    clients.all.add(client);
                }
            }
            for (Client client : clients.all) {
                client.announced.get(60, TimeUnit.SECONDS);
            }
            return clients;
        }

        Result measure(int rate, int seconds, int warmUp) throws InterruptedException {
            final int perTick = Math.max(1, rate * TICK_MILLIS / 1000);
            final long totalTicks = (long) (warmUp + seconds) * 1000 / TICK_MILLIS;
            final long warmUpTicks = (long) warmUp * 1000 / TICK_MILLIS;
            long windowStart = 0;
            long receivedAtStart = 0;
            long sentAtStart = 0;
            long redisAtStart = 0;
            final long[] cpuAtStart = new long[nodes.size()];
            long sent = 0;
            int next = 0;
            final long start = System.nanoTime();
            RedisCpu redisCpu = RedisCpu.current;
            for (long tick = 0; tick < totalTicks; tick++) {
                if (tick == warmUpTicks) {
                    count.set(0);
                    recording = true;
                    windowStart = System.nanoTime();
                    receivedAtStart = received.get();
                    sentAtStart = sent;
                    for (int i = 0; i < nodes.size(); i++) {
                        cpuAtStart[i] = nodes.get(i).cpuNanos();
                    }
                    redisAtStart = redisCpu == null ? 0 : redisCpu.nanos();
                }
                for (int i = 0; i < perTick; i++) {
                    all.get(next).sendCandidate();
                    next = next + 1 == all.size() ? 0 : next + 1;
                }
                sent += perTick;
                final long wait = start + (tick + 1) * TICK_MILLIS * 1_000_000L - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the offered load
                }
            }
            final long end = System.nanoTime();
            recording = false;
            final long receivedInWindow = received.get() - receivedAtStart;
            final long[] cpu = new long[nodes.size()];
            for (int i = 0; i < nodes.size(); i++) {
                cpu[i] = nodes.get(i).cpuNanos() - cpuAtStart[i];
            }
            final long redisNanos = redisCpu == null ? 0 : redisCpu.nanos() - redisAtStart;
            final int n = Math.min(count.get(), samples.length);
            final long[] latencies = Arrays.copyOf(samples, n);
            Arrays.sort(latencies);
            final double elapsed = (end - windowStart) / 1e9;
            Thread.sleep(1_000); // let the tail arrive before the next phase counts anything
            return new Result(receivedInWindow / elapsed, sent - sentAtStart, receivedInWindow, elapsed, latencies, cpu,
                              redisNanos, errors.get(), left.get());
        }

        long[] leftLatencies() {
            final long[] l = Arrays.copyOf(leftNanos, Math.min(leftCount.get(), leftNanos.length));
            Arrays.sort(l);
            return l;
        }

        void close() {
            all.forEach(c -> c.socket.abort());
        }
    }

    /** Redis's CPU time, read with INFO, for the phase that has a Redis. */
    private static final class RedisCpu {
        static volatile RedisCpu current;
        final RedisServerProcess redis;

        RedisCpu(RedisServerProcess redis) {
            this.redis = redis;
        }

        long nanos() {
            return redisCpuNanos(redis);
        }
    }

    private static final class Client implements WebSocket.Listener {
        final Clients owner;
        final String peerId;
        final String partnerId;
        final CompletableFuture<Void> announced = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Client(Clients owner, int index) {
            this.owner = owner;
            peerId = "c" + index;
            partnerId = "c" + (index ^ 1);
        }

        void sendCandidate() {
            send("{\"jsonrpc\":\"2.0\",\"method\":\"peer.ice_candidate\",\"params\":{\"from\":\"" + peerId + "\",\"to\":\""
                 + partnerId + "\",\"candidate\":\"t" + System.nanoTime() + "\",\"sdp_m_line_index\":0,\"sdp_mid\":\"0\"}}");
        }

        /** Sends in order (the JDK WebSocket allows one outstanding send), padded as SignalingClient pads. */
        synchronized void send(String json) {
            final String text = padded(json);
            sending = sending.thenCompose(unused -> socket.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onMessage(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void onMessage(String text) {
            final int at = text.indexOf("\"candidate\":\"t");
            if (at >= 0) {
                final int start = at + 14;
                final long latency = System.nanoTime() - Long.parseLong(text, start, text.indexOf('"', start), 10);
                owner.received.incrementAndGet();
                if (owner.recording) {
                    final int i = owner.count.getAndIncrement();
                    if (i < owner.samples.length) {
                        owner.samples[i] = latency;
                    }
                }
            } else if (text.contains("\"registered\"")) {
                announced.complete(null);
            } else if (text.contains("\"peer.left\"")) {
                final long killed = owner.killedAtNanos;
                if (killed != 0) {
                    final int i = owner.leftCount.getAndIncrement();
                    if (i < owner.leftNanos.length) {
                        owner.leftNanos[i] = System.nanoTime() - killed;
                    }
                    owner.leftSeen.incrementAndGet();
                } else {
                    owner.left.incrementAndGet();
                }
            } else if (text.contains("\"error\"")) {
                owner.errors.incrementAndGet();
                announced.completeExceptionally(new IllegalStateException(text));
            }
        }
    }

    /**
     * Armeria 1.40's WebSocket decoder misreads a 16-bit frame length whose low byte is ≥ 0x80 when
     * the length arrives split across reads (docs/BENCHMARKS.md): messages of such lengths are
     * padded with spaces, which JSON ignores, to the next multiple of 256.
     */
    private static String padded(String json) {
        final int length = json.length();
        if (length < 126 || length > 65_535 || (length & 0x80) == 0 || (length | 0xFF) + 1 > 65_535) {
            return json;
        }
        return json + " ".repeat((length | 0xFF) + 1 - length);
    }
}
