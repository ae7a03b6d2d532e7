package dev.remotemedia.transport.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.media.AudioEncoderConfig;
import dev.remotemedia.testing.PlayoutRecording;
import dev.remotemedia.testing.ToneGenerator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's audio API between two transports: real UDP on 127.0.0.1, real Opus, signaling
 * on the in-memory hub (the three-peer mesh through the real signaling server is the signaling
 * module's {@code AudioMeshTest}).
 */
class MeshAudioTest {

    private static final long TIMEOUT_SECONDS = 60; // an upper bound: the machine may be loaded
    private static final WebRtcTransportConfig CONFIG =
            WebRtcTransportConfig.builder()
                                 .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                 .udpPort(0)
                                 .build();

    private final InMemoryHub hub = new InMemoryHub();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final List<WebRtcTransport> transports = new ArrayList<>();

    @AfterEach
    void tearDown() {
        clock.shutdownNow();
        transports.forEach(WebRtcTransport::shutdown);
        hub.close();
    }

    /** The jitter buffer learns a new path for two seconds (a start target, then a falling floor): judged after. */
    private static final double LEARNING_MILLIS = 2_000;

    /** One peer's decoded audio as the receive handler got it. */
    static final class Heard {
        private final double enoughMillis;
        final CompletableFuture<Void> enough = new CompletableFuture<>();
        private final PlayoutRecording recording = new PlayoutRecording(48_000);
        private final List<AudioFrame> frames = new ArrayList<>();

        Heard(double enoughMillis) {
            this.enoughMillis = enoughMillis;
        }

        synchronized void add(AudioFrame frame) {
            frames.add(new AudioFrame(new short[0], frame.sampleRate(), 1, frame.rtpTimestamp(),
                                      frame.wallClockNanos(), frame.concealed())); // keeps the header only
            recording.add(frame.samples(), frame.rtpTimestamp(), frame.concealed());
            if (recording.millis() >= enoughMillis) {
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

        synchronized List<AudioFrame> frames() {
            return List.copyOf(frames);
        }
    }

    private WebRtcTransport start(String peerId, boolean audio, Heard heard) throws Exception {
        final WebRtcTransport t = WebRtcTransport.builder(CONFIG).peerId(peerId).signaling(hub.connector())
                                                 .audio(audio)
                                                 .onPeerAudio((peer, frame) -> heard.add(frame))
                                                 .build();
        transports.add(t);
        t.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return t;
    }

    private static MeshPeer peer(WebRtcTransport t, String peerId) {
        return t.peerManager().peer(peerId).orElseThrow();
    }

    @Test
    void twoPeersHearEachOthersToneWithTheirTimestamps() throws Exception {
        final Heard atA = new Heard(3_000);
        final Heard atB = new Heard(3_000);
        final WebRtcTransport a = start("peer-a", true, atA);
        final WebRtcTransport b = start("peer-b", true, atB);
        a.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        b.connectPeer("peer-a").get(TIMEOUT_SECONDS, TimeUnit.SECONDS); // the open connection a offered

        // a sends float samples at 48 kHz, b 16-bit samples at 16 kHz (resampled to Opus's 48 kHz).
        peer(a, "peer-b").addAudioTrack(AudioEncoderConfig.builder().complexity(5).build());
        peer(b, "peer-a").addAudioTrack(AudioEncoderConfig.builder().sampleRate(16_000).bitrate(32_000)
                                                          .complexity(5).build());
        assertThat(peer(b, "peer-a").audioConfig()).hasValueSatisfying(c -> assertThat(c.sampleRate()).isEqualTo(16_000));
        final ToneGenerator toneA = ToneGenerator.of(48_000, 0.5, 440);
        final ToneGenerator toneB = ToneGenerator.of(16_000, 0.5, 660);
        clock.scheduleAtFixedRate(() -> {
            final short[] pcm = toneA.next(960);
            final float[] samples = new float[pcm.length];
            for (int i = 0; i < pcm.length; i++) {
                samples[i] = pcm[i] / 32768f;
            }
            a.sendAudio("peer-b", samples);
            b.sendAudio("peer-a", toneB.next(320));
        }, 0, 20, TimeUnit.MILLISECONDS);

        atA.enough.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        atB.enough.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(atB.frequency()).isCloseTo(440, within(2.0));
        assertThat(atA.frequency()).isCloseTo(660, within(2.0));
        assertThat(atA.levelDbfs()).isGreaterThan(-12.0); // a 0.5 sine is -9 dBFS
        assertThat(atB.levelDbfs()).isGreaterThan(-12.0);
        for (Heard heard : List.of(atA, atB)) {
            final List<AudioFrame> frames = heard.frames();
            assertThat(frames).allSatisfy(f -> assertThat(f.sampleRate()).isEqualTo(48_000));
            // RTP timestamps count samples at 48 kHz: each frame starts after the previous one, or at
            // the same place when the jitter buffer waited for a late packet (a concealed frame).
            for (int i = 1; i < frames.size(); i++) {
                final long step = (frames.get(i).rtpTimestamp() - frames.get(i - 1).rtpTimestamp()) & 0xFFFF_FFFFL;
                if (step == 0) {
                    assertThat(frames.get(i).concealed() || frames.get(i - 1).concealed()).as("frame %d repeats a timestamp", i)
                                                                                           .isTrue();
                } else {
                    assertThat(step).isBetween(1L, 48_000L);
                }
            }
        }
    }

    @Test
    void broadcastReachesThePeersWithATrackButTheExcluded() throws Exception {
        final Heard atB = new Heard(3_000);
        final Heard atC = new Heard(400);
        final WebRtcTransport a = start("peer-a", true, new Heard(1));
        final WebRtcTransport b = start("peer-b", true, atB);
        final WebRtcTransport c = start("peer-c", true, atC);
        a.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        a.connectPeer("peer-c").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(a.broadcastAudio(new short[960], Set.of())).as("no peer has a track yet").isZero();
        peer(a, "peer-b").addAudioTrack(AudioEncoderConfig.builder().complexity(5).build());
        peer(a, "peer-c").addAudioTrack(AudioEncoderConfig.builder().complexity(5).build());

        final ToneGenerator tone = ToneGenerator.of(48_000, 0.5, 523.25);
        final CompletableFuture<Integer> reached = new CompletableFuture<>();
        clock.scheduleAtFixedRate(() -> reached.complete(a.broadcastAudio(tone.next(960), Set.of("peer-c"))),
                                  0, 20, TimeUnit.MILLISECONDS);

        atB.enough.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(reached.get()).isEqualTo(1);
        assertThat(atB.frequency()).isCloseTo(523.25, within(2.0));
        assertThat(atC.frames()).as("peer-c was excluded").isEmpty();
        assertThat(b.listAllPeers()).singleElement().matches(p -> p.peerId().equals("peer-a"));
    }

    @Test
    void aPeerBuiltWithoutAudioStillHearsAnOffererWithIt() throws Exception {
        final Heard atListener = new Heard(3_000);
        final WebRtcTransport speaker = start("peer-speaker", true, new Heard(1));
        final WebRtcTransport listener = start("peer-listener", false, atListener);
        speaker.connectPeer("peer-listener").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        peer(speaker, "peer-listener").addAudioTrack(AudioEncoderConfig.builder().complexity(5).build());
        assertThatThrownBy(() -> peer(listener, "peer-speaker").addAudioTrack(AudioEncoderConfig.defaults()))
                .as("its answer took the m-line receive-only").hasMessageContaining("has no audio m-line");

        final ToneGenerator tone = ToneGenerator.of(48_000, 0.5, 330);
        clock.scheduleAtFixedRate(() -> speaker.sendAudio("peer-listener", tone.next(960)), 0, 20, TimeUnit.MILLISECONDS);

        atListener.enough.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(atListener.frequency()).isCloseTo(330, within(2.0));
    }

    @Test
    void misuseGetsClearErrors() throws Exception {
        final WebRtcTransport a = start("peer-a", true, new Heard(1));
        start("peer-b", true, new Heard(1));
        final WebRtcTransport silent = start("peer-silent", false, new Heard(1));
        a.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        silent.connectPeer("peer-a").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        final MeshPeer toB = peer(a, "peer-b");

        assertThatThrownBy(() -> a.sendAudio("nobody", new short[960]))
                .isInstanceOfSatisfying(RemoteMediaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PEER_NOT_FOUND);
                    assertThat(e).hasMessage("peerId: nobody is not a peer of this transport");
                });
        assertThatThrownBy(() -> a.sendAudio("peer-b", new short[960]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("peer peer-b has no audio track: call addAudioTrack first");
        // An offer without audio: the answer has no m-line to send on either.
        assertThatThrownBy(() -> silent.peerManager().peer("peer-a").orElseThrow().addAudioTrack(AudioEncoderConfig.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("peer peer-a: the connection has no audio m-line to send on (build the PeerManager "
                            + "or WebRtcTransport with audio(true))");
        assertThatThrownBy(() -> peer(a, "peer-silent").addAudioTrack(AudioEncoderConfig.defaults()))
                .hasMessageContaining("has no audio m-line");

        toB.addAudioTrack(AudioEncoderConfig.builder().channels(2).build());
        assertThatThrownBy(() -> toB.addAudioTrack(AudioEncoderConfig.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("peer peer-b has an audio track already (one per connection)");
        assertThatThrownBy(() -> a.sendAudio("peer-b", new short[961]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples: 961 (expected: a positive multiple of 2 channels, interleaved)");
        assertThatThrownBy(() -> a.sendAudio("peer-b", new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples: 0 (expected: a positive multiple of 2 channels, interleaved)");
        assertThatThrownBy(() -> a.broadcastAudio(new short[3], Set.of()))
                .as("a count wrong for one peer's track sends to none").isInstanceOf(IllegalArgumentException.class);
        a.sendAudio("peer-b", new short[1_920]); // 20 ms of stereo

        assertThat(a.disconnectPeer("peer-b")).isTrue();
        assertThatThrownBy(() -> toB.sendAudio(new short[1_920]))
                .isInstanceOf(IllegalStateException.class).hasMessage("peer peer-b is closed");
        assertThatThrownBy(() -> toB.addAudioTrack(AudioEncoderConfig.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessage("peer peer-b is closed");
        assertThatThrownBy(() -> a.sendAudio("peer-b", new short[1_920]))
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PEER_NOT_FOUND));
    }
}
