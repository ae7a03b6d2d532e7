package dev.remotemedia.signaling.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.server.Server;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.jsonrpc.JsonRpcException;
import dev.remotemedia.signaling.server.SignalingServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignalingClientTest {
    private static final String OFFER_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n";
    private static final String ANSWER_SDP = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\n";

    private final List<AutoCloseable> resources = new ArrayList<>();
    private SignalingServer signaling;
    private Server server;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (signaling != null) {
            signaling.close();
        }
        if (server != null) {
            server.stop(); // not waited for: Netty's acceptor takes 2 s to finish, and the port is not reused
        }
    }

    private void startServer(Consumer<SignalingServer.Builder> customizer, int port) {
        final SignalingServer.Builder builder = SignalingServer.builder();
        customizer.accept(builder);
        signaling = builder.build();
        server = Server.builder().http(new InetSocketAddress("127.0.0.1", port)).service("/ws", signaling.service())
                       .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO).build();
        server.start().join();
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.activeLocalPort() + "/ws");
    }

    private SignalingClient client(String peerId, EventLog log, Consumer<SignalingClientBuilder> customizer) {
        final SignalingClientBuilder builder = SignalingClient.builder(uri()).peerId(peerId).listener(log)
                .reconnectBackoff(ReconnectBackoff.of(Duration.ofMillis(20), 2, Duration.ofMillis(200), 5));
        customizer.accept(builder);
        final SignalingClient client = builder.build();
        resources.add(client);
        return client;
    }

    private static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void connectsAnnouncesAndSeesOthersComeAndGo() {
        startServer(b -> {}, 0);
        final EventLog aLog = new EventLog();
        final SignalingClient a = client("alice", aLog, b -> {});
        assertThat(await(a.connect())).isEmpty();
        assertThat(aLog.awaitState(ConnectionState.CONNECTING)).isNotNull();
        assertThat(aLog.awaitState(ConnectionState.CONNECTED)).isNotNull();
        assertThat(a.state()).isEqualTo(ConnectionState.CONNECTED);

        final EventLog bLog = new EventLog();
        final SignalingClient b = client("bob", bLog, c -> c.capabilities(List.of("audio", "data")));
        assertThat(await(b.connect())).extracting(PeerInfo::peerId).containsExactly("alice");
        final PeerInfo bob = aLog.await(SignalingEvent.PeerAnnounced.class).peer();
        assertThat(bob.peerId()).isEqualTo("bob");
        assertThat(bob.capabilities()).containsExactly("audio", "data");
        assertThat(await(a.listPeers())).extracting(PeerInfo::peerId).containsExactlyInAnyOrder("alice", "bob");

        await(b.close("done for today"));
        final SignalingEvent.PeerLeft left = aLog.await(SignalingEvent.PeerLeft.class);
        assertThat(left.peerId()).isEqualTo("bob");
        assertThat(left.reason()).isEqualTo("done for today");
        assertThat(bLog.awaitState(ConnectionState.CLOSED).reason()).isEqualTo("done for today");
    }

    @Test
    void anOfferHandlerAnswersOffersThatArriveAsRequests() {
        startServer(b -> {}, 0);
        final SignalingClient a = client("alice", new EventLog(), b -> {});
        final SignalingClient b = client("bob", new EventLog(),
                c -> c.offerHandler(offer -> CompletableFuture.completedFuture(Answer.to(offer, ANSWER_SDP, false))));
        await(a.connect());
        await(b.connect());
        final Answer answer = await(a.offer("bob", OFFER_SDP, true));
        assertThat(answer.sdp()).isEqualTo(ANSWER_SDP);
        assertThat(answer.from()).isEqualTo("bob");
        assertThat(answer.to()).isEqualTo("alice");
        assertThat(answer.canTrickleIceCandidates()).isFalse();
        assertThat(answer.requestId()).startsWith("alice-offer-");
    }

    @Test
    void anOfferHandlerFailureReachesTheOffererWithItsCode() {
        startServer(b -> {}, 0);
        final SignalingClient a = client("alice", new EventLog(), b -> {});
        final SignalingClient b = client("bob", new EventLog(), c -> c.offerHandler(offer -> CompletableFuture.failedFuture(
                new RemoteMediaException(ErrorCode.OFFER_INVALID, "no m= section I can use"))));
        await(a.connect());
        await(b.connect());
        assertThatThrownBy(() -> await(a.offer("bob", OFFER_SDP, true)))
                .hasCauseInstanceOf(JsonRpcException.class)
                .satisfies(e -> assertThat(((JsonRpcException) e.getCause()).code()).isEqualTo(-32002))
                .hasMessageContaining("bob refused the offer: no m= section I can use");
    }

    @Test
    void withoutAHandlerTheApplicationAnswersWithPeerAnswer() {
        startServer(b -> {}, 0);
        final SignalingClient a = client("alice", new EventLog(), b -> {});
        final EventLog bLog = new EventLog();
        final SignalingClient b = client("bob", bLog, c -> {});
        await(a.connect());
        await(b.connect());
        final CompletableFuture<Answer> answered = a.offer("bob", OFFER_SDP, true);
        final SignalingEvent.OfferReceived received = bLog.await(SignalingEvent.OfferReceived.class);
        assertThat(received.offer().sdp()).isEqualTo(OFFER_SDP);
        assertThat(received.offer().from()).isEqualTo("alice");
        await(b.answer(Answer.to(received.offer(), ANSWER_SDP, true)));
        assertThat(await(answered).sdp()).isEqualTo(ANSWER_SDP);
    }

    @Test
    void candidatesStateChangesAndDisconnectsArriveAsEvents() {
        startServer(b -> {}, 0);
        final SignalingClient a = client("alice", new EventLog(), b -> {});
        final EventLog bLog = new EventLog();
        final SignalingClient b = client("bob", bLog, c -> {});
        await(a.connect());
        await(b.connect());
        final IceCandidate candidate = new IceCandidate("alice", "bob",
                "candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host", 0, "0", "uf1");
        assertThat(await(a.sendIceCandidate(candidate))).isTrue();
        assertThat(await(a.sendIceCandidate(new IceCandidate("alice", "bob", "", 0, "0", null)))).isTrue();
        assertThat(await(a.sendStateChanged(new StateChange("alice", "bob", "connected", "connected", "complete",
                                                            "stable")))).isTrue();
        await(a.disconnect("bob", "hanging up"));

        assertThat(bLog.await(SignalingEvent.IceCandidateReceived.class).candidate()).isEqualTo(candidate);
        assertThat(bLog.await(SignalingEvent.IceCandidateReceived.class).candidate().isEndOfCandidates()).isTrue();
        assertThat(bLog.await(SignalingEvent.PeerStateChanged.class).change().connectionState()).isEqualTo("connected");
        final SignalingEvent.DisconnectReceived disconnect = bLog.await(SignalingEvent.DisconnectReceived.class);
        assertThat(disconnect.from()).isEqualTo("alice");
        assertThat(disconnect.reason()).isEqualTo("hanging up");
        assertThat(await(b.listPeers())).filteredOn(p -> p.peerId().equals("alice"))
                                        .extracting(PeerInfo::state).containsExactly("connected");
    }

    @Test
    void reconnectsWithBackoffAndReannouncesAfterTheServerDropsItsSocket() {
        startServer(b -> {}, 0);
        final EventLog aLog = new EventLog();
        final SignalingClient a = client("alice", aLog, b -> {});
        final EventLog bLog = new EventLog();
        final SignalingClient b = client("bob", bLog, c -> c.random(() -> 0.5));
        await(a.connect());
        await(b.connect());
        aLog.await(SignalingEvent.PeerAnnounced.class);

        assertThat(signaling.dropConnection("bob")).isTrue();

        final SignalingEvent.StateChanged reconnecting = bLog.awaitState(ConnectionState.RECONNECTING);
        assertThat(reconnecting.attempt()).isEqualTo(1);
        // Attempt 1 waits half the 20 ms step plus half of the other half (random 0.5).
        assertThat(reconnecting.retryIn()).isEqualTo(Duration.ofMillis(15));
        assertThat(bLog.awaitState(ConnectionState.CONNECTED).reason()).isEqualTo("reconnected");
        assertThat(aLog.await(SignalingEvent.PeerLeft.class).peerId()).isEqualTo("bob");
        assertThat(aLog.await(SignalingEvent.PeerAnnounced.class).peer().peerId()).isEqualTo("bob");
        assertThat(await(b.listPeers())).extracting(PeerInfo::peerId).containsExactlyInAnyOrder("alice", "bob");
        assertThat(signaling.peerCount()).isEqualTo(2);
    }

    @Test
    void reconnectsToAServerRestartedOnTheSamePortAndGivesUpWhenItStaysDown() {
        startServer(b -> {}, 0);
        final int port = server.activeLocalPort();
        final EventLog log = new EventLog();
        final SignalingClient a = client("alice", log, c -> c.reconnectBackoff(
                ReconnectBackoff.of(Duration.ofMillis(50), 2, Duration.ofMillis(100), 3)));
        await(a.connect());

        signaling.close();
        server.stop().join();
        final List<Integer> attempts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            final SignalingEvent.StateChanged state = log.awaitState(ConnectionState.RECONNECTING);
            attempts.add(state.attempt());
            assertThat(state.retryIn()).isBetween(Duration.ofMillis(25), Duration.ofMillis(100));
        }
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(log.awaitState(ConnectionState.CLOSED).reason()).startsWith("gave up after 3 reconnection attempts");
        assertThatThrownBy(() -> await(a.listPeers())).hasCauseInstanceOf(RemoteMediaException.class)
                                                      .hasMessageContaining("not connected");

        // A fresh client comes back once the server is up again on the same port.
        startServer(b -> {}, port);
        final EventLog bLog = new EventLog();
        final SignalingClient b = client("bob", bLog, c -> c.reconnectBackoff(
                ReconnectBackoff.of(Duration.ofMillis(20), 2, Duration.ofMillis(100), 0)));
        await(b.connect());
        signaling.close();
        server.stop().join();
        bLog.awaitState(ConnectionState.RECONNECTING);
        startServer(c -> {}, port);
        assertThat(bLog.awaitState(ConnectionState.CONNECTED).reason()).isEqualTo("reconnected");
        assertThat(signaling.peers()).extracting(PeerInfo::peerId).containsExactly("bob");
    }

    @Test
    void aFirstConnectThatFailsClosesTheClient() {
        startServer(b -> b.authToken("s3cret"), 0);
        final EventLog log = new EventLog();
        final SignalingClient wrong = client("alice", log, c -> c.authToken("guess"));
        assertThatThrownBy(() -> await(wrong.connect()))
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((JsonRpcException) e.getCause()).code()).isEqualTo(-32007));
        assertThat(log.awaitState(ConnectionState.CLOSED).reason()).contains("auth_token: does not match");

        final SignalingClient right = client("alice", new EventLog(), c -> c.authToken("s3cret"));
        assertThat(await(right.connect())).isEmpty();
    }

    @Test
    void requestsTimeOutOnTheClientToo() {
        startServer(b -> b.relayTimeout(Duration.ofSeconds(30)), 0);
        final SignalingClient a = client("alice", new EventLog(), c -> c.requestTimeout(Duration.ofMillis(1500)));
        final SignalingClient b = client("bob", new EventLog(), c -> {}); // never answers: no handler
        await(a.connect());
        await(b.connect());
        assertThatThrownBy(() -> await(a.offer("bob", OFFER_SDP, true)))
                .hasCauseInstanceOf(RemoteMediaException.class)
                .hasMessageContaining("peer.offer: no response within 1500 ms")
                .satisfies(e -> assertThat(((RemoteMediaException) e.getCause()).code()).isEqualTo(ErrorCode.TIMEOUT));
    }

    @Test
    void thirtyClientsSeeEachOtherAnnounceAndLeave() {
        startServer(b -> b.maxPeers(30), 0);
        final EventLog firstLog = new EventLog();
        final List<SignalingClient> clients = new ArrayList<>();
        clients.add(client("p0", firstLog, c -> {}));
        await(clients.get(0).connect());
        for (int i = 1; i < 30; i++) {
            final SignalingClient client = client("p" + i, new EventLog(), c -> {});
            assertThat(await(client.connect())).hasSize(i);
            clients.add(client);
        }
        final java.util.Set<String> announced = new java.util.HashSet<>();
        for (int i = 1; i < 30; i++) {
            announced.add(firstLog.await(SignalingEvent.PeerAnnounced.class).peer().peerId());
        }
        assertThat(announced).hasSize(29);
        assertThat(await(clients.get(29).listPeers())).hasSize(30);
        for (int i = 1; i < 30; i++) {
            await(clients.get(i).close("bye"));
        }
        final java.util.Set<String> left = new java.util.HashSet<>();
        for (int i = 1; i < 30; i++) {
            left.add(firstLog.await(SignalingEvent.PeerLeft.class).peerId());
        }
        assertThat(left).isEqualTo(announced);
        assertThat(signaling.peerCount()).isEqualTo(1);
    }

    @Test
    void builderRefusesBadValues() {
        assertThatThrownBy(() -> SignalingClient.builder(URI.create("http://localhost:8080/ws")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: ws:// or wss://");
        assertThatThrownBy(() -> SignalingClient.builder(URI.create("ws://localhost:8080/ws")).peerId("remotemedia-server"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignalingClient.builder(URI.create("ws://localhost:8080/ws")).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("peerId");
    }
}
