package dev.remotemedia.benchmarks;

import dev.remotemedia.server.RemoteMediaServer;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumHarness;
import dev.remotemedia.transport.LogLevel;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo page against the real server (issue 6): time from page load to the first pipeline
 * reply (the page connects at load with {@code ?connect=1}), with Chromium's own in-page setup as
 * the baseline; then messages per second of 1 KiB text through {@code text-upper}, through one
 * ServerPeer and through ten at once, every reply checked.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Pdemo}
 * ({@code -Dbench.args="--loads 15 --messages 20000 --window 256"})
 */
public final class DemoBenchmark {

    /** Sends {@code count} messages of {@code size} bytes with at most {@code window} unanswered. */
    private static final String RUN = """
            async ([count, size, inFlight]) => {
              const c = window.demo.connection();
              const text = 'x'.repeat(size);
              let sent = 0, received = 0, bad = 0;
              const t0 = performance.now();
              await new Promise((resolve) => {
                c.addEventListener('data', (e) => {
                  received++;
                  if (e.detail.text !== text.toUpperCase()) bad++;
                  if (received === count) resolve(); else pump();
                });
                function pump() {
                  while (sent < count && sent - received < inFlight) { c.send({ kind: 'text', text }); sent++; }
                }
                pump();
              });
              return { ms: performance.now() - t0, bad };
            }""";

    private DemoBenchmark() {}

    public static void main(String[] args) throws Exception {
        final int loads = Args.intArg(args, "--loads", 15);
        final int messages = Args.intArg(args, "--messages", 20_000);
        final int inFlight = Args.intArg(args, "--window", 256);

        ServerLogging.apply(LogLevel.WARN);
        final WebRtcTransportConfig config = WebRtcTransportConfig.builder()
                .httpPort(0).udpPort(0).maxPeers(20)
                .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                .logLevel(LogLevel.WARN).build();
        try (RemoteMediaServer server = RemoteMediaServer.start(config);
             ChromiumHarness chromium = ChromiumHarness.launch()) {
            final String origin = "http://localhost:" + server.httpPort();
            System.out.println("Chromium " + chromium.version() + " on " + MachineInfo.describe());

            final double[] firstReply = new double[loads];
            final double[] connected = new double[loads];
            for (int i = 0; i < loads; i++) {
                final BrowserPage page = chromium.open(origin + "/?connect=1&pipeline=text-upper&send=hello");
                page.page().waitForFunction("() => window.demo.state.firstReplyAtMs > 0");
                final Map<?, ?> t = (Map<?, ?>) page.evaluate(
                        "() => ({first: window.demo.state.firstReplyAtMs, connected: window.demo.state.connectedAtMs})",
                        null);
                firstReply[i] = ((Number) t.get("first")).doubleValue();
                connected[i] = ((Number) t.get("connected")).doubleValue();
                page.close();
            }
            final BrowserPage self = chromium.open(origin + "/diagnostics/loopback.html");
            self.callModule("/js/loopback.js", "measureSetup", 5);
            final double[] inPage = ((List<?>) self.callModule("/js/loopback.js", "measureSetup", 20))
                    .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            self.close();
            final Percentiles first = Percentiles.of(firstReply);
            System.out.printf("| page load → first text-upper reply (%d loads) | median %.0f ms | p10 %.0f | p90 %.0f "
                              + "| of which page load → connected: median %.0f ms |%n", first.count(), first.median(),
                              first.p10(), first.p90(), Percentiles.of(connected).median());
            System.out.printf("| baseline: Chromium in-page setup, offer → channel open (20 runs) | median %.1f ms |%n",
                              Percentiles.of(inPage).median());

            for (int pages : new int[] {1, 10}) {
                final List<BrowserPage> open = new ArrayList<>();
                for (int i = 0; i < pages; i++) {
                    final BrowserPage page = chromium.open(origin + "/");
                    page.evaluate("() => window.demo.ready", null);
                    page.evaluate("() => window.demo.connect('text-upper')", null);
                    open.add(page);
                }
                for (BrowserPage page : open) {
                    page.evaluate(RUN, List.of(2_000, 1_024, inFlight)); // warm-up
                }
                final long t0 = System.nanoTime();
                for (BrowserPage page : open) {
                    page.page().evaluate("a => { window.run = (" + RUN + ")(a); }", List.of(messages, 1_024, inFlight));
                }
                int bad = 0;
                for (BrowserPage page : open) {
                    bad += ((Number) ((Map<?, ?>) page.evaluate("() => window.run", null)).get("bad")).intValue();
                }
                final double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("| %d ServerPeer(s), %d × %d messages of 1 KiB through text-upper | %.0f messages/s "
                                  + "| %.1f MB/s each way | %d wrong replies |%n", pages, pages, messages,
                                  pages * messages / seconds, pages * messages * 1_024 / seconds / 1e6, bad);
                open.forEach(BrowserPage::close);
            }
        }
    }
}
