package dev.remotemedia.benchmarks;

import dev.remotemedia.rtc.media.jitter.JitterTraces;
import dev.remotemedia.rtc.media.jitter.TraceSimulator;
import dev.remotemedia.testing.JitterTrace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The adaptive jitter buffer on the issue-11 traces (Gaussian jitter 10/30/60 ms, Pareto bursts,
 * 200 ms delay steps, reordering, an hour at ±500 ppm), on fake time, against the oracle (the
 * smallest fixed delay that loses ≤ 1 % late, knowing the trace) and two fixed buffers (a 50-packet
 * prefill as Pion's sample builder, a 4-packet prefetch as aiortc's). Prints the Markdown table for
 * docs/BENCHMARKS.md and writes docs/jitter-&lt;trace&gt;.png: the played packets' delay against time,
 * with the oracle's.
 *
 * <pre>./mvnw -q -pl benchmarks -am verify -Pjitter-traces -DskipTests</pre>
 */
public final class JitterTraceBenchmark {
    private JitterTraceBenchmark() {}

    public static void main(String[] args) {
        final Path docs = Path.of(Args.stringArg(args, "--docs", "../docs"));
        final List<JitterTrace> traces = new ArrayList<>(JitterTraces.shortTraces());
        traces.addAll(JitterTraces.driftTraces());
        System.out.println("| trace | buffer | p50 delay ms | p95 delay ms | p95 / oracle | late loss % | concealment % | stretch % |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (JitterTrace trace : traces) {
            final long start = System.nanoTime();
            final TraceSimulator.AdaptiveRun run = TraceSimulator.runAdaptive(trace, JitterTraces.comparisonConfig());
            final double seconds = (System.nanoTime() - start) / 1e9;
            final TraceSimulator.Result oracle = TraceSimulator.oracle(trace);
            final List<TraceSimulator.Result> rows = List.of(run.result(), oracle, TraceSimulator.runFixed(trace, "fixed 50-packet prefill (Pion)", 50),
                                                             TraceSimulator.runFixed(trace, "fixed 4-packet prefetch (aiortc)", 4));
            for (TraceSimulator.Result r : rows) {
                System.out.printf("| %s | %s | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f |%n", trace.name(), r.buffer(), r.p50DelayMillis(),
                                  r.p95DelayMillis(), r.p95DelayMillis() / oracle.p95DelayMillis(), r.lateLossPercent(),
                                  r.concealmentPercent(), r.stretchPercent());
            }
            System.err.printf("%s: simulated %.0f s of audio in %.1f s; drift estimate %.0f ppm%n", trace.name(),
                              trace.durationNanos() / 1e9, seconds, run.stats().driftPpm());
            plot(trace, run, oracle, docs.resolve("jitter-" + trace.name().replace('+', 'p').replace("-500", "m500") + ".png"));
        }
    }

    /** Per-bin 95th percentiles of the played packets' delay, so an hour stays readable. */
    private static void plot(JitterTrace trace, TraceSimulator.AdaptiveRun run, TraceSimulator.Result oracle, Path png) {
        final double durationSeconds = trace.durationNanos() / 1e9;
        final double bin = durationSeconds > 1_000 ? 10.0 : 1.0;
        final int bins = (int) Math.ceil(durationSeconds / bin) + 1;
        final List<List<Double>> byBin = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            byBin.add(new ArrayList<>());
        }
        for (int i = 0; i < run.packetTimeSeconds().length; i++) {
            final int b = (int) (run.packetTimeSeconds()[i] / bin);
            if (b >= 0 && b < bins) {
                byBin.get(b).add(run.packetDelayMillis()[i]);
            }
        }
        final List<double[]> points = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            final List<Double> values = byBin.get(i);
            if (!values.isEmpty()) {
                values.sort(null);
                points.add(new double[] {i * bin, values.get((int) Math.min(values.size() - 1, Math.floor(0.95 * values.size())))});
            }
        }
        final double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        final double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        new Plot("Jitter buffer on " + trace.name() + ": playout delay above the path's best (p95 per " + (int) bin + " s)",
                 "time (s)", "delay (ms)")
                .series("adaptive buffer", x, y)
                .line("oracle (fixed, 1 % late)", oracle.p95DelayMillis())
                .write(png);
    }
}
