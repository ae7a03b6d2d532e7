package dev.remotemedia.signaling.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.linecorp.armeria.server.Server;
import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.signaling.server.SignalingServer;
import dev.remotemedia.testing.PlayoutRecording;
import dev.remotemedia.testing.ToneGenerator;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.media.AudioEncoderConfig;
import dev.remotemedia.transport.mesh.MeshPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's mesh with audio: three {@link WebRtcTransport}s join the real JSON-RPC signaling
 * server, mesh over real UDP on 127.0.0.1, each sends its own tone in Opus, and each hears the
 * two others, told apart by frequency.
 */
class AudioMeshTest {
    private static final long TIMEOUT_SECONDS = 60; // an upper bound: the machine may be loaded
    private static final int RATE = 48_000;
    /** Enough audio per stream to measure after the encoder's first 200 ms. */
    private static final double ENOUGH_MILLIS = 3_000;
    private static final Map<String, Double> TONES = new LinkedHashMap<>();

    static {
        TONES.put("peer-a", 440.0);
        TONES.put("peer-b", 660.0);
        TONES.put("peer-c", 990.0);
    }

    private SignalingServer signaling;
    private Server server;
    private WebRtcTransportConfig config;
    private final List<WebRtcTransport> transports = new ArrayList<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    /** What each peer heard from each other one: "listener<sender" → its audio. */
    private final Map<String, Stream> heard = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        signaling = SignalingServer.builder().build();
        server = Server.builder().http(new InetSocketAddress("127.0.0.1", 0))
                       .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                       .service("/ws", signaling.service()).build();
        server.start().join();
        config = WebRtcTransportConfig.builder()
                                      .signalingUrl(URI.create("ws://127.0.0.1:" + server.activeLocalPort()))
                                      .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                      .udpPort(0)
                                      .build();
        for (String listener : TONES.keySet()) {
            for (String sender : TONES.keySet()) {
                if (!listener.equals(sender)) {
                    heard.put(listener + "<" + sender, new Stream());
                }
            }
        }
    }

    @AfterEach
    void tearDown() {
        clock.shutdownNow();
        transports.forEach(WebRtcTransport::shutdown);
        signaling.close();
        server.stop().join();
    }

    /** The jitter buffer learns a new path for two seconds (a start target, then a falling floor): judged after. */
    private static final double LEARNING_MILLIS = 2_000;

    /** One stream of decoded audio as a receive handler got it. */
    static final class Stream {
        final CompletableFuture<Void> enough = new CompletableFuture<>();
        private final PlayoutRecording recording = new PlayoutRecording(RATE);

        void add(AudioFrame frame) {
            recording.add(frame.samples(), frame.rtpTimestamp(), frame.concealed());
            if (recording.millis() >= ENOUGH_MILLIS) {
                enough.complete(null);
            }
        }

        /** The tone, over the longest playout without concealment after the jitter buffer's two seconds of learning. */
        double frequency() {
            return recording.plainFrequency(LEARNING_MILLIS, 100);
        }

        double levelDbfs() {
            return recording.levelDbfs(LEARNING_MILLIS);
        }
    }

    private WebRtcTransport join(String peerId) throws Exception {
        final WebRtcTransport t = WebRtcTransport.builder(config).peerId(peerId).autoConnect(true).audio(true)
                .onPeerAudio((peer, frame) -> {
                    final Stream stream = heard.get(peerId + "<" + peer.peerId());
                    if (stream != null) {
                        stream.add(frame);
                    }
                })
                .build();
        transports.add(t);
        t.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return t;
    }

    @Test
    void threePeersEachSendAToneAndEachHearsTheTwoOthers() throws Exception {
        final WebRtcTransport a = join("peer-a");
        final WebRtcTransport b = join("peer-b");
        final WebRtcTransport c = join("peer-c");
        final List<WebRtcTransport> all = List.of(a, b, c);
        // autoConnect: a peer already there offers to each newcomer; connectPeer waits for that
        // connection (or offers, for a pair not connected yet).
        for (WebRtcTransport t : all) {
            for (WebRtcTransport other : all) {
                if (t != other) {
                    t.connectPeer(other.peerId()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        }
        final AudioEncoderConfig opus = AudioEncoderConfig.builder().bitrate(32_000).complexity(5).build();
        for (WebRtcTransport t : all) {
            assertThat(t.listAllPeers()).hasSize(2);
            for (MeshPeer peer : t.listAllPeers()) {
                peer.addAudioTrack(opus);
            }
        }

        // a and b broadcast to both their peers; c sends to each peer by id.
        final Map<String, ToneGenerator> tones = new LinkedHashMap<>();
        TONES.forEach((peerId, hz) -> tones.put(peerId, ToneGenerator.of(RATE, 0.5, hz)));
        clock.scheduleAtFixedRate(() -> {
            a.broadcastAudio(tones.get("peer-a").next(960), Set.of());
            b.broadcastAudio(tones.get("peer-b").next(960), Set.of());
            final short[] fromC = tones.get("peer-c").next(960);
            c.sendAudio("peer-a", fromC);
            c.sendAudio("peer-b", fromC);
        }, 0, 20, TimeUnit.MILLISECONDS);

        CompletableFuture.allOf(heard.values().stream().map(s -> s.enough).toArray(CompletableFuture[]::new))
                         .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(heard).hasSize(6);
        heard.forEach((pair, stream) -> {
            final String sender = pair.substring(pair.indexOf('<') + 1);
            assertThat(stream.frequency()).as(pair + ": the sender's tone").isCloseTo(TONES.get(sender), within(2.0));
            assertThat(stream.levelDbfs()).as(pair + ": a 0.5 sine is -9 dBFS").isGreaterThan(-12.0);
        });
    }
}
