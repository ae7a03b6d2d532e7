package dev.remotemedia.benchmarks;

import dev.remotemedia.server.RemoteMediaServer;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumHarness;
import dev.remotemedia.transport.LogLevel;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.util.List;
import java.util.Map;

/**
 * Chromium's own WebRTC figures on this machine, measured in one page with two peer connections
 * (the page {@code /diagnostics/loopback.html} of the real server): connection setup (offer to
 * data channel open on both sides) and reliable ordered data channel throughput with 64 KiB
 * messages. These are the baselines later Java↔Java and Java↔Chromium figures are compared with.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Pchromium-baseline}
 */
public final class ChromiumBaseline {
    private static final int WARMUP_SETUPS = 5;

    private ChromiumBaseline() {}

    public static void main(String[] args) {
        final int setupRuns = Args.intArg(args, "--setup-runs", 50);
        final int throughputRuns = Args.intArg(args, "--throughput-runs", 7);
        final int totalMib = Args.intArg(args, "--total-mib", 64);

        ServerLogging.apply(LogLevel.WARN);
        final WebRtcTransportConfig config =
                WebRtcTransportConfig.builder().httpPort(0).logLevel(LogLevel.WARN).build();
        try (RemoteMediaServer server = RemoteMediaServer.start(config);
             ChromiumHarness chromium = ChromiumHarness.launch()) {
            final BrowserPage page = chromium.open("http://localhost:" + server.httpPort() + "/diagnostics/loopback.html");

            page.callModule("/js/loopback.js", "measureSetup", WARMUP_SETUPS);
            final double[] setupMs = toDoubles(page.callModule("/js/loopback.js", "measureSetup", setupRuns));

            page.callModule("/js/loopback.js", "measureThroughput", Map.of("totalBytes", 8 << 20));
            final double[] megabytesPerSecond = new double[throughputRuns];
            for (int i = 0; i < throughputRuns; i++) {
                final Map<?, ?> run = (Map<?, ?>) page.callModule(
                        "/js/loopback.js", "measureThroughput",
                        Map.of("messageBytes", 65_536, "totalBytes", totalMib << 20));
                megabytesPerSecond[i] = ((Number) run.get("megabytesPerSecond")).doubleValue();
            }
            if (!page.errors().isEmpty()) {
                throw new IllegalStateException("the page reported errors: " + page.errors());
            }

            final Percentiles setup = Percentiles.of(setupMs);
            final Percentiles throughput = Percentiles.of(megabytesPerSecond);
            System.out.println("Chromium " + chromium.version() + " on " + MachineInfo.describe());
            System.out.printf("| Chromium↔Chromium setup, offer → channel open (in page, %d runs) "
                              + "| median %.1f ms | p10 %.1f ms | p90 %.1f ms |%n",
                              setup.count(), setup.median(), setup.p10(), setup.p90());
            System.out.printf("| Chromium↔Chromium throughput, reliable ordered, 64 KiB messages "
                              + "(%d MiB × %d runs) | median %.1f MB/s | min %.1f MB/s | max %.1f MB/s |%n",
                              totalMib, throughput.count(), throughput.median(), throughput.min(), throughput.max());
        }
    }

    private static double[] toDoubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
}
