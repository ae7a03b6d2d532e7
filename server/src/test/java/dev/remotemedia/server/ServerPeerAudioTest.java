package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.ControlData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.rtc.pc.AudioTrackSource;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.testing.AudioProbe;
import dev.remotemedia.testing.ToneGenerator;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.peer.ServerPeer;
import dev.remotemedia.transport.peer.ServerPeerAudioStats;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ServerPeer audio through pipelines (DESIGN.md §5.6), with Java clients over real UDP on
 * 127.0.0.1 and real Opus: what comes back is checked by frequency and measured level.
 */
class ServerPeerAudioTest {
    private static final int RATE = 48_000;
    private static final double AMPLITUDE = 0.5; // a sine of 0.5 is -9.03 dBFS RMS

    @TempDir
    static Path manifests;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final ScheduledExecutorService players = Executors.newScheduledThreadPool(2);
    private RemoteMediaServer server;

    @BeforeEach
    void setUp() throws Exception {
        // Input takes 16 kHz mono; the mixer fails the session on anything else, so audio that gets
        // through proves the ServerPeer resampled and mixed the client's 48 kHz track.
        Files.writeString(manifests.resolve("strict16k.yaml"), """
                version: v1
                metadata: { name: strict16k, description: 16 kHz mono only. }
                nodes:
                  - { id: input,  node_type: Input, params: { sample_rate: 16000, channels: 1 } }
                  - { id: mix,    node_type: AudioMixer, params: { sample_rate: 16000, channels: 1, max_wait_ms: 0 } }
                  - { id: output, node_type: Output }
                connections:
                  - { from: input, to: mix }
                  - { from: mix,   to: output }
                """);
        Files.writeString(manifests.resolve("tone192k.yaml"), """
                version: v1
                metadata: { name: tone192k, description: A tone at a rate no audio track carries. }
                nodes:
                  - { id: input,  node_type: Input }
                  - { id: tone,   node_type: ToneGenerator, params: { sample_rate: 192000 } }
                  - { id: output, node_type: Output }
                connections:
                  - { from: input, to: output }
                  - { from: tone,  to: output }
                """);
        final WebRtcTransportConfig config = WebRtcTransportConfig.builder().httpPort(0).udpPort(0).maxPeers(20)
                                                                  .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                                                  .manifestsDir(manifests).build();
        server = RemoteMediaServer.start(config, ServerMode.SERVER, PipelineCatalog.load(config));
    }

    @AfterEach
    void tearDown() throws Exception {
        players.shutdownNow();
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
        assertThat(server.shutDown(Duration.ofSeconds(3))).isTrue();
    }

    /** A client with a factory (so a UDP port) of its own, as two browsers would have. */
    private JavaServerPeerClient client(String peerId, boolean channels) throws Exception {
        final PeerConnectionFactory clients = PeerConnectionFactory.builder()
                .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                .eventLoops(1)
                .build();
        closeAfter.add(clients);
        final JavaServerPeerClient client = new JavaServerPeerClient(
                URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), peerId, "remotemedia-server", clients,
                channels, true);
        closeAfter.add(client);
        return client;
    }

    /** Pushes {@code frequency} Hz to {@code source}, {@code speed} × 20 ms every 20 ms. */
    private java.util.concurrent.ScheduledFuture<?> play(AudioTrackSource source, double frequency, int speed) {
        final ToneGenerator tone = ToneGenerator.of(RATE, AMPLITUDE, frequency);
        return players.scheduleAtFixedRate(() -> source.pushPcm(tone.next(960 * speed), RATE, 1), 0, 20,
                                    TimeUnit.MILLISECONDS);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JavaServerPeerClient.TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10); // polls a condition set by media threads; the deadline is the wait
        }
    }

    /**
     * The last second of what {@code client} heard, mono, once it heard {@code seconds} in all;
     * frames the receiver's jitter buffer made up (concealment) are left out.
     */
    /**
     * The last second of what came back once {@code seconds} of it came, concealment left out. Level
     * checks wait four seconds or more: both jitter buffers on the way (the server's, then the
     * client's) learn their path for two seconds, shedding their start target meanwhile.
     */
    private static short[] lastSecondHeard(JavaServerPeerClient client, double seconds) throws InterruptedException {
        await(() -> heardMillis(client) >= seconds * 1000, seconds + " s of audio back");
        final List<AudioFrame> frames = client.heard.stream().filter(f -> !f.concealed()).toList();
        final short[] pcm = new short[RATE];
        int at = pcm.length;
        for (int i = frames.size() - 1; i >= 0 && at > 0; i--) {
            final AudioFrame f = frames.get(i);
            for (int s = f.samplesPerChannel() - 1; s >= 0 && at > 0; s--) {
                pcm[--at] = f.samples()[s * f.channels()];
            }
        }
        return pcm;
    }

    private static double heardMillis(JavaServerPeerClient client) {
        return client.heard.stream().mapToDouble(AudioFrame::durationMillis).sum();
    }

    private ServerPeer serverPeer(String peerId) throws InterruptedException {
        await(() -> server.serverPeers().peer(peerId).isPresent(), "the ServerPeer of " + peerId);
        return server.serverPeers().peer(peerId).orElseThrow();
    }

    private static ControlData nextControl(JavaServerPeerClient client) throws InterruptedException {
        while (true) {
            final RuntimeData data = client.nextReply();
            if (data instanceof ControlData control) {
                return control;
            }
        }
    }

    @Test
    void loopbackWithoutADataChannelSendsTheClientsToneBackAtItsLevel() throws Exception {
        final JavaServerPeerClient client = client("audio-only", false);
        client.connect("loopback");
        assertThat(client.pc.localDescription().sdp()).doesNotContain("m=application");
        assertThat(client.pc.remoteDescription().sdp()).contains("a=sendrecv");
        play(client.microphone, 440, 1);

        final short[] pcm = lastSecondHeard(client, 4.0);
        assertThat(AudioProbe.dominantFrequency(pcm, RATE)).isCloseTo(440, within(2.0));
        assertThat(AudioProbe.rmsDbfs(pcm, 0, pcm.length, 1, 0)).isCloseTo(-9.03, within(1.5));
        final ServerPeerAudioStats stats = serverPeer("audio-only").audioStats();
        assertThat(stats.framesIn()).isPositive();
        assertThat(stats.framesOut()).isPositive();
        assertThat(stats.framesOverRate()).isZero();
        assertThat(stats.framesRejected()).isZero();
    }

    @Test
    void gainComesBackSixDecibelsQuieterThanLoopbackBesideTheRemotemediaChannel() throws Exception {
        final JavaServerPeerClient loud = client("loud", true);
        final JavaServerPeerClient quiet = client("quiet", true);
        loud.connect("loopback");
        quiet.connect("gain");
        play(loud.microphone, 523, 1);
        play(quiet.microphone, 523, 1);

        final double loudDb = AudioProbe.rmsDbfs(lastSecondHeard(loud, 4.5), 0, RATE, 1, 0);
        final short[] quietPcm = lastSecondHeard(quiet, 4.5);
        assertThat(AudioProbe.dominantFrequency(quietPcm, RATE)).isCloseTo(523, within(2.0));
        assertThat(AudioProbe.rmsDbfs(quietPcm, 0, RATE, 1, 0) - loudDb).isCloseTo(-6.0, within(1.0));
        // The channel beside the audio still carries the pipeline's other data.
        quiet.send(TextData.of("beside the audio"));
        assertThat(quiet.nextReply()).isEqualTo(TextData.of("beside the audio"));
    }

    @Test
    void trackAudioIsResampledToTheInputsRateAndAudioOfAnotherFormatIsReportedNotFatal() throws Exception {
        final JavaServerPeerClient client = client("strict", true);
        client.connect("strict16k");
        play(client.microphone, 440, 1);
        final short[] pcm = lastSecondHeard(client, 4.0);
        assertThat(AudioProbe.dominantFrequency(pcm, RATE)).isCloseTo(440, within(2.0));

        client.send(AudioData.of(new float[882], 44_100, 2, 0)); // 10 ms of 44.1 kHz stereo
        final ControlData error = nextControl(client);
        assertThat(error.controlKind()).isEqualTo("error");
        assertThat(error.payloadJson()).contains("audio of 44100 Hz, 2 channels dropped: the pipeline takes 16000 Hz, mono");
        client.send(AudioData.of(new float[882], 44_100, 2, 0)); // the same again: counted, not reported again
        client.send(TextData.of("still running"));
        assertThat(client.nextReply()).isEqualTo(TextData.of("still running"));
        final int before = client.heard.size();
        await(() -> client.heard.size() > before + 25, "more audio after the bad input");
        final ServerPeer peer = serverPeer("strict");
        assertThat(peer.audioStats().framesRejected()).isEqualTo(2);
        assertThat(peer.isClosed()).isFalse();
    }

    @Test
    void pipelineAudioTheTrackCannotCarryIsReportedAndTheSessionGoesOn() throws Exception {
        final JavaServerPeerClient client = client("hi-rate", true);
        client.connect("tone192k");
        final ControlData error = nextControl(client);
        assertThat(error.controlKind()).isEqualTo("error");
        assertThat(error.payloadJson()).contains("pipeline audio of 192000 Hz, 1 channels cannot be sent on the audio track");
        client.send(TextData.of("still running"));
        await(() -> client.received.stream().anyMatch(d -> d.equals(TextData.of("still running"))), "the echo");
        assertThat(client.heard).isEmpty(); // nothing was sent on the track rather than garbage
        assertThat(serverPeer("hi-rate").audioStats().framesOutRejected()).isPositive();
    }

    @Test
    void aClientSendingTenTimesRealTimeIsHeldToRealTimeWhileAnotherKeepsItsOwn() throws Exception {
        final JavaServerPeerClient fast = client("fast", false);
        final JavaServerPeerClient steady = client("steady", false);
        fast.connect("loopback");
        steady.connect("loopback");
        play(steady.microphone, 660, 1);
        lastSecondHeard(steady, 0.5); // media flows
        // The steady client's pace on this machine before the flood, as the baseline.
        final ServerPeer steadyPeer = serverPeer("steady");
        final long baseStart = System.nanoTime();
        final long baseMillis = steadyPeer.audioStats().millisIn();
        await(() -> System.nanoTime() - baseStart > TimeUnit.SECONDS.toNanos(2), "two seconds of the steady client");
        final double baseRate = (steadyPeer.audioStats().millisIn() - baseMillis) / ((System.nanoTime() - baseStart) / 1e6);
        final long start = System.nanoTime();
        final long steadyBefore = steadyPeer.audioStats().millisIn();
        final var fastPlayer = play(fast.microphone, 880, 10);
        final ServerPeer fastPeer = serverPeer("fast");
        await(() -> System.nanoTime() - start > TimeUnit.SECONDS.toNanos(3), "three seconds of the fast client");
        final double elapsedMs = (System.nanoTime() - start) / 1e6;
        final ServerPeerAudioStats stats = fastPeer.audioStats();
        // What reached its pipeline is real time plus the allowed burst, no more.
        assertThat((double) stats.millisIn()).isLessThanOrEqualTo(elapsedMs + 500 + 100);
        // The client did send several times real time (the server received it), and the excess was
        // dropped and counted: by the stack's jitter buffer (packetsDiscarded) before it was
        // decoded, or by the ServerPeer (framesOverRate) when frames came faster than real time.
        final var inbound = fastPeer.connection().getStats().get(10, TimeUnit.SECONDS).ofType("inbound-rtp").get(0);
        assertThat(inbound.getLong("packetsReceived", -1) * 20).isGreaterThan(3 * stats.millisIn());
        assertThat(stats.framesOverRate() + inbound.getLong("packetsDiscarded", 0)).isPositive();
        assertThat(fastPeer.session().metrics().inputQueueDepth()).isLessThan(10);
        // The flood did not slow the server's handling of the other client (against its own pace
        // before, which a loaded machine already bends), and it stayed its own tone.
        final double steadyRate = (steadyPeer.audioStats().millisIn() - steadyBefore) / elapsedMs;
        assertThat(steadyRate).as("the steady client's audio per wall-clock ms, during the flood (before: %.2f)", baseRate)
                              .isGreaterThan(0.8 * baseRate);
        assertThat(AudioProbe.dominantFrequency(lastSecondHeard(steady, 0), RATE)).isCloseTo(660, within(2.0));

        // The fast client stops sending: nothing piles up for it, and what its pipeline gets from
        // now on (concealment, if the receiver makes any) is no more than real time.
        fastPlayer.cancel(false);
        final long stoppedAt = System.nanoTime();
        final long millisAtStop = fastPeer.audioStats().millisIn();
        await(() -> System.nanoTime() - stoppedAt > TimeUnit.SECONDS.toNanos(2), "two seconds after it stopped");
        final double sinceStopMs = (System.nanoTime() - stoppedAt) / 1e6;
        assertThat((double) (fastPeer.audioStats().millisIn() - millisAtStop)).isLessThanOrEqualTo(sinceStopMs + 100);
        assertThat(fastPeer.session().metrics().inputQueueDepth()).isLessThan(10);
        assertThat(fastPeer.isClosed()).isFalse();
    }
}
