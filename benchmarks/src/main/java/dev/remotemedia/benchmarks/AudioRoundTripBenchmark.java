package dev.remotemedia.benchmarks;

import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverDirection;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumHarness;
import dev.remotemedia.transport.LogLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Audio round trip page → far end → page, against Chromium↔Chromium measured the same way in the
 * same page and run ({@code audio-round-trip.js}): the page sends a 1 kHz burst every 600 ms and
 * finds each burst's first sample in what comes back, on its AudioContext's clock. The far end is
 * either our RTCPeerConnection echoing the page's RTP packets back on the same m-line (no decoding:
 * the SFU path) or a second RTCPeerConnection in the page sending the received track back (which
 * Chromium decodes, plays out through its jitter buffer and encodes again). Both include the page's
 * own encoder, jitter buffer and WebAudio capture; the Chromium↔Chromium path has one more decode,
 * jitter buffer and encode. Rounds alternate (Chromium, Java, Chromium, Java) so drift of the
 * machine's load hits both. Writes docs/audio-round-trip.png.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Paudio-round-trip}
 */
public final class AudioRoundTripBenchmark {
    private AudioRoundTripBenchmark() {}

    public static void main(String[] args) throws Exception {
        ServerLogging.apply(LogLevel.WARN);
        final int bursts = Args.intArg(args, "--bursts", 100);
        final int rounds = Args.intArg(args, "--rounds", 2);
        final List<Double> chromium = new ArrayList<>();
        final List<Double> java = new ArrayList<>();
        try (ChromiumHarness harness = ChromiumHarness.launch();
             PeerConnectionFactory factory = JavaPeers.factory(1)) {
            final BrowserPage page = harness.open("about:blank");
            page.evaluate("script => eval(script)", script());
            for (int round = 0; round < rounds; round++) {
                chromium.addAll(numbers(page.evaluate("n => window.audioRoundTrip.chromium(n)", bursts)));
                java.addAll(javaRound(page, factory, bursts));
            }
        }
        System.out.println("Audio round trip page → far end → page, on " + MachineInfo.describe());
        row("Chromium↔Chromium in one page (far end decodes, plays out, re-encodes)", chromium, rounds * bursts);
        row("page → our RTCPeerConnection echoing RTP → page", java, rounds * bursts);
        final Path png = Path.of(Args.stringArg(args, "--png", "../docs/audio-round-trip.png"));
        new Plot("Audio round trip page → far end → page (1 kHz bursts, Opus)", "burst", "round trip (ms)")
                .series("Chromium↔Chromium", index(chromium.size()), toArray(chromium))
                .series("page → Java RTP echo → page", index(java.size()), toArray(java))
                .write(png);
        System.out.println("plot: " + png.toAbsolutePath().normalize());
    }

    /** The page offers, we answer and echo every RTP packet back on the same m-line. */
    private static List<Double> javaRound(BrowserPage page, PeerConnectionFactory factory, int bursts) {
        final RTCPeerConnection pc = factory.createPeerConnection();
        try {
            pc.onTrack(event -> {
                event.transceiver().setDirection(RTCRtpTransceiverDirection.SENDRECV);
                event.receiver().addRtpListener(packet -> event.transceiver().sender().writeRtp(packet));
            });
            final Queue<RTCIceCandidate> ours = new ConcurrentLinkedQueue<>();
            pc.onIceCandidate(ours::add);
            final String offer = (String) page.evaluate("n => window.audioRoundTrip.offer(n)", bursts);
            JavaPeers.await(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer)), "offer");
            final RTCSessionDescription answer = JavaPeers.await(pc.createAnswer(), "answer");
            JavaPeers.await(pc.setLocalDescription(answer), "local answer");
            page.evaluate("sdp => window.audioRoundTrip.answer(sdp)", answer.sdp());
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (pc.connectionState() != RTCPeerConnectionState.CONNECTED) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the page did not connect: " + pc.connectionState());
                }
                for (RTCIceCandidate c; (c = ours.poll()) != null; ) {
                    final Map<String, Object> json = new HashMap<>();
                    json.put("candidate", c.candidate());
                    json.put("sdpMid", c.sdpMid());
                    json.put("sdpMLineIndex", c.sdpMLineIndex());
                    page.evaluate("c => window.audioRoundTrip.addCandidate(c)", json);
                }
                for (Object taken : (List<?>) page.evaluate("() => window.audioRoundTrip.candidates()", null)) {
                    final Map<?, ?> c = (Map<?, ?>) taken;
                    pc.addIceCandidate(c == null ? new RTCIceCandidate("", null, null, null)
                            : new RTCIceCandidate((String) c.get("candidate"), (String) c.get("sdpMid"),
                                                  ((Number) c.get("sdpMLineIndex")).intValue(), null));
                }
            }
            return numbers(page.evaluate("() => window.audioRoundTrip.finish()", null));
        } finally {
            pc.close();
        }
    }

    private static void row(String what, List<Double> trips, int sent) {
        if (trips.isEmpty()) {
            System.out.printf("| %s | no bursts came back of %d |%n", what, sent);
            return;
        }
        final double[] values = toArray(trips);
        final Percentiles p = Percentiles.of(values);
        System.out.printf("| %s | %d of %d bursts | p50 %.1f ms | p95 %.1f ms | min %.1f ms | max %.1f ms |%n", what,
                          p.count(), sent, p.median(), Percentiles.quantile(values, 0.95), p.min(), p.max());
    }

    private static String script() {
        try (InputStream in = AudioRoundTripBenchmark.class.getResourceAsStream("audio-round-trip.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Double> numbers(Object list) {
        final List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).doubleValue());
        }
        return out;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] index(int n) {
        final double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
