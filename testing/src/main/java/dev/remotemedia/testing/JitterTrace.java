package dev.remotemedia.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic network trace for jitter-buffer tests: one audio stream's packets with their RTP
 * sequence numbers and timestamps (both starting near their wrap), true send times, and arrival
 * times (or none, for a lost packet), made from a seeded random source so every run sees the same
 * trace.
 *
 * <p>A packet's network delay is the base delay, plus Gaussian jitter (folded at zero: jitter only
 * ever delays), plus any delay step in force, plus a burst's queueing delay (Pareto-distributed
 * heights that drain linearly, as a bottleneck queue does), plus, for a reordered packet, an
 * extra hold. The sender's clock may drift: its RTP clock runs {@code driftPpm} ppm fast, so its
 * timestamps advance faster than true time.
 *
 * @param name a short name for tables and plots
 * @param packets in send order
 */
public record JitterTrace(String name, List<Packet> packets, int clockRate, int packetSamples, double driftPpm) {

    /**
     * One packet.
     *
     * @param sequenceNumber 16-bit, wrapping
     * @param rtpTimestamp 32-bit, wrapping
     * @param index the packet's number in send order, from 0
     * @param sendNanos true send time (the receiver's clock)
     * @param arrivalNanos arrival time, or -1 when the packet was lost
     */
    public record Packet(int sequenceNumber, long rtpTimestamp, long index, long sendNanos, long arrivalNanos) {
        public boolean lost() {
            return arrivalNanos < 0;
        }

        /** Arrival minus true send time: what the network added. */
        public long networkDelayNanos() {
            return arrivalNanos - sendNanos;
        }
    }

    /** The received packets in arrival order (ties by send order). */
    public List<Packet> arrivals() {
        final List<Packet> received = new ArrayList<>();
        for (Packet p : packets) {
            if (!p.lost()) {
                received.add(p);
            }
        }
        received.sort(Comparator.comparingLong(Packet::arrivalNanos).thenComparingLong(Packet::index));
        return received;
    }

    /** The smallest network delay of any received packet. */
    public long minNetworkDelayNanos() {
        return packets.stream().filter(p -> !p.lost()).mapToLong(Packet::networkDelayNanos).min().orElse(0);
    }

    /**
     * The oracle: the smallest fixed delay above the fastest packet (a buffer that plays every
     * packet at its send time plus the minimum network delay plus this) that gets all but
     * {@code lateShare} of the received packets in time. It knows the whole trace, drift included.
     */
    public long oracleDelayNanos(double lateShare) {
        final long min = minNetworkDelayNanos();
        final long[] delays = packets.stream().filter(p -> !p.lost()).mapToLong(p -> p.networkDelayNanos() - min).sorted()
                                     .toArray();
        if (delays.length == 0) {
            return 0;
        }
        final int allowedLate = (int) Math.floor(lateShare * delays.length);
        return delays[Math.max(0, delays.length - 1 - allowedLate)];
    }

    public long durationNanos() {
        return packets.isEmpty() ? 0 : packets.get(packets.size() - 1).sendNanos() - packets.get(0).sendNanos();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a trace; every parameter defaults to "none" except 20 ms packets at 48 kHz and a 30 ms base delay. */
    public static final class Builder {
        private final String name;
        private long seed = 1;
        private long durationNanos = 60_000_000_000L;
        private int clockRate = 48_000;
        private int packetMillis = 20;
        private long baseDelayNanos = 30_000_000L;
        private double jitterSigmaMillis;
        private double lossRate;
        private double burstsPerSecond;
        private double burstScaleMillis;
        private double burstShape = 1.5;
        private double burstCapMillis = 400;
        private double burstDrainRate = 0.5;
        private long stepPeriodNanos;
        private double stepMillis;
        private double reorderRate;
        private double reorderExtraMillis;
        private double driftPpm;

        private Builder(String name) {
            this.name = name;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder seconds(double seconds) {
            durationNanos = (long) (seconds * 1e9);
            return this;
        }

        public Builder packetMillis(int millis) {
            packetMillis = millis;
            return this;
        }

        public Builder baseDelayMillis(double millis) {
            baseDelayNanos = (long) (millis * 1e6);
            return this;
        }

        /** Gaussian jitter with this standard deviation, folded at zero. */
        public Builder gaussianJitterMillis(double sigma) {
            jitterSigmaMillis = sigma;
            return this;
        }

        /** Independent random loss. */
        public Builder loss(double rate) {
            lossRate = rate;
            return this;
        }

        /**
         * Queueing bursts arriving as a Poisson process; each adds a Pareto-distributed delay
         * ({@code scaleMillis}, {@code shape}, capped) that drains at {@code drainRate} ms per ms.
         */
        public Builder paretoBursts(double perSecond, double scaleMillis, double shape, double capMillis, double drainRate) {
            burstsPerSecond = perSecond;
            burstScaleMillis = scaleMillis;
            burstShape = shape;
            burstCapMillis = capMillis;
            burstDrainRate = drainRate;
            return this;
        }

        /** The path's delay goes up by {@code millis} and back down, each every {@code periodSeconds}. */
        public Builder delaySteps(double millis, double periodSeconds) {
            stepMillis = millis;
            stepPeriodNanos = (long) (periodSeconds * 1e9);
            return this;
        }

        /** A share of packets held an extra uniform 0..{@code extraMillis}, so later ones overtake them. */
        public Builder reorder(double rate, double extraMillis) {
            reorderRate = rate;
            reorderExtraMillis = extraMillis;
            return this;
        }

        /** The sender's RTP clock runs this many ppm fast (negative: slow). */
        public Builder driftPpm(double ppm) {
            driftPpm = ppm;
            return this;
        }

        public JitterTrace build() {
            final SplittableRandom random = new SplittableRandom(seed);
            final int packetSamples = clockRate / 1000 * packetMillis;
            final long count = durationNanos / (packetMillis * 1_000_000L);
            final List<Packet> out = new ArrayList<>((int) count);
            final int firstSeq = 65_536 - 50; // wraps within the first second
            final long firstTimestamp = 0x1_0000_0000L - 50L * packetSamples; // so does the timestamp
            final long startNanos = 1_000_000_000L;
            double burstRemainingMillis = 0;
            long lastSendNanos = startNanos;
            double nextBurstNanos = burstsPerSecond > 0 ? startNanos + exponential(random, burstsPerSecond) * 1e9 : Double.MAX_VALUE;
            for (long i = 0; i < count; i++) {
                // The sender's clock is fast by driftPpm: a packet of `packetMillis` on its clock takes less true time.
                final long sendNanos = startNanos + Math.round(i * packetMillis * 1e6 / (1 + driftPpm * 1e-6));
                final double elapsedMillis = (sendNanos - lastSendNanos) / 1e6;
                lastSendNanos = sendNanos;
                burstRemainingMillis = Math.max(0, burstRemainingMillis - elapsedMillis * burstDrainRate);
                while (sendNanos >= nextBurstNanos) {
                    final double height = burstScaleMillis / Math.pow(1 - random.nextDouble(), 1 / burstShape);
                    burstRemainingMillis = Math.min(burstCapMillis, burstRemainingMillis + height);
                    nextBurstNanos += exponential(random, burstsPerSecond) * 1e9;
                }
                double delayMillis = baseDelayNanos / 1e6 + burstRemainingMillis;
                if (jitterSigmaMillis > 0) {
                    delayMillis += Math.abs(gaussian(random)) * jitterSigmaMillis;
                }
                if (stepPeriodNanos > 0 && ((sendNanos - startNanos) / stepPeriodNanos) % 2 == 1) {
                    delayMillis += stepMillis;
                }
                if (reorderRate > 0 && random.nextDouble() < reorderRate) {
                    delayMillis += random.nextDouble() * reorderExtraMillis;
                }
                final boolean lost = lossRate > 0 && random.nextDouble() < lossRate;
                final long arrival = lost ? -1 : sendNanos + Math.round(delayMillis * 1e6);
                out.add(new Packet((int) ((firstSeq + i) & 0xFFFF), (firstTimestamp + i * packetSamples) & 0xFFFF_FFFFL, i,
                                   sendNanos, arrival));
            }
            return new JitterTrace(name, List.copyOf(out), clockRate, packetSamples, driftPpm);
        }

        private static double exponential(SplittableRandom random, double rate) {
            return -Math.log(1 - random.nextDouble()) / rate;
        }

        private static double gaussian(SplittableRandom random) {
            // Box–Muller; one of the pair is enough here.
            final double u = 1 - random.nextDouble();
            final double v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }

    @Override
    public String toString() {
        return name + " (" + packets.size() + " packets, " + durationNanos() / 1_000_000_000L + " s)";
    }
}
