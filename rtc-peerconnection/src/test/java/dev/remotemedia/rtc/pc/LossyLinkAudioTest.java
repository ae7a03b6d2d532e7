package dev.remotemedia.rtc.pc;

import static dev.remotemedia.rtc.pc.LoopbackPeers.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.testing.AudioProbe;
import dev.remotemedia.testing.ImpairingUdpRelay;
import dev.remotemedia.testing.ToneGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Audio through an impairing relay (10 % loss and 40 ms jitter each way, issue 11), over real UDP:
 * the adaptive jitter buffer keeps the tone playing — concealment is counted, the delay grows to
 * what the path needs, and no gap is longer than 60 ms.
 */
class LossyLinkAudioTest {
    private static final int RATE = 48_000;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        clock.shutdownNow();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void aToneThroughTenPercentLossAndFortyMillisecondJitterPlaysWithoutAGapOverSixtyMilliseconds() {
        final LoopbackPeers peers = new LoopbackPeers(Duration.ofSeconds(10)); // the default 100 ms ceiling
        closeables.add(0, peers);
        final List<ImpairingUdpRelay> relays = peers.throughRelays(0.10, 40, 100);
        final AudioTrackSource source = AudioTrackSource.create();
        peers.offerer.addTransceiver(MediaStreamTrack.audio(source),
                                     RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY));
        final CompletableFuture<MediaStreamTrack> remote = new CompletableFuture<>();
        peers.answerer.onTrack(event -> remote.complete(event.track()));
        peers.negotiate();
        final int frames = RATE / 50;
        final ToneGenerator tone = ToneGenerator.of(RATE, 0.5, 440);
        clock.scheduleAtFixedRate(() -> source.pushPcm(tone.next(frames), RATE, 1), 0, 20, TimeUnit.MILLISECONDS);

        // A clean start (ICE and DTLS over the relays), then the impairment for four seconds of audio.
        final AudioLoopbackTest.Recorder warmUp = new AudioLoopbackTest.Recorder(300);
        get(remote).addSink(warmUp);
        get(warmUp.enough);
        assertThat(relays).isNotEmpty();
        relays.forEach(r -> r.impair(true));
        final AudioLoopbackTest.Recorder lossy = new AudioLoopbackTest.Recorder(4_000);
        get(remote).addSink(lossy);
        get(lossy.enough);
        final RTCStats inbound = get(peers.answerer.getStats()).ofType("inbound-rtp").get(0);
        get(remote).removeSink(lossy);

        final short[] pcm = lossy.pcm();
        final int skip = RATE / 2; // the buffer adapts to the new path first
        assertThat(AudioProbe.dominantFrequency(pcm, skip, pcm.length - skip, 1, 0, RATE)).isCloseTo(440.0, within(2.0));
        assertThat(AudioProbe.findGaps(pcm, skip, pcm.length - skip, 1, RATE, 200, 60.0)).as("gaps over 60 ms; %s", inbound).isEmpty();
        final long dropped = relays.stream().mapToLong(ImpairingUdpRelay::dropped).sum();
        assertThat(dropped).as("datagrams the relays dropped").isPositive();
        assertThat(inbound.getLong("packetsLost", 0)).isPositive();
        assertThat(inbound.getLong("concealedSamples", 0)).as("concealment counted").isPositive();
        // The buffer waited for the jittery path: its mean delay is well above a clean link's few ms.
        final double meanDelayMillis = inbound.getDouble("jitterBufferDelay", 0) / inbound.getLong("jitterBufferEmittedCount", 1) * 1e3;
        assertThat(meanDelayMillis).as("mean jitter-buffer delay (ms)").isBetween(20.0, 400.0);
        // It played continuously: concealment is a minority of what came out.
        assertThat((double) inbound.getLong("concealedSamples", 0) / inbound.getLong("totalSamplesReceived", 1)).isLessThan(0.3);
    }
}
