package dev.remotemedia.rtc.pc;

import static dev.remotemedia.rtc.pc.LoopbackPeers.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.testing.ToneGenerator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The W3C-shaped API's contracts: typed errors, no self-deadlock, listeners beside callbacks, stats. */
class PeerConnectionApiTest {
    private final LoopbackPeers peers = new LoopbackPeers();

    @AfterEach
    void close() {
        peers.close();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the future did not fail");
    }

    @Test
    void joiningTheConnectionsOwnFutureInsideItsCallbackThrowsInsteadOfDeadlocking() {
        final CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        peers.offerer.onSignalingStateChange(state -> {
            try {
                peers.offerer.createOffer().join();
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        get(peers.offerer.setLocalDescription(get(peers.offerer.createOffer())));
        assertThat(get(thrown)).isInstanceOf(InvalidStateError.class).hasMessageContaining("would deadlock");
        // Chaining works, and addTrack called inside a callback runs at once.
        final CompletableFuture<RTCRtpSender> added = new CompletableFuture<>();
        peers.answerer.onSignalingStateChange(state -> added.complete(
                peers.answerer.addTrack(MediaStreamTrack.audio(AudioTrackSource.create()))));
        get(peers.answerer.setRemoteDescription(peers.offerer.localDescription()));
        assertThat(get(added).track()).isNotNull();
    }

    @Test
    void failuresAreTypedW3cErrors() {
        final Throwable early = failure(peers.offerer.addIceCandidate(
                new RTCIceCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host", "0", 0, null)));
        assertThat(early).isInstanceOf(InvalidStateError.class).isInstanceOf(IllegalStateException.class);
        assertThat(((WebRtcError) early).errorName()).isEqualTo("InvalidStateError");

        final Throwable garbage = failure(peers.offerer.setRemoteDescription(
                new RTCSessionDescription(RTCSdpType.OFFER, "v=0\r\nthis is not sdp\r\n")));
        assertThat(garbage).isInstanceOf(OperationError.class).hasMessageStartingWith("OperationError: ");

        try (PeerConnectionFactory noVideo = PeerConnectionFactory.builder().eventLoops(1).videoCodecs(List.of()).build()) {
            final RTCPeerConnection connection = noVideo.createPeerConnection();
            assertThatThrownBy(() -> connection.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverInit.DEFAULT))
                    .isInstanceOf(NotSupportedError.class).hasMessageContaining("no video codec");
        }
        final MediaStreamTrack track = MediaStreamTrack.audio(AudioTrackSource.create());
        peers.offerer.addTrack(track);
        assertThatThrownBy(() -> peers.offerer.addTrack(track)).isInstanceOf(InvalidAccessError.class);

        peers.offerer.close();
        assertThat(failure(peers.offerer.createOffer())).isInstanceOf(InvalidStateError.class);
    }

    @Test
    void listenersStayWhenTheCallbackIsReplaced() {
        final List<RTCPeerConnectionState> heard = new CopyOnWriteArrayList<>();
        final List<RTCPeerConnectionState> byCallback = new CopyOnWriteArrayList<>();
        peers.answerer.addConnectionStateListener(heard::add);
        peers.answerer.onConnectionStateChange(byCallback::add);
        peers.answerer.onConnectionStateChange(null); // a user replacing "the" callback
        final CompletableFuture<RTCDataChannel> channel = new CompletableFuture<>();
        peers.answerer.addDataChannelListener(channel::complete);
        peers.offerer.createDataChannel("chat");
        peers.negotiate();
        get(channel);
        Await.until(() -> heard.contains(RTCPeerConnectionState.CONNECTED), "connected");
        assertThat(byCallback).isEmpty();
        assertThat(get(channel).label()).isEqualTo("chat");
    }

    @Test
    void setParametersCapsTheBitrateAndPausesTheSender() {
        final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            final AudioTrackSource source = AudioTrackSource.create();
            final RTCRtpSender sender = peers.offerer.addTrack(MediaStreamTrack.audio(source));
            final List<Integer> sizes = new CopyOnWriteArrayList<>();
            peers.answerer.onTrack(event -> event.receiver().addRtpListener(p -> sizes.add(p.payload().length())));
            peers.negotiate();
            final java.util.Random noise = new java.util.Random(7); // noise keeps a VBR encoder at its target
            clock.scheduleAtFixedRate(() -> {
                final short[] block = new short[960];
                for (int i = 0; i < block.length; i++) {
                    block[i] = (short) (noise.nextGaussian() * 4000);
                }
                source.pushPcm(block, 48_000, 1);
            }, 0, 20, TimeUnit.MILLISECONDS);
            Await.until(() -> sizes.size() >= 60, "60 packets at the source's 32 kb/s");
            final double before = average(sizes.subList(10, 60));

            final RTCRtpSendParameters parameters = sender.getParameters();
            assertThat(parameters.codecs()).singleElement()
                                           .satisfies(codec -> assertThat(codec.mimeType()).isEqualTo("audio/opus"));
            assertThatThrownBy(() -> sender.setParameters(
                    new RTCRtpSendParameters("stale", parameters.encodings(), parameters.codecs())))
                    .isInstanceOf(InvalidModificationError.class);
            sender.setParameters(parameters.withMaxBitrate(12_000));
            final int from = sizes.size() + 10;
            Await.until(() -> sizes.size() >= from + 50, "50 packets at 12 kb/s");
            final double after = average(sizes.subList(from, from + 50));
            assertThat(after).as("bytes a packet at 12 kb/s, against %.1f at 32 kb/s", before)
                             .isLessThan(before * 0.6).isGreaterThan(15);

            sender.setParameters(sender.getParameters().withActive(false));
            final CompletableFuture<Boolean> sent = new CompletableFuture<>();
            peers.offerer.loop().post(() -> sent.complete(sender.sendOnLoop(
                    dev.remotemedia.rtc.rtp.RtpPacket.builder().payload(new byte[] {0x78}).build())));
            assertThat(get(sent)).as("an inactive encoding sends nothing").isFalse();
        } finally {
            clock.shutdownNow();
        }
    }

    private static double average(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    @Test
    void statsShowBothDirectionsAndTheRoundTripTimeFromRtcpReports() {
        final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            final AudioTrackSource a = AudioTrackSource.create();
            final AudioTrackSource b = AudioTrackSource.create();
            peers.offerer.addTrack(MediaStreamTrack.audio(a));
            peers.answerer.addTrack(MediaStreamTrack.audio(b));
            peers.negotiate();
            final ToneGenerator tone = ToneGenerator.of(48_000, 0.3, 440);
            clock.scheduleAtFixedRate(() -> {
                final short[] block = tone.next(960);
                a.pushPcm(block, 48_000, 1);
                b.pushPcm(block, 48_000, 1);
            }, 0, 20, TimeUnit.MILLISECONDS);

            Await.until(() -> !get(peers.offerer.getStats()).ofType("remote-inbound-rtp").isEmpty()
                              && get(peers.offerer.getStats()).ofType("remote-inbound-rtp").get(0)
                                                              .get("roundTripTime") != null,
                        "an RR or SR with LSR/DLSR from the answerer");
            final RTCStatsReport report = get(peers.offerer.getStats());
            final RTCStats remoteInbound = report.ofType("remote-inbound-rtp").get(0);
            assertThat(remoteInbound.getDouble("roundTripTime", -1)).isBetween(0.0, 0.5);
            assertThat(remoteInbound.getLong("packetsLost", -1)).isZero();
            final RTCStats outbound = report.ofType("outbound-rtp").get(0);
            assertThat(outbound.getLong("packetsSent", 0)).isPositive();
            assertThat(outbound.get("kind")).isEqualTo("audio");
            final RTCStats codec = report.get((String) outbound.get("codecId"));
            assertThat(codec.get("mimeType")).isEqualTo("audio/opus");
            assertThat(codec.getLong("clockRate", 0)).isEqualTo(48_000);
            final RTCStats inbound = report.ofType("inbound-rtp").get(0);
            assertThat(inbound.getLong("packetsReceived", 0)).isPositive();
            assertThat(inbound.getLong("packetsLost", -1)).isZero();
            assertThat(report.ofType("transport").get(0).get("dtlsState")).isEqualTo("connected");
            assertThat(report.ofType("transport").get(0).get("srtpCipher")).isEqualTo("AEAD_AES_128_GCM");
            assertThat(report.ofType("candidate-pair")).hasSize(1);
            Await.until(() -> !get(peers.answerer.getStats()).ofType("remote-outbound-rtp").isEmpty(),
                        "a sender report at the answerer");
            final RTCStats remoteOutbound = get(peers.answerer.getStats()).ofType("remote-outbound-rtp").get(0);
            assertThat(remoteOutbound.getLong("packetsSent", 0)).isPositive();
            assertThat(remoteOutbound.getDouble("remoteTimestamp", 0))
                    .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000.0));
        } finally {
            clock.shutdownNow();
        }
    }
}
