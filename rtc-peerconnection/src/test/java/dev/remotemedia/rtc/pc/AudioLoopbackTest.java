package dev.remotemedia.rtc.pc;

import static dev.remotemedia.rtc.pc.LoopbackPeers.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.testing.AudioProbe;
import dev.remotemedia.testing.ToneGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Audio between two Java peers over real UDP on 127.0.0.1: PCM pushed into a track comes out of
 * the other side's sink, checked by content (the tone's frequency, no gaps, contiguous timestamps).
 */
class AudioLoopbackTest {
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

    /** Collects a remote track's frames; completes {@link #enough} once {@code millis} of audio came. */
    static final class Recorder implements AudioSink {
        private final double millis;
        final CompletableFuture<Void> enough = new CompletableFuture<>();
        private short[] pcm = new short[RATE * 2];
        private int length;
        int channels;
        /** Frames concealed after the first {@link #LEARNING_MILLIS}. */
        int concealedFrames;
        /** The jitter buffer learns a new path for its first two seconds (a start target, then a falling floor). */
        static final double LEARNING_MILLIS = 2_000;
        int timestampBreaks;
        final List<String> breaks = new ArrayList<>();
        private long nextTimestamp = -1;
        private double received;

        Recorder(double millis) {
            this.millis = millis;
        }

        @Override
        public synchronized void onFrame(AudioFrame frame) {
            channels = frame.channels();
            // The jitter buffer learns the path for its first two seconds (a start target, then a
            // falling floor, shedding the surplus); after that, a clean link gets next to no concealment.
            if (frame.concealed() && received >= LEARNING_MILLIS) {
                concealedFrames++;
            }
            // The jitter buffer stretches time by at most 15 ms a frame (and waits, concealing, when a
            // packet is late), and a frame's timestamp is where its first sample falls on the
            // sender's timeline to within a few ms: a step of more than 20 ms is a break.
            final int delta = (int) (frame.rtpTimestamp() - nextTimestamp);
            if (nextTimestamp >= 0 && received >= LEARNING_MILLIS && (delta > 960 || delta < -frame.samplesPerChannel())) {
                timestampBreaks++;
                breaks.add("after " + received + " ms: jumped " + ((frame.rtpTimestamp() - nextTimestamp) & 0xFFFF_FFFFL)
                           + " samples");
            }
            nextTimestamp = (frame.rtpTimestamp() + frame.samplesPerChannel()) & 0xFFFF_FFFFL;
            if (length + frame.samples().length > pcm.length) {
                pcm = java.util.Arrays.copyOf(pcm, Math.max(pcm.length * 2, length + frame.samples().length));
            }
            System.arraycopy(frame.samples(), 0, pcm, length, frame.samples().length);
            length += frame.samples().length;
            received += frame.durationMillis();
            if (received >= millis) {
                enough.complete(null);
            }
        }

        synchronized short[] pcm() {
            return java.util.Arrays.copyOf(pcm, length);
        }
    }

    /** Pushes {@code generator}'s tone into {@code source} in real time, {@code frameMillis} at a time. */
    private void play(AudioTrackSource source, ToneGenerator generator, int frameMillis) {
        final int frames = generator.sampleRate() * frameMillis / 1000;
        clock.scheduleAtFixedRate(() -> source.pushPcm(generator.next(frames), generator.sampleRate(),
                                                       generator.channels()),
                                  0, frameMillis, TimeUnit.MILLISECONDS);
    }

    private LoopbackPeers peers() {
        final LoopbackPeers peers = new LoopbackPeers();
        closeables.add(peers);
        return peers;
    }

    private static Recorder record(RTCPeerConnection connection, double millis) {
        final Recorder recorder = new Recorder(millis);
        connection.onTrack(event -> event.track().addSink(recorder));
        return recorder;
    }

    private static void assertTone(Recorder recorder, int channel, double frequency) {
        final short[] pcm = recorder.pcm();
        final int channels = recorder.channels;
        final int frames = pcm.length / channels;
        // The encoder's first frames ramp up, and the jitter buffer conceals while it learns the path.
        final int skip = (int) (RATE * Recorder.LEARNING_MILLIS / 1000);
        assertThat(frames - skip).isGreaterThan(RATE / 2);
        assertThat(AudioProbe.dominantFrequency(pcm, skip * channels, frames - skip, channels, channel, RATE))
                .isCloseTo(frequency, within(2.0));
        assertThat(AudioProbe.rmsDbfs(pcm, skip * channels, frames - skip, channels, channel)).isGreaterThan(-20.0);
        // Played on a real-time clock: a packet the machine delays (these tests share two cores with
        // the build) is concealed, never skipped. The bar for a lossy link: no gap over 60 ms.
        assertThat(AudioProbe.findGaps(pcm, skip * channels, frames - skip, channels, RATE, 200, 60.0)).isEmpty();
        // An adaptive buffer learns the path by waiting (concealing) when its first late packets
        // come; on a clean link that stays a small share (≤ 10 %, as scheduling on a busy machine adds some).
        assertThat(recorder.concealedFrames).as("frames made up on a clean link").isLessThanOrEqualTo(Math.max(3, frames / 480 / 10));
        assertThat(recorder.breaks).as("timestamps that did not follow on").isEmpty();
    }

    @Test
    void toneGoesBothWaysAtOnceAndComesOutAtItsFrequency() {
        final LoopbackPeers peers = peers();
        final AudioTrackSource offered = AudioTrackSource.create();
        final AudioTrackSource answered = AudioTrackSource.create();
        peers.offerer.addTrack(MediaStreamTrack.audio(offered), "stream-a");
        peers.answerer.addTrack(MediaStreamTrack.audio(answered), "stream-b");
        final Recorder atAnswerer = record(peers.answerer, 3_000);
        final Recorder atOfferer = record(peers.offerer, 3_000);
        peers.negotiate();
        play(offered, ToneGenerator.of(RATE, 0.5, 440), 20);
        play(answered, ToneGenerator.of(RATE, 0.5, 660), 20);

        get(atAnswerer.enough);
        get(atOfferer.enough);
        assertTone(atAnswerer, 0, 440);
        assertTone(atOfferer, 0, 660);
        assertThat(peers.offerer.getTransceivers()).singleElement().satisfies(transceiver -> {
            assertThat(transceiver.mid()).isEqualTo("0");
            assertThat(transceiver.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
        });
    }

    @Test
    void stereoKeepsEachChannelsTone() {
        final LoopbackPeers peers = peers();
        final AudioTrackSource source = AudioTrackSource.create(OpusConfig.builder().channels(2).bitrate(64_000).build());
        peers.offerer.addTrack(MediaStreamTrack.audio(source));
        final Recorder recorder = record(peers.answerer, 3_000);
        peers.negotiate();
        play(source, ToneGenerator.of(RATE, 0.4, 440, 1_000), 20);

        get(recorder.enough);
        assertThat(recorder.channels).isEqualTo(2);
        assertTone(recorder, 0, 440);
        assertTone(recorder, 1, 1_000);
    }

    @Test
    void tenMillisecondFramesAndAnyInputRateWork() {
        final LoopbackPeers peers = peers();
        final AudioTrackSource source = AudioTrackSource.create(OpusConfig.builder().channels(1).frameMillis(10).build());
        peers.offerer.addTrack(MediaStreamTrack.audio(source));
        final Recorder recorder = record(peers.answerer, 3_000);
        final AtomicInteger packets = new AtomicInteger();
        peers.answerer.onTrack(event -> {
            event.track().addSink(recorder);
            event.receiver().addRtpListener(packet -> packets.incrementAndGet());
        });
        peers.negotiate();
        play(source, ToneGenerator.of(16_000, 0.5, 440), 10); // 16 kHz in, resampled to 48 kHz

        get(recorder.enough);
        assertTone(recorder, 0, 440);
        final short[] pcm = recorder.pcm();
        assertThat(packets.get()).as("one packet per 10 ms frame").isGreaterThanOrEqualTo(pcm.length / 480 - 5);
    }

    @Test
    void audioAndADataChannelShareOneConnection() {
        final LoopbackPeers peers = peers();
        final AudioTrackSource source = AudioTrackSource.create();
        peers.offerer.addTrack(MediaStreamTrack.audio(source));
        final RTCDataChannel channel = peers.offerer.createDataChannel("chat");
        final CompletableFuture<String> echoed = new CompletableFuture<>();
        peers.answerer.onDataChannel(remote -> remote.onMessage(message -> remote.send("echo " + message.text())));
        channel.onMessage(message -> echoed.complete(message.text()));
        channel.onOpen(() -> channel.send("hello"));
        final Recorder recorder = record(peers.answerer, 3_000);
        peers.negotiate();
        play(source, ToneGenerator.of(RATE, 0.5, 523.25), 20);

        assertThat(get(echoed)).isEqualTo("echo hello");
        get(recorder.enough);
        assertTone(recorder, 0, 523.25);
        final String sdp = peers.offerer.localDescription().sdp();
        assertThat(sdp).contains("m=audio").contains("m=application").contains("a=group:BUNDLE 0 1");
    }

    @Test
    void renegotiationAddsAudioToADataOnlyConnectionAndRemovesIt() {
        final LoopbackPeers peers = peers();
        final RTCDataChannel channel = peers.offerer.createDataChannel("chat");
        final CompletableFuture<Void> open = new CompletableFuture<>();
        channel.onOpen(() -> open.complete(null));
        peers.negotiate();
        get(open);
        assertThat(peers.offerer.localDescription().sdp()).doesNotContain("m=audio");

        final CompletableFuture<Void> needed = new CompletableFuture<>();
        peers.offerer.onNegotiationNeeded(() -> needed.complete(null));
        final AudioTrackSource source = AudioTrackSource.create();
        final RTCRtpSender sender = peers.offerer.addTrack(MediaStreamTrack.audio(source));
        get(needed);
        final Recorder recorder = record(peers.answerer, 3_000);
        renegotiate(peers);
        play(source, ToneGenerator.of(RATE, 0.5, 440), 20);
        get(recorder.enough);
        assertTone(recorder, 0, 440);
        assertThat(channel.readyState()).isEqualTo(RTCDataChannelState.OPEN);

        peers.offerer.removeTrack(sender);
        renegotiate(peers);
        final RTCRtpTransceiver transceiver = peers.offerer.getTransceivers().get(0);
        assertThat(transceiver.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
        assertThat(peers.offerer.localDescription().sdp()).contains("a=recvonly");
        assertThat(peers.offerer.remoteDescription().sdp()).as("the answerer has nothing to send either")
                                                           .contains("a=inactive");
        assertThat(peers.answerer.getTransceivers().get(0).currentDirection())
                .isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
        assertThat(sender.track()).isNull();
        // An inactive m-line sends nothing, even packets written by hand.
        final CompletableFuture<Boolean> sent = new CompletableFuture<>();
        peers.offerer.loop().post(() -> sent.complete(sender.sendOnLoop(
                dev.remotemedia.rtc.rtp.RtpPacket.builder().payload(new byte[] {1, 2, 3}).build())));
        assertThat(get(sent)).isFalse();
        assertThat(channel.readyState()).isEqualTo(RTCDataChannelState.OPEN);
    }

    /** A second offer/answer on a connected pair (no new candidates: the transport stays). */
    private static void renegotiate(LoopbackPeers peers) {
        final RTCSessionDescription offer = get(peers.offerer.createOffer());
        get(peers.offerer.setLocalDescription(offer));
        get(peers.answerer.setRemoteDescription(offer));
        final RTCSessionDescription answer = get(peers.answerer.createAnswer());
        get(peers.answerer.setLocalDescription(answer));
        get(peers.offerer.setRemoteDescription(answer));
    }
}
