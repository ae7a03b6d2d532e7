package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Java↔Java over real UDP on 127.0.0.1: ICE, DTLS, SCTP and data channels end to end. */
class PeerConnectionLoopbackTest {

    @Test
    void connectsAndEchoesTextAndBinaryMessagesByContent() throws Exception {
        try (LoopbackPeers peers = new LoopbackPeers()) {
            final CompletableFuture<RTCPeerConnectionState> connected = new CompletableFuture<>();
            peers.offerer.onConnectionStateChange(state -> {
                if (state == RTCPeerConnectionState.CONNECTED) {
                    connected.complete(state);
                }
            });
            peers.answerer.onDataChannel(channel -> channel.onMessage(message -> {
                if (message.binary()) {
                    channel.send(message.data());
                } else {
                    channel.send(message.text());
                }
            }));
            final RTCDataChannel channel = peers.offerer.createDataChannel("echo");
            final CompletableFuture<Void> open = new CompletableFuture<>();
            channel.onOpen(() -> open.complete(null));
            final List<RTCDataChannelMessage> received = Collections.synchronizedList(new ArrayList<>());
            final int[] sizes = {1, 100, 1_199, 1_200, 16_384, 65_536, 262_144};
            final CountDownLatch all = new CountDownLatch(2 + sizes.length);
            channel.onMessage(message -> {
                received.add(message);
                all.countDown();
            });

            peers.negotiate();
            LoopbackPeers.get(connected);
            LoopbackPeers.get(open);
            assertThat(channel.id()).isEqualTo(1); // the answerer is the DTLS client: even ids are its, odd ours
            assertThat(peers.offerer.iceConnectionState()).isIn(RTCIceConnectionState.CONNECTED,
                                                                RTCIceConnectionState.COMPLETED);

            final Random random = new Random(3);
            final List<byte[]> binaries = new ArrayList<>();
            channel.send("hello");
            channel.send("Grüße 🎧");
            for (int size : sizes) {
                final byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                binaries.add(bytes);
                channel.send(bytes);
            }
            assertThat(all.await(LoopbackPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(received.get(0).text()).isEqualTo("hello");
            assertThat(received.get(0).binary()).isFalse();
            assertThat(received.get(1).data()).isEqualTo("Grüße 🎧".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < sizes.length; i++) {
                assertThat(received.get(2 + i).binary()).isTrue();
                assertThat(received.get(2 + i).data()).as("message of %d bytes", sizes[i]).isEqualTo(binaries.get(i));
            }
        }
    }

    @Test
    void keepsTheClientHelloThatArrivesBeforeTheAnswerIsApplied() {
        try (LoopbackPeers peers = new LoopbackPeers()) {
            final RTCDataChannel channel = peers.offerer.createDataChannel("early");
            final CompletableFuture<Void> open = new CompletableFuture<>();
            channel.onOpen(() -> open.complete(null));

            // The answerer, ICE controlled and DTLS client, checks the offerer's candidate, is
            // connected on that valid pair and sends its ClientHello: before the offerer knows the
            // answer, so before it even knows its own DTLS role.
            final RTCSessionDescription answer = peers.offerAndAnswer();
            LoopbackPeers.get(peers.offerer.earlyDatagramKept());
            assertThat(peers.offerer.connectionState()).isEqualTo(RTCPeerConnectionState.NEW);

            peers.applyAnswer(answer);
            LoopbackPeers.get(open);
            assertThat(peers.offerer.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
        }
    }

    @Test
    void aWrongFingerprintFailsTheConnectionAndNoDataFlows() throws Exception {
        try (LoopbackPeers peers = new LoopbackPeers()) {
            final CompletableFuture<RTCPeerConnectionState> failed = new CompletableFuture<>();
            peers.offerer.onConnectionStateChange(state -> {
                if (state == RTCPeerConnectionState.FAILED) {
                    failed.complete(state);
                }
            });
            final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
            peers.answerer.onDataChannel(channel -> channel.onMessage(m -> delivered.add(m.text())));
            final RTCDataChannel channel = peers.offerer.createDataChannel("never");
            final CompletableFuture<Void> opened = new CompletableFuture<>();
            channel.onOpen(() -> opened.complete(null));

            // Flip one hex digit of the answerer's fingerprint as the offerer sees it.
            peers.negotiate(sdp -> sdp.replaceFirst("(a=fingerprint:sha-256 )(.)", "$1" + "0")
                                      .equals(sdp) ? sdp.replaceFirst("(a=fingerprint:sha-256 )(.)", "$1" + "1")
                                                   : sdp.replaceFirst("(a=fingerprint:sha-256 )(.)", "$1" + "0"));
            assertThat(LoopbackPeers.get(failed)).isEqualTo(RTCPeerConnectionState.FAILED);
            assertThat(opened).isNotDone();
            assertThat(channel.readyState()).isNotEqualTo(RTCDataChannelState.OPEN);
            assertThat(delivered).isEmpty();
        }
    }

    @Test
    void candidatesBeforeTheRemoteDescriptionAreRefusedAsW3cSays() {
        try (LoopbackPeers peers = new LoopbackPeers()) {
            final CompletableFuture<Void> added = peers.answerer.addIceCandidate(
                    new RTCIceCandidate("candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host", "0", 0, null));
            assertThat(added).failsWithin(LoopbackPeers.TIMEOUT)
                             .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                             .withMessageContaining("InvalidStateError: addIceCandidate needs a remote description first");
        }
    }

    @Test
    void closingFreesTheConnectionAndStopsCallbacks() {
        try (LoopbackPeers peers = new LoopbackPeers()) {
            peers.negotiate();
            peers.offerer.close();
            assertThat(peers.offerer.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
            assertThat(peers.offerer.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
            assertThat(peers.offererFactory.connectionCount()).isZero();
            peers.offerer.close(); // twice is fine
        }
    }
}
