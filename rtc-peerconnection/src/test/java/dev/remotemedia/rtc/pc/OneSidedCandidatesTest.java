package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.transport.ice.IceConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When one side's candidates never reach the other (a lossy or one-way signaling path), ICE still
 * connects: the side without remote candidates learns the other from its checks (a peer-reflexive
 * candidate, RFC 8445 §7.3.1.3) and answers with a triggered check.
 */
class OneSidedCandidatesTest {

    private static final long TIMEOUT_SECONDS = 20;

    @Test
    void anOffererThatGetsNoCandidatesConnectsThroughPeerReflexiveDiscovery() throws Exception {
        connectWithCandidatesOnlyTo(true);
    }

    @Test
    void anAnswererThatGetsNoCandidatesConnectsThroughPeerReflexiveDiscovery() throws Exception {
        connectWithCandidatesOnlyTo(false);
    }

    private static void connectWithCandidatesOnlyTo(boolean answererGetsCandidates) throws Exception {
        IceConfig ice = IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                                 .iceTimeout(Duration.ofSeconds(10)).build();
        try (PeerConnectionFactory fo = PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1).build();
             PeerConnectionFactory fa = PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1).build()) {
            RTCPeerConnection offerer = fo.createPeerConnection();
            RTCPeerConnection answerer = fa.createPeerConnection();
            List<RTCIceCandidate> fromOfferer = new ArrayList<>();
            List<RTCIceCandidate> fromAnswerer = new ArrayList<>();
            offerer.onIceCandidate(c -> { synchronized (fromOfferer) { fromOfferer.add(c); } });
            answerer.onIceCandidate(c -> { synchronized (fromAnswerer) { fromAnswerer.add(c); } });
            RTCDataChannel channel = offerer.createDataChannel("one-sided");
            CompletableFuture<String> echoed = new CompletableFuture<>();
            answerer.onDataChannel(dc -> dc.onMessage(m -> dc.send(m.text())));
            channel.onOpen(() -> channel.send("ping"));
            channel.onMessage(m -> echoed.complete(m.text()));

            RTCSessionDescription offer = offerer.createOffer().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            offerer.setLocalDescription(offer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            answerer.setRemoteDescription(offer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            RTCSessionDescription answer = answerer.createAnswer().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            answerer.setLocalDescription(answer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            offerer.setRemoteDescription(answer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // Only one direction of trickle arrives; the other side's candidates are lost.
            if (answererGetsCandidates) {
                synchronized (fromOfferer) { fromOfferer.forEach(answerer::addIceCandidate); }
                offerer.onIceCandidate(answerer::addIceCandidate);
            } else {
                synchronized (fromAnswerer) { fromAnswerer.forEach(offerer::addIceCandidate); }
                answerer.onIceCandidate(offerer::addIceCandidate);
            }

            assertThat(echoed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("ping");
        }
    }
}
