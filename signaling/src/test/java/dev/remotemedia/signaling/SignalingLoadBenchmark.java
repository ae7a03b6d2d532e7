package dev.remotemedia.signaling;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.client.endpoint.EndpointGroup;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import com.linecorp.armeria.client.websocket.WebSocketSession;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketFrameType;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.Server;
import dev.remotemedia.signaling.grpc.v1.AnnounceRequest;
import dev.remotemedia.signaling.grpc.v1.IceCandidateRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.WebRtcSignalingGrpc;
import dev.remotemedia.signaling.server.GrpcSignalingServer;
import dev.remotemedia.signaling.server.SignalingServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Load on the signaling server (issues 4 and 12, docs/BENCHMARKS.md): N clients on loopback
 * announce themselves, then each pair (2k, 2k+1) relays candidates through the server at a paced
 * total rate: {@code peer.ice_candidate} notifications over JSON-RPC WebSockets, or
 * {@code IceCandidateRequest}s on gRPC {@code Signal} streams ({@code --client grpc}, one channel,
 * so one TCP connection, per client; each request is also acked to its sender). The server runs in its own JVM so its
 * CPU time (from {@link ProcessHandle}) and heap are its own. Prints relayed messages per second,
 * the relay latency (client send to partner receive, one clock: both clients live in this JVM)
 * and the server's CPU and heap, for each offered rate.
 *
 * <p>Arguments: {@code --clients 1000 --rates 10000,20000,40000 --seconds 10 --warm-up-seconds 3
 * --client jdk|armeria|grpc};
 * bounded to 5,000 clients and 60 s per rate.
 */
public final class SignalingLoadBenchmark {
    private static final int TICK_MILLIS = 5;

    private SignalingLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "server".equals(args[0])) {
            serve(Integer.parseInt(args[1]));
            return;
        }
        int clients = 1000;
        int[] rates = {10_000, 20_000, 40_000};
        int seconds = 10;
        int warmUp = 3;
        String kind = "jdk";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--rates" -> rates = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warm-up-seconds" -> warmUp = Integer.parseInt(args[i + 1]);
                case "--pad" -> pad = Boolean.parseBoolean(args[i + 1]);
                case "--client" -> kind = switch (args[i + 1]) {
                    case "jdk", "armeria", "grpc" -> args[i + 1];
                    default -> throw new IllegalArgumentException("--client: " + args[i + 1]
                                                                  + " (expected: jdk, armeria or grpc)");
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (clients < 2 || clients > 5000 || clients % 2 != 0) {
            throw new IllegalArgumentException("--clients: " + clients + " (expected: an even number from 2 to 5000)");
        }
        if (seconds < 1 || seconds > 60 || warmUp < 0 || warmUp > 60) {
            throw new IllegalArgumentException("--seconds 1-60, --warm-up-seconds 0-60");
        }
        run(clients, rates, seconds, warmUp, kind);
    }

    /** The server side, in a child JVM: prints its port, then answers "heap" until "quit". */
    private static void serve(int maxPeers) throws Exception {
        // The per-connection limit is raised from 200/s (burst 400): a client's send backlog flushes in
        // bursts under load, and this measures relaying, not the limiter.
        final SignalingServer signaling = SignalingServer.builder().maxPeers(maxPeers)
                                                         .messagesPerSecond(2_000).messageBurst(4_000).build();
        final Server server = Server.builder().http(0).service("/ws", signaling.service()).build();
        server.start().join();
        final GrpcSignalingServer grpc = GrpcSignalingServer.builder(signaling).address("127.0.0.1", 0).start();
        final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        out.println("PORT " + server.activeLocalPort() + ' ' + grpc.port());
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !"quit".equals(line); line = in.readLine()) {
            if ("heap".equals(line)) {
                System.gc();
                final var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                out.println("HEAP " + heap.getUsed() + ' ' + signaling.peerCount());
            }
        }
        grpc.close();
        signaling.close();
        server.stop().join();
        System.exit(0);
    }

    /** One client of either kind. */
    private interface LoadClient {
        CompletableFuture<Void> announced();

        void announce();

        void sendCandidate();

        void close();
    }

    /** What both kinds of client do with a received text message. */
    private static void onText(String text, Recorder recorder, CompletableFuture<Void> announced) {
        final int at = text.indexOf("\"candidate\":\"t");
        if (at >= 0) {
            final int start = at + 14;
            recorder.received(System.nanoTime() - Long.parseLong(text, start, text.indexOf('"', start), 10));
        } else if (text.contains("\"registered\"")) {
            announced.complete(null);
        } else if (text.contains("\"peer.left\"")) {
            // None expected until the end: a client lost its socket. The first one's reason is shown.
            if (recorder.left.incrementAndGet() == 1 && !Client.closing) {
                System.out.println("a client left: " + text);
            }
        } else if (text.contains("\"error\"")) {
            recorder.errors.incrementAndGet();
            announced.completeExceptionally(new IllegalStateException(text));
        }
    }

    private static String announceText(String peerId) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"peer.announce\",\"params\":{\"peer_id\":\""
               + peerId + "\",\"capabilities\":[\"data\"]}}";
    }

    private static String candidateText(String peerId, String partnerId) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"peer.ice_candidate\",\"params\":{\"from\":\"" + peerId
               + "\",\"to\":\"" + partnerId + "\",\"candidate\":\"t" + System.nanoTime()
               + "\",\"sdp_m_line_index\":0,\"sdp_mid\":\"0\"}}";
    }

    /** Whether JDK clients pad messages as SignalingClient does (FramePadding): {@code --pad true}. */
    static volatile boolean pad = true;

    /** The same padding as the client package's FramePadding (ASCII messages only here). */
    private static String padded(String json) {
        final int length = json.length();
        if (length < 126 || length > 65_535 || (length & 0x80) == 0 || (length | 0xFF) + 1 > 65_535) {
            return json;
        }
        return json + " ".repeat((length | 0xFF) + 1 - length);
    }

    /** A client on the JDK's WebSocket (java.net.http): HTTP/1.1, one connection each. */
    private static final class JdkClient implements LoadClient, java.net.http.WebSocket.Listener {
        final String peerId;
        final String partnerId;
        final Recorder recorder;
        final CompletableFuture<Void> announced = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        java.net.http.WebSocket socket;
        /** The JDK allows one outstanding send per socket: sends are chained. */
        CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        JdkClient(int index, Recorder recorder) {
            peerId = "peer-" + index;
            partnerId = "peer-" + (index ^ 1);
            this.recorder = recorder;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                SignalingLoadBenchmark.onText(partial.toString(), recorder, announced);
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
            if (!Client.closing) {
                System.out.println("client " + peerId + " closed by the server: " + code + ' ' + reason);
            }
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket ws, Throwable error) {
            if (!Client.closing) {
                System.out.println("client " + peerId + " failed: " + error);
            }
            announced.completeExceptionally(error);
        }

        @Override
        public CompletableFuture<Void> announced() {
            return announced;
        }

        @Override
        public synchronized void announce() {
            sending = sending.thenCompose(unused -> socket.sendText(announceText(peerId), true));
        }

        @Override
        public synchronized void sendCandidate() {
            final String text = pad ? padded(candidateText(peerId, partnerId)) : candidateText(peerId, partnerId);
            sending = sending.thenCompose(unused -> socket.sendText(text, true));
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    /** One client: a socket, its partner's id, and what it received. */
    private static final class Client implements Subscriber<WebSocketFrame>, LoadClient {
        final int index;
        final String peerId;
        final String partnerId;
        final WebSocketWriter outbound;
        final CompletableFuture<Void> announced = new CompletableFuture<>();
        final Recorder recorder;

        Client(int index, WebSocketSession session, Recorder recorder) {
            this.index = index;
            peerId = "peer-" + index;
            partnerId = "peer-" + (index ^ 1);
            outbound = session.outbound();
            this.recorder = recorder;
            session.inbound().subscribe(this);
            session.inbound().whenComplete().whenComplete((u, c) -> {
                if (!closing) {
                    System.out.println("client " + index + " inbound ended: " + c);
                }
            });
            outbound.whenComplete().whenComplete((u, c) -> {
                if (!closing) {
                    System.out.println("client " + index + " outbound ended: " + c);
                }
            });
        }

        static volatile boolean closing;

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(WebSocketFrame frame) {
            try {
                if (frame.type() == WebSocketFrameType.TEXT) {
                    SignalingLoadBenchmark.onText(frame.text(), recorder, announced);
                }
            } finally {
                frame.close();
            }
        }

        @Override
        public void onError(Throwable t) {
            announced.completeExceptionally(t);
        }

        @Override
        public void onComplete() {}

        @Override
        public CompletableFuture<Void> announced() {
            return announced;
        }

        @Override
        public void announce() {
            outbound.tryWrite(announceText(peerId));
        }

        @Override
        public void sendCandidate() {
            outbound.tryWrite(candidateText(peerId, partnerId));
        }

        @Override
        public void close() {
            outbound.close();
        }
    }

    /** A gRPC client: its own channel (one TCP connection) and one Signal stream. */
    private static final class GrpcClient implements LoadClient, StreamObserver<SignalingResponse> {
        final String peerId;
        final String partnerId;
        final Recorder recorder;
        final CompletableFuture<Void> announced = new CompletableFuture<>();
        final ManagedChannel channel;
        final StreamObserver<SignalingRequest> requests;
        long nextId;

        GrpcClient(int index, int port, Recorder recorder) {
            peerId = "peer-" + index;
            partnerId = "peer-" + (index ^ 1);
            this.recorder = recorder;
            // Callbacks on the channel's event loop: a thread hop per message for 1,000 streams costs more than it saves.
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor()
                                         .withOption(ChannelOption.TCP_NODELAY, true).build();
            requests = WebRtcSignalingGrpc.newStub(channel).signal(this);
        }

        @Override
        public void onNext(SignalingResponse response) {
            if (response.hasNotification()) {
                final var n = response.getNotification();
                if (n.hasIceCandidate()) {
                    final String candidate = n.getIceCandidate().getCandidate();
                    recorder.received(System.nanoTime() - Long.parseLong(candidate, 1, candidate.length(), 10));
                } else if (n.hasPeerLeft() && recorder.left.incrementAndGet() == 1 && !Client.closing) {
                    System.out.println("a client left: " + n.getPeerLeft());
                }
            } else if (response.hasError()) {
                recorder.errors.incrementAndGet();
                announced.completeExceptionally(new IllegalStateException(response.getError().toString()));
            } else if ("announce".equals(response.getRequestId())) {
                announced.complete(null);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!Client.closing) {
                System.out.println("client " + peerId + " failed: " + t);
            }
            announced.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {}

        @Override
        public CompletableFuture<Void> announced() {
            return announced;
        }

        @Override
        public synchronized void announce() {
            requests.onNext(SignalingRequest.newBuilder().setRequestId("announce").setAnnounce(
                    AnnounceRequest.newBuilder().setPeerId(peerId)).build());
        }

        @Override
        public synchronized void sendCandidate() {
            requests.onNext(SignalingRequest.newBuilder().setRequestId(Long.toString(nextId++)).setIceCandidate(
                    IceCandidateRequest.newBuilder().setToPeerId(partnerId).setCandidate("t" + System.nanoTime())
                                       .setSdpMid("0")).build());
        }

        @Override
        public void close() {
            channel.shutdownNow();
        }
    }

    /** Latencies of one measurement window. */
    private static final class Recorder {
        final AtomicLong received = new AtomicLong();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger left = new AtomicInteger();
        volatile boolean recording;
        final long[] samples = new long[5_000_000];
        final AtomicInteger count = new AtomicInteger();

        void received(long latencyNanos) {
            received.incrementAndGet();
            if (recording) {
                final int i = count.getAndIncrement();
                if (i < samples.length) {
                    samples[i] = latencyNanos;
                }
            }
        }
    }

    private static void run(int clientCount, int[] rates, int seconds, int warmUp, String kind) throws Exception {
        final Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), SignalingLoadBenchmark.class.getName(), "server",
                Integer.toString(clientCount)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(),
                                                                                  StandardCharsets.UTF_8));
        final PrintWriter toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = fromChild.readLine();
        while (line != null && !line.startsWith("PORT ")) { // the child's log lines come first
            line = fromChild.readLine();
        }
        final String[] ports = requireNonNull(line, "the server JVM ended before printing its ports").split(" ");
        final int port = Integer.parseInt(ports[1]);
        final int grpcPort = Integer.parseInt(ports[2]);
        final long baseHeap = heap(toChild, fromChild)[0];
        System.out.printf("server JVM pid %d on port %d, heap after GC with no clients: %.1f MB%n",
                          child.pid(), port, baseHeap / 1e6);

        final Recorder recorder = new Recorder();
        final ClientFactory factory = ClientFactory.builder().maxNumEventLoopsPerEndpoint(4).build();
        // HTTP/1.1, so each client has its own TCP connection as a browser's WebSocket does, instead
        // of sharing HTTP/2 connections (RFC 8441), which Armeria would otherwise negotiate.
        final WebSocketClient ws = WebSocketClient.builder(SessionProtocol.H1C,
                                                           EndpointGroup.of(Endpoint.of("127.0.0.1", port)))
                                                  .factory(factory)
                                                  .autoFillOriginHeader(false).responseTimeoutMillis(0)
                                                  .maxFramePayloadLength(4 * 1024 * 1024).build();
        final java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient();
        final List<LoadClient> clients = new ArrayList<>(clientCount);
        final long connectStart = System.nanoTime();
        for (int i = 0; i < clientCount; i += 100) {
            final List<CompletableFuture<LoadClient>> batch = new ArrayList<>();
            for (int j = i; j < Math.min(clientCount, i + 100); j++) {
                final int index = j;
                if ("grpc".equals(kind)) {
                    batch.add(CompletableFuture.completedFuture(new GrpcClient(index, grpcPort, recorder)));
                } else if ("jdk".equals(kind)) {
                    final JdkClient client = new JdkClient(index, recorder);
                    batch.add(jdk.newWebSocketBuilder().buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/ws"),
                                                                   client)
                                 .thenApply(socket -> {
                                     client.socket = socket;
                                     return client;
                                 }));
                } else {
                    batch.add(ws.connect("/ws").thenApply(session -> new Client(index, session, recorder)));
                }
            }
            for (CompletableFuture<LoadClient> future : batch) {
                final LoadClient client = future.get(30, TimeUnit.SECONDS);
                client.announce();
                clients.add(client);
            }
        }
        for (LoadClient client : clients) {
            client.announced().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("%d clients connected and announced in %.1f s; server heap after GC: %.1f MB (%d peers)%n",
                          clientCount, (System.nanoTime() - connectStart) / 1e9,
                          heap(toChild, fromChild)[0] / 1e6, heap(toChild, fromChild)[1]);

        for (int rate : rates) {
            measure(rate, seconds, warmUp, clients, recorder, child, toChild, fromChild);
        }
        Client.closing = true;
        for (LoadClient client : clients) {
            client.close();
        }
        factory.close();
        toChild.println("quit");
        child.waitFor(10, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static void measure(int rate, int seconds, int warmUp, List<LoadClient> clients, Recorder recorder,
                                Process child, PrintWriter toChild, BufferedReader fromChild) throws Exception {
        final int perTick = Math.max(1, rate * TICK_MILLIS / 1000);
        final AtomicLong sent = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        final long totalTicks = (long) (warmUp + seconds) * 1000 / TICK_MILLIS;
        final long warmUpTicks = (long) warmUp * 1000 / TICK_MILLIS;
        final long[] window = new long[4];
        final long[] clientCpu = new long[1];
        final Thread pacer = new Thread(() -> {
            int next = 0;
            final long start = System.nanoTime();
            for (long tick = 0; tick < totalTicks; tick++) {
                if (tick == warmUpTicks) {
                    recorder.count.set(0);
                    recorder.recording = true;
                    window[0] = System.nanoTime();
                    window[1] = recorder.received.get();
                    window[2] = cpuNanos(child);
                    clientCpu[0] = cpuNanos(ProcessHandle.current());
                    window[3] = sent.get();
                }
                for (int i = 0; i < perTick; i++) {
                    clients.get(next).sendCandidate();
                    next = next + 1 == clients.size() ? 0 : next + 1;
                }
                sent.addAndGet(perTick);
                final long due = start + (tick + 1) * TICK_MILLIS * 1_000_000L;
                final long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing the offered load
                }
            }
            done.countDown();
        }, "pacer");
        pacer.start();
        done.await();
        final long end = System.nanoTime();
        final long receivedInWindow = recorder.received.get() - window[1];
        final long cpu = cpuNanos(child) - window[2];
        final long clientCores = cpuNanos(ProcessHandle.current()) - clientCpu[0];
        recorder.recording = false;
        final int n = Math.min(recorder.count.get(), recorder.samples.length);
        final long[] latencies = Arrays.copyOf(recorder.samples, n);
        Arrays.sort(latencies);
        final double elapsed = (end - window[0]) / 1e9;
        final long[] heap = heap(toChild, fromChild);
        System.out.printf("offered %,d msg/s: relayed %,.0f msg/s (sent %,d, received %,d in %.1f s), latency p50 %.2f ms,"
                          + " p99 %.2f ms, max %.2f ms; server CPU %.2f cores (%.1f µs per message); server heap after GC"
                          + " %.1f MB; clients' CPU %.2f cores; errors %d, peer.left seen %d%n",
                          rate, receivedInWindow / elapsed, sent.get() - window[3], receivedInWindow, elapsed,
                          percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6,
                          n == 0 ? 0 : latencies[n - 1] / 1e6, cpu / 1e9 / elapsed,
                          receivedInWindow == 0 ? 0 : cpu / 1e3 / receivedInWindow, heap[0] / 1e6,
                          clientCores / 1e9 / elapsed,
                          recorder.errors.get(), recorder.left.get());
        // A pause so the tail of this rate's messages is not counted in the next rate's window.
        Thread.sleep(Duration.ofSeconds(1).toMillis());
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static long cpuNanos(Process child) {
        return cpuNanos(child.toHandle());
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long[] heap(PrintWriter toChild, BufferedReader fromChild) throws Exception {
        toChild.println("heap");
        String line = fromChild.readLine();
        while (line != null && !line.startsWith("HEAP ")) {
            line = fromChild.readLine();
        }
        final String[] parts = requireNonNull(line, "the server JVM ended").split(" ");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }
}
