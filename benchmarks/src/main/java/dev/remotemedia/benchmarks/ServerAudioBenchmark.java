package dev.remotemedia.benchmarks;

import dev.remotemedia.codec.OpusCodecs;
import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusDecoder;
import dev.remotemedia.codec.OpusEncoder;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.rtc.pc.MediaKind;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCRtpSender;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverDirection;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverInit;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import dev.remotemedia.rtc.rtp.RtpPacket;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.transport.LogLevel;
import dev.remotemedia.transport.mesh.PeerStates;
import dev.remotemedia.transport.peer.PeerSignals;
import dev.remotemedia.transport.peer.ServerPeerManager;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * ServerPeer audio (DESIGN.md §7): the server hop, RTP in → {@code loopback} pipeline → RTP out
 * (target p95 ≤ 22 ms), and how many ServerPeer audio sessions (Opus in, loopback, Opus out) the
 * server holds in real time (target ≥ 200), with the CPU per session and the share of returned
 * frames later than their 20 ms slot.
 *
 * <p>The server side is the real one: a {@link ServerPeerManager} with the built-in {@code
 * loopback} manifest on its own {@link PeerConnectionFactory}, in this JVM; offers and candidates
 * go to it in memory (no signaling socket). Each client has a factory of its own (one UDP port, as
 * browsers would) and sends pre-encoded 20 ms Opus packets with {@link RTCRtpSender#writeRtp}, one
 * every 20 ms from one timer thread for all; it times the RTP the server sends back at arrival,
 * without decoding. One probe client sends a 1 kHz tone 60 ms on, 140 ms off and decodes what
 * comes back to find each onset: its arrival minus the sending of the packet that started the
 * tone is the server hop (both loopback UDP legs included). A returned frame is late when it
 * arrives more than 20 ms after its slot, 20 ms after the frame before it.
 * CPU is the whole process's (server and the cheap client side), per session.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Pserver-audio
 * -Dbench.args="--sessions 200 --seconds 30"}
 */
public final class ServerAudioBenchmark {
    private static final int FRAME = 960;
    private static final int PERIOD = 10;   // probe: every 200 ms ...
    private static final int TONE = 3;      // ... 60 ms of tone

    private ServerAudioBenchmark() {}

    /** One client: what it sent and when its returned packets arrived. */
    private static final class Client {
        final PeerConnectionFactory factory = JavaPeers.factory(1);
        final RTCPeerConnection pc = factory.createPeerConnection();
        final RTCRtpSender sender;
        final boolean probe;
        final OpusDecoder decoder;
        final short[] pcm = new short[FRAME * 6];
        // Written on the client's loop, read after the run.
        final List<long[]> arrivals = new ArrayList<>(); // {arrival nanos, RTP timestamp}
        final List<Long> onsetArrivals = new ArrayList<>();
        final List<Long> onsetSends = new ArrayList<>(); // written by the timer thread
        boolean wasLoud;
        int next;
        volatile boolean measuring;

        Client(boolean probe) {
            this.probe = probe;
            decoder = probe ? OpusCodecs.decoder(1) : null;
            sender = pc.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDRECV))
                       .sender();
            pc.onTrack(event -> event.receiver().addRtpListener(packet -> {
                final long now = System.nanoTime();
                if (!measuring) {
                    return;
                }
                synchronized (this) {
                    arrivals.add(new long[] {now, packet.timestamp()});
                    if (probe) {
                        final byte[] payload = packet.payload().copyToArray();
                        final int n = decoder.decode(payload, 0, payload.length, pcm, 0);
                        double power = 0;
                        for (int i = 0; i < n; i++) {
                            power += (double) pcm[i] * pcm[i];
                        }
                        final boolean loud = n > 0 && Math.sqrt(power / n) > 1000;
                        if (loud && !wasLoud) {
                            onsetArrivals.add(now);
                        }
                        wasLoud = loud;
                    }
                }
            }));
        }
    }

    public static void main(String[] args) throws Exception {
        ServerLogging.apply(LogLevel.WARN);
        final int sessions = Args.intArg(args, "--sessions", 200);
        final int warmUpSeconds = Args.intArg(args, "--warm-up", 5);
        final int seconds = Args.intArg(args, "--seconds", 30);
        final byte[][] load = encode(50, k -> true);                   // a second of tone, looped
        final byte[][] probeFrames = encode(PERIOD * 10, k -> k % PERIOD < TONE);
        final int cores = Runtime.getRuntime().availableProcessors();

        try (PipelineRunner runner = PipelineRunner.of();
             PeerConnectionFactory serverFactory = PeerConnectionFactory.builder().iceConfig(JavaPeers.loopback())
                                                                        .build();
             ServerPeerManager server = ServerPeerManager.builder(serverFactory, runner)
                                                         .pipeline("loopback", Manifests.builtIn("loopback"))
                                                         .maxPeers(sessions + 1).build()) {
            final List<Client> clients = new ArrayList<>();
            final long connectStart = System.nanoTime();
            for (int i = 0; i <= sessions; i++) {
                final Client client = new Client(i == 0);
                clients.add(client);
                connect(server, "client-" + i, client.pc);
            }
            System.out.printf("%d sessions (and the probe) connected in %.1f s on %d cores%n", sessions,
                              (System.nanoTime() - connectStart) / 1e9, cores);

            final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            clock.scheduleAtFixedRate(() -> {
                for (Client c : clients) {
                    final byte[][] frames = c.probe ? probeFrames : load;
                    final int index = c.next++;
                    if (c.probe && index % PERIOD == 0) {
                        synchronized (c) {
                            c.onsetSends.add(System.nanoTime());
                        }
                    }
                    c.sender.writeRtp(RtpPacket.builder().sequenceNumber(index & 0xFFFF).timestamp((long) FRAME * index)
                                               .payload(frames[index % frames.length]).build());
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            Thread.sleep(warmUpSeconds * 1000L); // the sources are real time: the run lasts as long as it lasts
            final var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            final long cpuStart = os.getProcessCpuTime();
            final long wallStart = System.nanoTime();
            final int sentStart = clients.get(1 % clients.size()).next;
            clients.forEach(c -> c.measuring = true);
            Thread.sleep(seconds * 1000L);
            clients.forEach(c -> c.measuring = false);
            final long cpu = os.getProcessCpuTime() - cpuStart;
            final double wall = (System.nanoTime() - wallStart) / 1e9;
            final int sent = clients.get(1 % clients.size()).next - sentStart;
            clock.shutdownNow();
            clock.awaitTermination(1, TimeUnit.SECONDS);

            report(clients, sessions, sent, cpu, wall, cores);
            threadCpu();
            for (Client c : clients) {
                c.pc.close();
                c.factory.close();
            }
        }
    }

    private static void report(List<Client> clients, int sessions, int sent, long cpuNanos, double wall, int cores) {
        final Client probe = clients.get(0);
        final List<Double> hops = new ArrayList<>();
        synchronized (probe) {
            // Each onset that came back, against the latest tone start sent before it.
            for (long arrival : probe.onsetArrivals) {
                long best = -1;
                for (long send : probe.onsetSends) {
                    if (send <= arrival) {
                        best = send;
                    }
                }
                if (best >= 0) {
                    hops.add((arrival - best) / 1e6);
                }
            }
        }
        final double[] h = hops.stream().mapToDouble(Double::doubleValue).toArray();
        if (h.length == 0) {
            System.out.println("server hop: no tone onset came back to the probe");
        } else {
            System.out.printf("server hop (probe, %d onsets): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                              h.length, Percentiles.quantile(h, 0.5), Percentiles.quantile(h, 0.95),
                              Percentiles.quantile(h, 0.99), Percentiles.quantile(h, 1.0));
        }

        long frames = 0;
        long late = 0;
        int realTime = 0;
        for (Client c : clients.subList(1, clients.size())) {
            final List<long[]> a;
            synchronized (c) {
                a = List.copyOf(c.arrivals);
            }
            if (a.isEmpty()) {
                continue;
            }
            // A frame's slot is 20 ms after the one before it arrived: later than that by more than a
            // frame is a missed slot. (Not the RTP time: the receiver's jitter buffer stretches audio,
            // so the samples sent, which the RTP time counts, drift from the wall clock by design.)
            int sessionLate = 0;
            for (int i = 1; i < a.size(); i++) {
                if ((a.get(i)[0] - a.get(i - 1)[0]) / 1e6 > 40) {
                    sessionLate++;
                }
            }
            late += sessionLate;
            frames += a.size();
            // In real time: ≥ 90 % of the audio back (the jitter buffer may shorten it a little by
            // accelerating) and under 1 % of its frames late.
            if (a.size() >= 0.9 * sent && sessionLate < 0.01 * a.size()) {
                realTime++;
            }
        }
        System.out.printf("%d load sessions: %d held in real time (≥ 90 %% of the %d frames each sent came back,"
                          + " < 1 %% late),"
                          + " %.2f %% of %d returned frames later than their 20 ms slot%n",
                          sessions, realTime, sent, 100.0 * late / Math.max(1, frames), frames);
        System.out.printf("CPU: %.2f of %d cores for the whole process, %.2f ms per second per session%n",
                          cpuNanos / 1e9 / wall, cores, cpuNanos / 1e6 / wall / (sessions + 1));
    }

    /** CPU time by thread name (digits folded), the largest first: where the process's time went. */
    private static void threadCpu() {
        final var threads = ManagementFactory.getThreadMXBean();
        final java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            final var info = threads.getThreadInfo(id);
            final long t = threads.getThreadCpuTime(id);
            if (info != null && t > 0) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "#"), t, Long::sum);
            }
        }
        byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
              .forEach(e -> System.out.printf("  %-40s %8.1f s%n", e.getKey(), e.getValue() / 1e9));
    }

    private static byte[][] encode(int count, java.util.function.IntPredicate tone) {
        final OpusEncoder encoder = OpusCodecs.encoder(OpusConfig.builder().channels(1).frameMillis(20).bitrate(32_000)
                                                                 .complexity(5).build());
        final byte[][] out = new byte[count][];
        final short[] pcm = new short[FRAME];
        final byte[] buf = new byte[1500];
        long t = 0;
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < FRAME; i++, t++) {
                pcm[i] = tone.test(k) ? (short) (12_000 * Math.sin(2 * Math.PI * 1000 * t / 48_000.0)) : 0;
            }
            final int n = encoder.encode(pcm, 0, buf, 0, buf.length);
            out[k] = java.util.Arrays.copyOf(buf, n);
        }
        return out;
    }

    /** Offer/answer and candidates with the server's manager, in memory. */
    private static void connect(ServerPeerManager server, String id, RTCPeerConnection pc) {
        pc.onIceCandidate(c -> server.addIceCandidate(id, c));
        final RTCSessionDescription offer = JavaPeers.await(pc.createOffer(), "offer");
        JavaPeers.await(pc.setLocalDescription(offer), "local offer");
        final String answer = JavaPeers.await(server.offer(id, offer.sdp(), "loopback", new PeerSignals() {
            @Override
            public void iceCandidate(RTCIceCandidate candidate) {
                pc.addIceCandidate(candidate);
            }

            @Override
            public void stateChanged(PeerStates states) {}
        }), "answer");
        JavaPeers.await(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer)), "answer applied");
    }
}
