package dev.remotemedia.benchmarks;

import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCIceGatheringState;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.server.RemoteMediaServer;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.BrowserScripts;
import dev.remotemedia.testing.ChromiumHarness;
import dev.remotemedia.transport.LogLevel;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Java↔Chromium against Chromium↔Chromium, in the same run on the same machine: connection setup
 * (offer → data channel open on both sides) and reliable ordered throughput with 64 KiB messages,
 * both directions. The Chromium↔Chromium figures come from two peer connections in one page
 * ({@code /js/loopback.js}); the Java↔Chromium ones from our RTCPeerConnection and one in the
 * page, signaled through Playwright calls (whose round trip is measured and reported, since it is
 * part of the Java↔Chromium setup figure and not of the in-page one).
 *
 * <p>Setup is measured two ways. <em>Polled</em>: candidates trickle both ways and Java polls the
 * page for them and for the channel's open event, three or more Playwright calls per round, so
 * the figure includes several round trips and up to one polling round after the channel opened.
 * <em>Two calls</em>: Java's offer carries its candidate (gathering on loopback is immediate),
 * one call has the page answer it, and a second one waits in the page for its channel to open;
 * Chromium's candidates are not signaled, because its checks reach us first and we check back
 * the address they came from (a peer-reflexive candidate). That leaves two Playwright round trips
 * in the figure, and the protocols.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Pchromium-interop}
 */
public final class ChromiumInteropBenchmark {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private ChromiumInteropBenchmark() {}

    public static void main(String[] args) throws Exception {
        final int setupRuns = Args.intArg(args, "--setup-runs", 30);
        final int throughputRuns = Args.intArg(args, "--throughput-runs", 5);
        final int totalMib = Args.intArg(args, "--total-mib", 64);
        // Chromium is native code; our side runs in a JIT that needs some connections to compile
        // the handshake paths (the Java↔Java benchmark warms up with 200).
        final int warmUp = Args.intArg(args, "--warm-up", 30);
        ServerLogging.apply(LogLevel.WARN);

        final WebRtcTransportConfig config = WebRtcTransportConfig.builder().httpPort(0).logLevel(LogLevel.WARN).build();
        try (RemoteMediaServer server = RemoteMediaServer.start(config);
             ChromiumHarness chromium = ChromiumHarness.launch();
             PeerConnectionFactory factory = PeerConnectionFactory.builder()
                     .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                     .build()) {
            final BrowserPage page = chromium.open("http://localhost:" + server.httpPort() + "/diagnostics/loopback.html");
            BrowserScripts.installBrowserPeers(page);

            // Chromium↔Chromium, in the page.
            page.callModule("/js/loopback.js", "measureSetup", 5);
            final double[] chromeSetup = toDoubles(page.callModule("/js/loopback.js", "measureSetup", setupRuns));
            page.callModule("/js/loopback.js", "measureThroughput", Map.of("totalBytes", 8 << 20));
            final double[] chromeThroughput = new double[throughputRuns];
            for (int i = 0; i < throughputRuns; i++) {
                final Map<?, ?> run = (Map<?, ?>) page.callModule("/js/loopback.js", "measureThroughput",
                                                                  Map.of("messageBytes", 65_536, "totalBytes", totalMib << 20));
                chromeThroughput[i] = ((Number) run.get("megabytesPerSecond")).doubleValue();
            }

            // The cost of one signaling hop through Playwright.
            final double[] hop = new double[50];
            for (int i = 0; i < hop.length; i++) {
                final long start = System.nanoTime();
                page.evaluate("() => 1", null);
                hop[i] = (System.nanoTime() - start) / 1e6;
            }

            // Java↔Chromium.
            for (int i = 0; i < warmUp; i++) {
                setupJavaToChromium(factory, page, "warm" + i).close();
            }
            final double[] javaSetup = new double[setupRuns];
            for (int i = 0; i < setupRuns; i++) {
                final long start = System.nanoTime();
                final Session session = setupJavaToChromium(factory, page, "s" + i);
                javaSetup[i] = (System.nanoTime() - start) / 1e6;
                session.close();
            }
            page.evaluate("script => eval(script)", TWO_CALL_PEER);
            for (int i = 0; i < warmUp; i++) {
                setupInTwoCalls(factory, page, "warm2-" + i);
            }
            final double[] javaSetupTwoCalls = new double[setupRuns];
            for (int i = 0; i < setupRuns; i++) {
                javaSetupTwoCalls[i] = setupInTwoCalls(factory, page, "t" + i);
            }
            final double[] javaToChrome = new double[throughputRuns];
            final double[] chromeToJava = new double[throughputRuns];
            final Session bulk = setupJavaToChromium(factory, page, "bulk");
            sendJavaToChromium(bulk, 8 << 20);
            for (int i = 0; i < throughputRuns; i++) {
                javaToChrome[i] = sendJavaToChromium(bulk, (long) totalMib << 20);
                chromeToJava[i] = sendChromiumToJava(bulk, (long) totalMib << 20);
            }
            bulk.close();
            if (!page.errors().isEmpty()) {
                throw new IllegalStateException("the page reported errors: " + page.errors());
            }

            System.out.println("Chromium " + chromium.version() + " on " + MachineInfo.describe());
            row("Chromium↔Chromium setup, in one page (" + setupRuns + " runs)", Percentiles.of(chromeSetup), "ms");
            row("Java↔Chromium setup, Java offers, polled signaling (" + setupRuns + " runs)",
                Percentiles.of(javaSetup), "ms");
            row("Java↔Chromium setup, Java offers, two Playwright calls (" + setupRuns + " runs)",
                Percentiles.of(javaSetupTwoCalls), "ms");
            row("one Playwright signaling hop (50 runs)", Percentiles.of(hop), "ms");
            row("Chromium↔Chromium throughput, " + totalMib + " MiB × " + throughputRuns, Percentiles.of(chromeThroughput),
                "MB/s");
            row("Java→Chromium throughput, " + totalMib + " MiB × " + throughputRuns, Percentiles.of(javaToChrome), "MB/s");
            row("Chromium→Java throughput, " + totalMib + " MiB × " + throughputRuns, Percentiles.of(chromeToJava), "MB/s");
        }
    }

    private static void row(String what, Percentiles p, String unit) {
        System.out.printf("| %s | median %.1f %s | p10 %.1f | p90 %.1f |%n", what, p.median(), unit, p.p10(), p.p90());
    }

    /**
     * The page side of {@link #setupInTwoCalls}: {@code answer} makes a peer connection, applies
     * the offer and returns the answer; {@code opened} resolves once the offered channel is open.
     */
    private static final String TWO_CALL_PEER = """
            window.twoCallPeers = (() => {
              const peers = new Map();
              return {
                async answer(id, offerSdp) {
                  const pc = new RTCPeerConnection();
                  const opened = new Promise((resolve) => {
                    pc.ondatachannel = (e) => {
                      if (e.channel.readyState === 'open') resolve(true); else e.channel.onopen = () => resolve(true);
                    };
                  });
                  peers.set(id, { pc, opened });
                  await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
                  await pc.setLocalDescription(await pc.createAnswer());
                  return pc.localDescription.sdp;
                },
                opened(id) {
                  return peers.get(id).opened;
                },
                close(id) {
                  peers.get(id).pc.close();
                  peers.delete(id);
                  return true;
                },
              };
            })();
            """;

    /** Connects Java to the page with two Playwright calls (see the class comment); returns the ms it took. */
    private static double setupInTwoCalls(PeerConnectionFactory factory, BrowserPage page, String id) {
        final long start = System.nanoTime();
        final RTCPeerConnection java = factory.createPeerConnection();
        final CompletableFuture<Void> gathered = new CompletableFuture<>();
        java.onIceGatheringStateChange(state -> {
            if (state == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        });
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        java.onConnectionStateChange(state -> {
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.complete(null);
            }
        });
        final RTCDataChannel channel = java.createDataChannel("bulk");
        final CompletableFuture<Void> open = new CompletableFuture<>();
        channel.onOpen(() -> open.complete(null));
        java.setLocalDescription(java.createOffer().join()).join();
        gathered.join();
        final RTCSessionDescription offer = java.localDescription(); // with the candidate
        final String answer = (String) page.evaluate("([id, sdp]) => window.twoCallPeers.answer(id, sdp)",
                                                     List.of(id, offer.sdp()));
        java.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer)).join();
        page.evaluate("id => window.twoCallPeers.opened(id)", id);
        CompletableFuture.allOf(open, connected).orTimeout(TIMEOUT_NANOS, TimeUnit.NANOSECONDS).join();
        final double ms = (System.nanoTime() - start) / 1e6;
        java.close();
        page.evaluate("id => window.twoCallPeers.close(id)", id);
        return ms;
    }

    /** One Java peer connection and one in the page, with an open channel "bulk" between them. */
    private record Session(RTCPeerConnection java, RTCDataChannel channel, BrowserPage page, String id,
                           AtomicLong receivedBytes) {
        void close() {
            java.close();
            page.evaluate("id => window.browserPeers.close(id)", id);
        }
    }

    private static Session setupJavaToChromium(PeerConnectionFactory factory, BrowserPage page, String id) {
        final RTCPeerConnection java = factory.createPeerConnection();
        final Queue<RTCIceCandidate> candidates = new ConcurrentLinkedQueue<>();
        java.onIceCandidate(candidates::add);
        final RTCDataChannel channel = java.createDataChannel("bulk");
        final AtomicLong received = new AtomicLong();
        channel.onMessage(m -> received.addAndGet(m.data().length));
        final CompletableFuture<Void> open = new CompletableFuture<>();
        channel.onOpen(() -> open.complete(null));
        call(page, "create", id, false);
        final RTCSessionDescription offer = java.createOffer().join();
        java.setLocalDescription(offer).join();
        final String answer = (String) call(page, "answer", id, offer.sdp());
        java.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer)).join();
        await(() -> {
            for (RTCIceCandidate c; (c = candidates.poll()) != null; ) {
                final Map<String, Object> json = new HashMap<>();
                json.put("candidate", c.candidate());
                json.put("sdpMid", c.sdpMid());
                json.put("sdpMLineIndex", c.sdpMLineIndex());
                call(page, "addCandidate", id, json);
            }
            for (Object taken : (List<?>) call(page, "takeCandidates", id)) {
                final Map<?, ?> json = (Map<?, ?>) taken;
                java.addIceCandidate(json == null ? new RTCIceCandidate("", null, null, null)
                                                  : new RTCIceCandidate((String) json.get("candidate"),
                                                                        (String) json.get("sdpMid"), null, null));
            }
            final Object events = call(page, "channelEvents", id, "bulk"); // null until announced
            return open.isDone() && java.connectionState() == RTCPeerConnectionState.CONNECTED
                   && events != null && ((List<?>) events).contains("open");
        });
        call(page, "countOnly", id, "bulk");
        return new Session(java, channel, page, id, received);
    }

    /** Sends {@code totalBytes} from Java with 1–4 MiB buffered; MB/s until the page counted them all. */
    private static double sendJavaToChromium(Session session, long totalBytes) {
        final long before = ((Number) ((Map<?, ?>) call(session.page(), "counted", session.id(), "bulk"))
                .get("bytes")).longValue();
        final byte[] payload = new byte[65_536];
        final RTCDataChannel channel = session.channel();
        channel.setBufferedAmountLowThreshold(1 << 20);
        final long start = System.nanoTime();
        long sent = 0;
        final Object lock = new Object();
        channel.onBufferedAmountLow(() -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        });
        while (sent < totalBytes) {
            while (sent < totalBytes && channel.bufferedAmount() < (4 << 20)) {
                channel.send(payload);
                sent += payload.length;
            }
            synchronized (lock) {
                if (channel.bufferedAmount() >= (4 << 20)) {
                    try {
                        lock.wait(100); // woken by onBufferedAmountLow; the bound only guards a lost wake-up
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        final long target = before + totalBytes;
        await(() -> ((Number) ((Map<?, ?>) call(session.page(), "counted", session.id(), "bulk")).get("bytes"))
                .longValue() >= target);
        return totalBytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    /** Has the page send {@code totalBytes}; MB/s until Java received them all. */
    private static double sendChromiumToJava(Session session, long totalBytes) {
        final long target = session.receivedBytes().get() + totalBytes;
        final long start = System.nanoTime();
        call(session.page(), "sendBulk", session.id(), "bulk", 65_536, (double) totalBytes); // JS numbers
        await(() -> session.receivedBytes().get() >= target);
        return totalBytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static Object call(BrowserPage page, String function, Object... args) {
        return page.evaluate("([f, args]) => window.browserPeers[f](...args)", List.of(function, List.of(args)));
    }

    private static void await(BooleanSupplier condition) {
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.onSpinWait();
        }
    }

    private static double[] toDoubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
}
