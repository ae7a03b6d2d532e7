package dev.remotemedia.rtc.pc;

import static dev.remotemedia.rtc.pc.LoopbackPeers.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.rtp.RtpPacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Offer/answer after the first: glare and rollback, the answerer re-offering, stopping an m-line. */
class RenegotiationTest {
    private final LoopbackPeers peers = new LoopbackPeers();

    @AfterEach
    void close() {
        peers.close();
    }

    private static void negotiate(RTCPeerConnection offerer, RTCPeerConnection answerer) {
        final RTCSessionDescription offer = get(offerer.createOffer());
        get(offerer.setLocalDescription(offer));
        get(answerer.setRemoteDescription(offer));
        final RTCSessionDescription answer = get(answerer.createAnswer());
        get(answerer.setLocalDescription(answer));
        get(offerer.setRemoteDescription(answer));
    }

    @Test
    void anOfferThatWasNeverAppliedChangesNothingAndACrossingOfferRollsOursBack() {
        final RTCPeerConnection a = peers.offerer;
        final RTCPeerConnection b = peers.answerer;
        a.addTrack(MediaStreamTrack.audio(AudioTrackSource.create()));
        a.createDataChannel("chat");
        get(a.createOffer()); // made, never applied
        assertThat(a.getTransceivers().get(0).mid()).as("createOffer assigns nothing").isNull();

        // Glare: A applies its offer, B's offer crosses it; A's is rolled back (perfect negotiation).
        get(a.setLocalDescription(get(a.createOffer())));
        assertThat(a.getTransceivers().get(0).mid()).isEqualTo("0");
        b.createDataChannel("from-b");
        final RTCSessionDescription offerFromB = get(b.createOffer());
        get(b.setLocalDescription(offerFromB));
        get(a.setRemoteDescription(offerFromB));
        assertThat(a.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_OFFER);
        get(a.setLocalDescription(get(a.createAnswer())));
        get(b.setRemoteDescription(a.localDescription()));
        assertThat(a.getTransceivers().get(0).mid()).as("A's audio waits for its next offer").isNull();

        // A's next offer carries the audio after B's data section, on a mid of its own.
        negotiate(a, b);
        assertThat(a.localDescription().sdp()).contains("m=application").contains("m=audio");
        assertThat(a.getTransceivers().get(0).mid()).isEqualTo("1");
        assertThat(a.getTransceivers().get(0).currentDirection()).as("B has nothing to send back")
                                                                 .isEqualTo(RTCRtpTransceiverDirection.SENDONLY);
    }

    @Test
    void rollbackRestoresTheStableDescriptions() {
        final RTCPeerConnection a = peers.offerer;
        a.createDataChannel("chat");
        peers.negotiate();
        final String stableLocal = a.localDescription().sdp();
        a.addTrack(MediaStreamTrack.audio(AudioTrackSource.create()));
        get(a.setLocalDescription(get(a.createOffer())));
        assertThat(a.localDescription().sdp()).contains("m=audio");
        get(a.setLocalDescription(new RTCSessionDescription(RTCSdpType.ROLLBACK, "")));
        assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(a.localDescription().sdp()).isEqualTo(stableLocal);
        assertThat(a.getTransceivers().get(0).mid()).isNull();
    }

    @Test
    void theAnswererCanReOfferAndTheDtlsRoleStays() {
        final RTCDataChannel channel = peers.offerer.createDataChannel("chat");
        final CompletableFuture<Void> open = new CompletableFuture<>();
        channel.onOpen(() -> open.complete(null));
        peers.negotiate();
        get(open);
        final String firstSetup = setupOf(peers.offerer.remoteDescription().sdp());

        // The answerer adds audio and offers (actpass); the first offerer's answer keeps its role.
        final AtomicInteger heard = new AtomicInteger();
        peers.offerer.onTrack(event -> event.receiver().addRtpListener(packet -> heard.incrementAndGet()));
        final RTCRtpSender sender = peers.answerer.addTrack(MediaStreamTrack.audio(AudioTrackSource.create()));
        negotiate(peers.answerer, peers.offerer);
        Await.until(() -> peers.answerer.core().srtpSession != null, "SRTP keys");
        assertThat(setupOf(peers.offerer.localDescription().sdp())).isEqualTo(firstSetup.equals("active")
                                                                              ? "passive" : "active");
        for (int i = 0; i < 5; i++) {
            sender.writeRtp(RtpPacket.builder().sequenceNumber(i).timestamp(960L * i).payload(new byte[] {0x78}).build());
        }
        Await.until(() -> heard.get() == 5, "audio on the re-offered m-line");
        assertThat(peers.offerer.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
    }

    /** The first offerer's DTLS role, from the setup attribute the other side answered with. */
    private static String setupOf(String sdp) {
        final int at = sdp.indexOf("a=setup:");
        return sdp.substring(at + 8, sdp.indexOf('\r', at));
    }

    @Test
    void stoppingATransceiverEndsItsMediaAtOnceAndRejectsItsMlineNext() {
        final AtomicInteger heard = new AtomicInteger();
        final CompletableFuture<RTCTrackEvent> track = new CompletableFuture<>();
        peers.answerer.onTrack(event -> {
            event.receiver().addRtpListener(packet -> heard.incrementAndGet());
            track.complete(event);
        });
        final RTCRtpSender sender = peers.offerer.addTrack(MediaStreamTrack.audio(AudioTrackSource.create()));
        peers.offerer.createDataChannel("chat");
        peers.negotiate();
        get(track);
        Await.until(() -> peers.offerer.core().srtpSession != null && peers.answerer.core().srtpSession != null,
                    "SRTP keys on both sides");
        sender.writeRtp(RtpPacket.builder().sequenceNumber(1).timestamp(960).payload(new byte[] {0x78}).build());
        Await.until(() -> heard.get() == 1, "the first packet");

        final CompletableFuture<Void> needed = new CompletableFuture<>();
        peers.offerer.onNegotiationNeeded(() -> needed.complete(null));
        final RTCRtpTransceiver transceiver = peers.offerer.getTransceivers().get(0);
        transceiver.stop();
        get(needed);
        final CompletableFuture<Boolean> sent = new CompletableFuture<>();
        peers.offerer.loop().post(() -> sent.complete(sender.sendOnLoop(
                RtpPacket.builder().sequenceNumber(2).timestamp(1920).payload(new byte[] {0x78}).build())));
        assertThat(get(sent)).as("a stopped sender sends nothing, before any renegotiation").isFalse();

        negotiate(peers.offerer, peers.answerer);
        assertThat(peers.offerer.localDescription().sdp()).contains("m=audio 0 ");
        assertThat(transceiver.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
        assertThat(peers.answerer.getTransceivers().get(0).isStopped()).isTrue();
        assertThat(get(track).track().readyState()).isEqualTo("ended");
        assertThat(heard.get()).isEqualTo(1);
    }
}
