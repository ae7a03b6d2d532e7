package dev.remotemedia.benchmarks;

import dev.remotemedia.codec.OpusCodecs;
import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.rtc.pc.AudioTrackSource;
import dev.remotemedia.rtc.pc.MediaKind;
import dev.remotemedia.rtc.pc.MediaStreamTrack;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCRtpSender;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverDirection;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverInit;
import dev.remotemedia.rtc.rtp.RtpPacket;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.transport.LogLevel;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One-way audio latency between two of our peer connections over UDP on 127.0.0.1 (DESIGN.md §7:
 * p95 ≤ 30 ms with 20 ms Opus frames), from PCM pushed into the sender's {@link AudioTrackSource}
 * to the decoded frame handed to the receiver's sink, and in the same run the baseline of the path
 * without the codec: an RTP packet written through {@link RTCRtpSender#writeRtp} to its arrival at
 * the receiver's RTP listener (SRTP, UDP, the loops).
 *
 * <p>The sender pushes one 20 ms block every 20 ms (a real-time source): three blocks of a 1 kHz
 * tone, then seven of silence, so every 200 ms the tone starts at a block boundary. The receiver
 * finds the first frame with sound after silence; the latency of that onset is its delivery time,
 * plus where in the frame the tone starts (Opus's look-ahead delays it by a few milliseconds), minus
 * the time the block that starts the tone was pushed. Frames come out of the stack's adaptive jitter
 * buffer, so this is the latency an application hears. After {@code
 * --warm-up} seconds (5), {@code --seconds} (60) are measured. Then {@code --cpu-packets} (20000)
 * RTP packets of 160 bytes are written at 2,000 a second for the CPU time per packet of RTP → SRTP
 * → UDP → SRTP → RTP (both peers, all threads). Writes docs/audio-latency.png.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Paudio-latency}
 */
public final class AudioLatencyBenchmark {
    private static final int RATE = 48_000;
    private static final int BLOCK = 960;
    private static final int PERIOD_BLOCKS = 10;
    private static final int TONE_BLOCKS = 3;
    /** The raw packets' next index (and sequence number): one numbering for both phases, as SRTP needs. */
    private static final int[] RAW_INDEX = {0};

    private AudioLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        ServerLogging.apply(LogLevel.WARN);
        final int warmUpSeconds = Args.intArg(args, "--warm-up", 5);
        final int seconds = Args.intArg(args, "--seconds", 60);
        final int cpuPackets = Args.intArg(args, "--cpu-packets", 20_000);
        final PeerConnectionFactory offering = JavaPeers.factory(1);
        final PeerConnectionFactory answering = JavaPeers.factory(1);
        final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        final AudioTrackSource source = AudioTrackSource.create();
        final RTCRtpSender[] raw = new RTCRtpSender[1];
        final Onsets onsets = new Onsets();
        final Map<Integer, Long> rawSent = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<double[]> rawLatencies = new ConcurrentLinkedQueue<>();
        final long[] rawReceived = new long[1];
        final CompletableFuture<Void> tracks = new CompletableFuture<>();
        try (JavaPeers.Pair pair = JavaPeers.connect(offering, answering, "control", p -> {
            p.offerer.addTrack(MediaStreamTrack.audio(source), "latency");
            raw[0] = p.offerer.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY))
                              .sender();
            p.answerer.onTrack(event -> {
                if ("0".equals(event.transceiver().mid())) {
                    event.receiver().addRtpListener(packet -> onsets.firstTimestamp(packet.timestamp()));
                    event.track().addSink(onsets::onFrame);
                } else {
                    event.receiver().addRtpListener(packet -> {
                        final long now = System.nanoTime();
                        synchronized (rawReceived) {
                            rawReceived[0]++;
                        }
                        if (packet.payload().length() >= 4) {
                            final Long sent = rawSent.remove(packet.payload().getUint16(0) << 16
                                                              | packet.payload().getUint16(2));
                            if (sent != null) {
                                rawLatencies.add(new double[] {sent, (now - sent) / 1e6});
                            }
                        }
                    });
                    tracks.complete(null);
                }
            });
        })) {
            JavaPeers.await(pair.open, "the pair to connect");
            JavaPeers.await(tracks, "the tracks");
            final long start = System.nanoTime();
            final long[] block = {0};
            final short[] tone = new short[BLOCK];
            final short[] silence = new short[BLOCK];
            final long measureFrom = start + warmUpSeconds * 1_000_000_000L;
            final int[] rawIndex = RAW_INDEX;
            clock.scheduleAtFixedRate(() -> {
                final long k = block[0]++;
                final boolean toneBlock = k % PERIOD_BLOCKS < TONE_BLOCKS;
                if (toneBlock) {
                    for (int i = 0; i < BLOCK; i++) {
                        tone[i] = (short) (12_000 * Math.sin(2 * Math.PI * 1000 * (k * BLOCK + i) / RATE));
                    }
                }
                final long now = System.nanoTime();
                if (k % PERIOD_BLOCKS == 0) {
                    onsets.pushed(k / PERIOD_BLOCKS, now, now >= measureFrom);
                }
                source.pushPcm(toneBlock ? tone : silence, RATE, 1);
                final int index = rawIndex[0]++;
                rawSent.put(index, System.nanoTime());
                raw[0].writeRtp(RtpPacket.builder().sequenceNumber(index & 0xFFFF).timestamp(960L * index)
                                         .payload(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16),
                                                              (byte) (index >>> 8), (byte) index, 0x78}).build());
            }, 0, 20, TimeUnit.MILLISECONDS);
            Thread.sleep((warmUpSeconds + seconds) * 1000L + 500); // the measured span: the source is real time
            clock.shutdownNow();
            clock.awaitTermination(1, TimeUnit.SECONDS);

            final double[][] pcm = onsets.latencies(start);
            final double[][] rtp = rawLatencies.stream().filter(l -> l[0] >= measureFrom)
                                               .map(l -> new double[] {(l[0] - start) / 1e9, l[1]})
                                               .toArray(double[][]::new);
            final double cpuPerPacketMicros = cpuPerPacket(raw[0], cpuPackets, rawReceived);

            System.out.println("Audio one-way latency, Java↔Java on " + MachineInfo.describe());
            System.out.println("Opus: " + OpusCodecs.implementation() + ", 20 ms frames, mono, 32 kb/s");
            row("PCM pushed → decoded PCM delivered (Opus, SRTP, UDP)", column(pcm, 1));
            row("baseline: RTP written → RTP delivered (SRTP, UDP; no codec)", column(rtp, 1));
            System.out.printf("| CPU per RTP packet written → SRTP → UDP → SRTP → RTP listener (both peers, %d packets) "
                              + "| %.1f µs |%n", cpuPackets, cpuPerPacketMicros);
            final Path png = Path.of(Args.stringArg(args, "--png", "../docs/audio-latency.png"));
            new Plot("One-way audio latency, Java↔Java on loopback (20 ms Opus frames)", "time (s)",
                     "latency (ms)")
                    .series("PCM → PCM (Opus encode, SRTP, UDP, decode)", column(pcm, 0), column(pcm, 1))
                    .series("RTP → RTP (SRTP, UDP)", column(rtp, 0), column(rtp, 1))
                    .line("target p95 ≤ 30 ms", 30)
                    .write(png);
            System.out.println("plot: " + png.toAbsolutePath().normalize());
        } finally {
            clock.shutdownNow();
            offering.close();
            answering.close();
        }
    }

    private static void row(String what, double[] latencies) {
        if (latencies.length == 0) {
            System.out.printf("| %s | no samples |%n", what);
            return;
        }
        final Percentiles p = Percentiles.of(latencies);
        System.out.printf("| %s | %d samples | p50 %.1f ms | p95 %.1f ms | p99 %.1f ms | max %.1f ms |%n", what,
                          p.count(), p.median(), Percentiles.quantile(latencies, 0.95),
                          Percentiles.quantile(latencies, 0.99), p.max());
    }

    private static double[] column(double[][] rows, int column) {
        final double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][column];
        }
        return out;
    }

    /** Process CPU time per packet while {@code count} raw packets cross, two every millisecond. */
    private static double cpuPerPacket(RTCRtpSender sender, int count, long[] received) throws Exception {
        final long before;
        synchronized (received) {
            before = received[0];
        }
        final byte[] payload = new byte[160];
        final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        final int[] written = {0};
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final long cpuBefore = processCpuNanos();
        pacer.scheduleAtFixedRate(() -> {
            for (int n = 0; n < 2 && written[0] < count; n++) {
                written[0]++;
                final int i = RAW_INDEX[0]++;
                sender.writeRtp(RtpPacket.builder().sequenceNumber(i & 0xFFFF).timestamp(960L * i).payload(payload)
                                         .build());
            }
            if (written[0] >= count) {
                done.complete(null);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        JavaPeers.await(done, "writing the packets");
        pacer.shutdownNow();
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (received) {
                if (received[0] - before >= count) {
                    break;
                }
            }
            Thread.sleep(10); // polls the receiver's count
        }
        final long arrived;
        synchronized (received) {
            arrived = received[0] - before;
        }
        System.out.printf("(%d of %d packets arrived)%n", arrived, count);
        return (processCpuNanos() - cpuBefore) / 1e3 / count;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Pairs each pushed tone onset with the first frame that carries sound after silence, by RTP
     * timestamp: the frame's timestamp (plus where in it the tone starts) counts samples from the
     * stream's first packet, which says which 200 ms period's onset it is — so an onset lost on the
     * way (or cut by the jitter buffer) cannot shift the pairing of every later one.
     */
    private static final class Onsets {
        private final Map<Long, long[]> pushed = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<double[]> latencies = new ConcurrentLinkedQueue<>();
        private volatile long firstTimestamp = -1;
        private boolean silent = true;

        void firstTimestamp(long timestamp) {
            if (firstTimestamp < 0) {
                firstTimestamp = timestamp;
            }
        }

        void pushed(long period, long nanos, boolean measured) {
            pushed.put(period, new long[] {nanos, measured ? 1 : 0});
        }

        void onFrame(AudioFrame frame) {
            final long now = System.nanoTime();
            double energy = 0;
            for (short sample : frame.samples()) {
                energy += (double) sample * sample;
            }
            final double rms = Math.sqrt(energy / frame.samples().length);
            if (silent && rms > 1_000) {
                silent = false;
                // Where in the frame the tone starts (Opus's look-ahead moves it a few ms later): a
                // player would play that sample that much after the frame's delivery.
                int first = 0;
                while (first < frame.samples().length && Math.abs(frame.samples()[first]) < 2_000) {
                    first++;
                }
                final int firstFrame = first / frame.channels();
                final long offsetNanos = firstFrame * 1_000_000_000L / frame.sampleRate();
                if (firstTimestamp < 0) {
                    return;
                }
                final long sample = (frame.rtpTimestamp() + firstFrame - firstTimestamp) & 0xFFFF_FFFFL;
                final long period = Math.round((double) sample / (PERIOD_BLOCKS * BLOCK));
                final long[] onset = pushed.remove(period);
                if (onset != null && onset[1] == 1) {
                    latencies.add(new double[] {onset[0], (now + offsetNanos - onset[0]) / 1e6});
                }
            } else if (!silent && rms < 100) {
                silent = true;
            }
        }

        double[][] latencies(long start) {
            return latencies.stream().map(l -> new double[] {(l[0] - start) / 1e9, l[1]}).toArray(double[][]::new);
        }
    }
}
