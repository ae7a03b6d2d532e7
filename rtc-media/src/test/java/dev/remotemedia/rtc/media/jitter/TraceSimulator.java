package dev.remotemedia.rtc.media.jitter;

import dev.remotemedia.testing.JitterTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a {@link JitterTrace} through an {@link AudioJitterBuffer} on fake time — packets are
 * inserted at their arrival times, a frame is pulled every 10 ms — and through the fixed buffers it
 * is compared with, and measures each one the same way: a received packet's <em>playout delay</em>
 * is when it was played minus its true send time minus the trace's smallest network delay (the
 * delay the listener hears above the network's best); a packet is <em>late</em> when it arrived
 * after its place was played.
 */
public final class TraceSimulator {
    /** One buffer's figures on one trace. */
    public record Result(String buffer, double p50DelayMillis, double p95DelayMillis, double lateLossPercent,
                         double concealmentPercent, double stretchPercent, int played, int late) {}

    /** The adaptive buffer's figures, with its time series for plots and the delay-step and drift checks. */
    public record AdaptiveRun(Result result, double[] timeSeconds, double[] delayMillis, double[] targetMillis,
                              double[] packetTimeSeconds, double[] packetDelayMillis, JitterBufferStats stats) {}

    private TraceSimulator() {}

    public static AdaptiveRun runAdaptive(JitterTrace trace, JitterBufferConfig config) {
        final ToneCodec codec = new ToneCodec(trace.clockRate());
        final Map<Long, JitterTrace.Packet> byTimestamp = new HashMap<>();
        final long firstTimestamp = trace.packets().get(0).rtpTimestamp();
        for (JitterTrace.Packet p : trace.packets()) {
            byTimestamp.put(firstTimestamp + p.index() * trace.packetSamples(), p); // unwrapped as the buffer does
        }
        final long minDelay = trace.minNetworkDelayNanos();
        final List<long[]> played = new ArrayList<>(); // {index, playedAt}
        final int[] lateCount = new int[1];
        final JitterBufferObserver observer = new JitterBufferObserver() {
            @Override
            public void onPlayed(long timestamp, long arrivalNanos, long nowNanos) {
                final JitterTrace.Packet p = byTimestamp.get(timestamp);
                if (p != null) {
                    played.add(new long[] {p.index(), nowNanos});
                }
            }

            @Override
            public void onLate(long timestamp, long arrivalNanos) {
                lateCount[0]++;
            }
        };
        final AudioJitterBuffer buffer = new AudioJitterBuffer(config, codec, observer);
        final List<JitterTrace.Packet> arrivals = trace.arrivals();
        final long frameNanos = config.frameMillis() * 1_000_000L;
        final long start = arrivals.get(0).arrivalNanos();
        final long end = arrivals.get(arrivals.size() - 1).arrivalNanos() + 1_000_000_000L;
        final short[] out = new short[buffer.frameSamples() * buffer.channels()];
        final int capacity = (int) ((end - start) / frameNanos) + 16;
        double[] time = new double[capacity];
        double[] delay = new double[capacity];
        double[] target = new double[capacity];
        int next = 0;
        int n = 0;
        long now = start;
        while (now < end) {
            // The next event: an arrival or the pull the buffer asks for (never before the previous pull plus 1 ms).
            final long pullAt = Math.max(now, buffer.nextPullNanos() == Long.MIN_VALUE ? now : buffer.nextPullNanos());
            final long arrivalAt = next < arrivals.size() ? arrivals.get(next).arrivalNanos() : Long.MAX_VALUE;
            if (arrivalAt <= pullAt) {
                now = Math.max(now, arrivalAt);
                final JitterTrace.Packet p = arrivals.get(next++);
                final long unwrapped = firstTimestamp + p.index() * trace.packetSamples();
                buffer.insert(0x1234, p.sequenceNumber(), p.rtpTimestamp(), ToneCodec.packet(unwrapped, trace.packetSamples(), true),
                              p.arrivalNanos());
                continue;
            }
            now = pullAt;
            final boolean gave = buffer.pull(now, out);
            if (gave) {
                if (n == time.length) {
                    time = Arrays.copyOf(time, n * 2);
                    delay = Arrays.copyOf(delay, n * 2);
                    target = Arrays.copyOf(target, n * 2);
                }
                time[n] = (now - start) / 1e9;
                delay[n] = buffer.currentDelayNanos() / 1e6;
                target[n] = buffer.targetDelayNanos() / 1e6;
                n++;
            }
            if (buffer.nextPullNanos() <= now) {
                throw new AssertionError("the buffer asked for a pull at " + buffer.nextPullNanos() + " after one at " + now);
            }
        }
        final double[] packetTime = new double[played.size()];
        final double[] packetDelay = new double[played.size()];
        for (int i = 0; i < played.size(); i++) {
            final JitterTrace.Packet p = trace.packets().get((int) played.get(i)[0]);
            packetTime[i] = (p.sendNanos() - trace.packets().get(0).sendNanos()) / 1e9;
            packetDelay[i] = (played.get(i)[1] - p.sendNanos() - minDelay) / 1e6;
        }
        final JitterBufferStats stats = buffer.stats();
        final int received = arrivals.size();
        final double[] sorted = packetDelay.clone();
        Arrays.sort(sorted);
        final Result result = new Result("adaptive", percentile(sorted, 0.50), percentile(sorted, 0.95),
                                         100.0 * lateCount[0] / received,
                                         100.0 * stats.concealedSamples() / Math.max(1, stats.totalSamplesReceived()),
                                         100.0 * (stats.insertedSamplesForDeceleration() + stats.removedSamplesForAcceleration())
                                         / Math.max(1, stats.totalSamplesReceived()),
                                         played.size(), lateCount[0]);
        return new AdaptiveRun(result, Arrays.copyOf(time, n), Arrays.copyOf(delay, n), Arrays.copyOf(target, n), packetTime,
                               packetDelay, stats);
    }

    /**
     * A buffer that waits until {@code prefill} packets have arrived, then plays every packet at a
     * fixed rate on the receiver's clock from there (Pion's sample builder prefilled with 50, aiortc's
     * jitter buffer with 4): no adaptation, no drift compensation.
     */
    public static Result runFixed(JitterTrace trace, String name, int prefill) {
        final List<JitterTrace.Packet> arrivals = trace.arrivals();
        final JitterTrace.Packet first = trace.packets().get(0);
        final long startNanos = arrivals.get(Math.min(prefill, arrivals.size()) - 1).arrivalNanos();
        final long packetNanos = trace.packetSamples() * 1_000_000_000L / trace.clockRate();
        // The first packet to arrive starts the timeline (the buffer does not know about earlier ones).
        final long firstIndex = arrivals.stream().limit(prefill).mapToLong(JitterTrace.Packet::index).min().orElse(0);
        final long minDelay = trace.minNetworkDelayNanos();
        final List<Double> delays = new ArrayList<>();
        int late = 0;
        for (JitterTrace.Packet p : trace.packets()) {
            if (p.lost() || p.index() < firstIndex) {
                continue;
            }
            final long playAt = startNanos + (p.index() - firstIndex) * packetNanos;
            if (p.arrivalNanos() > playAt) {
                late++;
            } else {
                delays.add((playAt - p.sendNanos() - minDelay) / 1e6);
            }
        }
        final double[] sorted = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        final int received = arrivals.size();
        return new Result(name, percentile(sorted, 0.5), percentile(sorted, 0.95), 100.0 * late / received,
                          100.0 * (late + trace.packets().size() - received) / trace.packets().size(), 0, sorted.length, late);
    }

    /** The oracle's figures: one fixed delay, the smallest that gets 99 % of received packets in time. */
    public static Result oracle(JitterTrace trace) {
        final double delay = trace.oracleDelayNanos(0.01) / 1e6;
        final long min = trace.minNetworkDelayNanos();
        final long limit = trace.oracleDelayNanos(0.01);
        int late = 0;
        int received = 0;
        for (JitterTrace.Packet p : trace.packets()) {
            if (!p.lost()) {
                received++;
                if (p.networkDelayNanos() - min > limit) {
                    late++;
                }
            }
        }
        return new Result("oracle", delay, delay, 100.0 * late / received, 0, 0, received - late, late);
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
