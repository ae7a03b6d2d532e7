package dev.remotemedia.rtc.media.jitter;

import dev.remotemedia.testing.JitterTrace;

/** Prints the trace table (a development aid; the benchmark module makes the published one). */
public final class TracePrint {
    public static void main(String[] args) {
        final double seconds = Double.parseDouble(System.getProperty("seconds", "600"));
        for (JitterTrace t : JitterTraces.shortTraces()) {
            print(seconds < 600 ? shorten(t, seconds) : t);
        }
        if (args.length > 0) {
            for (JitterTrace t : JitterTraces.driftTraces()) {
                print(t);
            }
        }
    }

    private static JitterTrace shorten(JitterTrace t, double seconds) {
        final int n = (int) (seconds * 50);
        return new JitterTrace(t.name(), t.packets().subList(0, Math.min(n, t.packets().size())), t.clockRate(), t.packetSamples(),
                               t.driftPpm());
    }

    private static void print(JitterTrace t) {
        final long start = System.nanoTime();
        final JitterBufferConfig c = JitterTraces.comparisonConfig();
        final JitterBufferConfig config = new JitterBufferConfig(c.clockRate(), c.frameMillis(), c.floorMillis(), c.ceilingMillis(),
                Double.parseDouble(System.getProperty("q", "" + c.quantile())),
                Integer.getInteger("history", c.historyMillis()), c.maxConcealMillis(),
                Integer.getInteger("start", c.startMillis()));
        final TraceSimulator.AdaptiveRun run = TraceSimulator.runAdaptive(t, config);
        final long took = System.nanoTime() - start;
        final TraceSimulator.Result r = run.result();
        final TraceSimulator.Result o = TraceSimulator.oracle(t);
        System.out.printf("%-18s p50 %6.1f p95 %6.1f oracle %6.1f ratio %.2f late %.2f%% conceal %.2f%% stretch %.2f%% (%d ms) drift %.0f%n",
                          t.name(), r.p50DelayMillis(), r.p95DelayMillis(), o.p95DelayMillis(), r.p95DelayMillis() / o.p95DelayMillis(),
                          r.lateLossPercent(), r.concealmentPercent(), r.stretchPercent(), took / 1_000_000, run.stats().driftPpm());
        if (!Boolean.getBoolean("all")) {
            return;
        }
        System.out.printf("%-18s %s%n", "", TraceSimulator.runFixed(t, "pion-50", 50));
        System.out.printf("%-18s %s%n", "", TraceSimulator.runFixed(t, "aiortc-4", 4));
    }
}
