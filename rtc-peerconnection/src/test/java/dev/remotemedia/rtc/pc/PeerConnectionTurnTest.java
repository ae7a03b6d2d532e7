package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.testing.TurnServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java↔Java through a real TURN server (coturn on 127.0.0.1) with {@code iceTransportPolicy: relay}. */
class PeerConnectionTurnTest {

    private static TurnServerProcess turn;

    @BeforeAll
    static void startTurnServer() {
        turn = TurnServerProcess.start("bob", "turn-Pa55word");
    }

    @AfterAll
    static void stopTurnServer() {
        if (turn != null) {
            turn.close();
        }
    }

    private static UnaryOperator<PeerConnectionFactory.Builder> relayOnly(String password) {
        return b -> b.iceServers(List.of(RTCIceServer.turn(turn.url(), turn.username(), password)))
                     .iceTransportPolicy(RTCIceTransportPolicy.RELAY);
    }

    @Test
    void relayOnlyPeersConnectThroughTheTurnServerAndExchangeMessagesBothWays() throws Exception {
        final long deallocationsBefore = deallocations();
        try (LoopbackPeers peers = new LoopbackPeers(Duration.ofSeconds(10), relayOnly(turn.password()))) {
            final RTCPeerConnection offerer = peers.offerer;
            final RTCPeerConnection answerer = peers.answerer;
            final CompletableFuture<Void> connected = new CompletableFuture<>();
            answerer.onConnectionStateChange(state -> {
                if (state == RTCPeerConnectionState.CONNECTED) {
                    connected.complete(null);
                }
            });
            final BlockingQueue<String> atAnswerer = new LinkedBlockingQueue<>();
            answerer.onDataChannel(channel -> channel.onMessage(m -> {
                atAnswerer.add(m.text());
                channel.send("echo: " + m.text());
            }));
            final RTCDataChannel channel = offerer.createDataChannel("through-turn");
            final BlockingQueue<String> atOfferer = new LinkedBlockingQueue<>();
            channel.onMessage(m -> atOfferer.add(m.text()));
            final CompletableFuture<Void> open = new CompletableFuture<>();
            channel.onOpen(() -> open.complete(null));

            peers.negotiate();
            LoopbackPeers.get(connected);
            LoopbackPeers.get(open);

            for (int i = 0; i < 20; i++) {
                channel.send("message " + i);
                assertThat(atAnswerer.poll(10, TimeUnit.SECONDS)).isEqualTo("message " + i);
                assertThat(atOfferer.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: message " + i);
            }
            assertThat(peers.offererCandidates).filteredOn(c -> !c.isEmpty()).isNotEmpty()
                                .allMatch(c -> c.contains(" typ relay "), "a relayed candidate");
            for (RTCPeerConnection pc : List.of(offerer, answerer)) {
                final RTCIceCandidatePair pair = pc.getSelectedCandidatePair();
                assertThat(pair).as("selected pair of %s", pc).isNotNull();
                assertThat(pair.local().candidate()).contains(" typ relay ");
                assertThat(pair.remote().candidate()).contains(" typ relay");
            }
        }
        // Closing both factories deleted both allocations (Refresh with LIFETIME 0).
        turn.awaitLogLines(PeerConnectionTurnTest::deallocation, (int) deallocationsBefore + 2, Duration.ofSeconds(10));
    }

    @Test
    void aRejectedTurnCredentialReportsAnIceCandidateErrorAndFailsTheConnection() {
        try (LoopbackPeers peers = new LoopbackPeers(Duration.ofSeconds(10), relayOnly("wrong-password"))) {
            final CompletableFuture<RTCPeerConnectionIceErrorEvent> error = new CompletableFuture<>();
            peers.offerer.onIceCandidateError(error::complete);
            final CompletableFuture<Void> failed = new CompletableFuture<>();
            peers.offerer.onConnectionStateChange(state -> {
                if (state == RTCPeerConnectionState.FAILED) {
                    failed.complete(null);
                }
            });
            final List<String> signaled = Collections.synchronizedList(new ArrayList<>());
            final CompletableFuture<Void> gathered = new CompletableFuture<>();
            peers.offerer.onIceCandidate(c -> {
                signaled.add(c.candidate());
                if (c.isEndOfCandidates()) {
                    gathered.complete(null);
                }
            });

            LoopbackPeers.get(peers.offerer.setLocalDescription(LoopbackPeers.get(peers.offerer.createOffer())));

            final RTCPeerConnectionIceErrorEvent e = LoopbackPeers.get(error);
            assertThat(e.url()).isEqualTo(turn.url());
            assertThat(e.errorCode()).isEqualTo(401);
            assertThat(e.errorText()).contains("rejected the credentials of user 'bob'").doesNotContain("wrong-password");
            LoopbackPeers.get(gathered);
            assertThat(signaled).containsExactly(""); // only end-of-candidates
            LoopbackPeers.get(failed);
            assertThat(peers.offerer.iceGatheringState()).isEqualTo(RTCIceGatheringState.COMPLETE);
        }
    }

    @Test
    void theFactoryRefusesTurnOverTlsAndTurnWithoutACredential() {
        assertThatThrownBy(() -> PeerConnectionFactory.builder()
                                                      .iceServers(List.of(RTCIceServer.turn("turns:t.example.org", "u", "p")))
                                                      .build())
                .isInstanceOfSatisfying(RemoteMediaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AVAILABLE))
                .hasMessageContaining("iceServers[0].urls[0]: turns: (TURN over TLS) is not available");
        assertThatThrownBy(() -> PeerConnectionFactory.builder()
                                                      .iceServers(List.of(RTCIceServer.stun("turn:t.example.org")))
                                                      .build())
                .isInstanceOfSatisfying(RemoteMediaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("iceServers[0]: turn: needs a username and credential");
        assertThat(RTCIceTransportPolicy.fromW3cName("relay")).isEqualTo(RTCIceTransportPolicy.RELAY);
        assertThat(RTCIceTransportPolicy.ALL.w3cName()).isEqualTo("all");
    }

    private static long deallocations() {
        return turn.log().stream().filter(PeerConnectionTurnTest::deallocation).count();
    }

    /** coturn logs each Refresh with its lifetime; 0 deletes the allocation. */
    private static boolean deallocation(String line) {
        return line.contains("refreshed") && line.contains("lifetime=0");
    }
}
