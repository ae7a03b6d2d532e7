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
import dev.remotemedia.signaling.server.GrpcSignalingServer;
import dev.remotemedia.signaling.server.SignalingServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java gRPC signaling client against a real server, beside JSON-RPC clients on the same hub. */
class GrpcSignalingClientTest {
    private static final String OFFER_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n";
    private static final String ANSWER_SDP = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\n";

    private final List<AutoCloseable> resources = new ArrayList<>();
    private SignalingServer signaling;
    private Server http;
    private GrpcSignalingServer grpc;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (grpc != null) {
            grpc.close();
            signaling.close();
            http.stop();
        }
    }

    private void startServer(Consumer<SignalingServer.Builder> customizer) {
        final SignalingServer.Builder builder = SignalingServer.builder();
        customizer.accept(builder);
        signaling = builder.build();
        http = Server.builder().http(new InetSocketAddress("127.0.0.1", 0)).service("/ws", signaling.service())
                     .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO).build();
        http.start().join();
        grpc = GrpcSignalingServer.builder(signaling).address("127.0.0.1", 0).start();
    }

    private GrpcSignalingClient client(String peerId, EventLog log, Consumer<GrpcSignalingClientBuilder> customizer) {
        final GrpcSignalingClientBuilder builder = GrpcSignalingClient.builder(
                URI.create("grpc://127.0.0.1:" + grpc.port())).peerId(peerId).listener(log)
                .reconnectBackoff(ReconnectBackoff.of(Duration.ofMillis(20), 2, Duration.ofMillis(200), 5));
        customizer.accept(builder);
        final GrpcSignalingClient client = builder.build();
        resources.add(client);
        return client;
    }

    private SignalingClient jsonClient(String peerId, EventLog log) {
        final SignalingClient client = SignalingClient.builder(URI.create("ws://127.0.0.1:" + http.activeLocalPort() + "/ws"))
                                                      .peerId(peerId).listener(log).build();
        resources.add(client);
        return client;
    }

    @Test
    void announcesOffersAnswersAndTricklesWithJsonRpcPeers() {
        startServer(b -> {});
        final EventLog jsonLog = new EventLog();
        final SignalingClient json = SignalingClient.builder(URI.create("ws://127.0.0.1:" + http.activeLocalPort() + "/ws"))
                .peerId("json").listener(jsonLog)
                .offerHandler(offer -> CompletableFuture.completedFuture(Answer.to(offer, ANSWER_SDP, true))).build();
        resources.add(json);
        json.connect().join();

        final EventLog log = new EventLog();
        final GrpcSignalingClient g = client("grpc", log, b -> b.metadata(Map.of("name", "G"))
                .offerHandler(offer -> CompletableFuture.completedFuture(Answer.to(offer, ANSWER_SDP, true))));
        final List<PeerInfo> others = g.connect().join();
        assertThat(others).extracting(PeerInfo::peerId).containsExactly("json");
        assertThat(log.awaitState(ConnectionState.CONNECTED).state()).isEqualTo(ConnectionState.CONNECTED);
        final PeerInfo announced = jsonLog.await(SignalingEvent.PeerAnnounced.class).peer();
        assertThat(announced.peerId()).isEqualTo("grpc");
        assertThat(announced.userData().path("name").asText()).isEqualTo("G");
        assertThat(g.listPeers().join()).extracting(PeerInfo::peerId).containsExactlyInAnyOrder("json", "grpc");

        // gRPC offers, the JSON-RPC peer's offer handler answers.
        assertThat(g.offer("json", OFFER_SDP, null).join().sdp()).isEqualTo(ANSWER_SDP);
        // The JSON-RPC peer offers, the gRPC client's offer handler answers.
        assertThat(json.offer("grpc", OFFER_SDP, true).join().sdp()).isEqualTo(ANSWER_SDP);

        g.sendIceCandidate(new IceCandidate("grpc", "json", "candidate:1 1 udp 1 127.0.0.1 9 typ host", 0, "0", null)).join();
        assertThat(jsonLog.await(SignalingEvent.IceCandidateReceived.class).candidate().from()).isEqualTo("grpc");
        json.sendIceCandidate(new IceCandidate("json", "grpc", "candidate:2 1 udp 1 127.0.0.1 8 typ host", 0, "0", "uf"));
        final IceCandidate received = log.await(SignalingEvent.IceCandidateReceived.class).candidate();
        assertThat(received.candidate()).startsWith("candidate:2");
        assertThat(received.userFragment()).isEqualTo("uf");
        g.sendStateChanged(new StateChange("grpc", "json", "connected", null, null, null)).join();
        assertThat(jsonLog.await(SignalingEvent.PeerStateChanged.class).change().connectionState()).isEqualTo("connected");

        // Errors are the server's codes.
        assertThatThrownBy(() -> g.offer("nobody", OFFER_SDP, null).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(RemoteMediaException.class)
                .hasMessage("to_peer_id: nobody is not announced")
                .extracting(e -> ((RemoteMediaException) e).code()).isEqualTo(ErrorCode.PEER_NOT_FOUND);

        json.close("bye");
        final SignalingEvent.PeerLeft left = log.await(SignalingEvent.PeerLeft.class);
        assertThat(left.peerId()).isEqualTo("json");
        assertThat(left.reason()).isEqualTo("bye");
        g.close("done").join();
        assertThat(g.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void anUnansweredOfferTimesOutAndANotHandledOneIsAnEvent() {
        startServer(b -> b.relayTimeout(Duration.ofSeconds(30)));
        final EventLog silentLog = new EventLog();
        final GrpcSignalingClient silent = client("silent", silentLog, b -> {});
        silent.connect().join();
        final GrpcSignalingClient g = client("g", new EventLog(), b -> b.requestTimeout(Duration.ofMillis(300)));
        g.connect().join();
        assertThatThrownBy(() -> g.offer("silent", OFFER_SDP, null).join()).cause()
                .isInstanceOf(RemoteMediaException.class).hasMessage("offer: no response within 300 ms");
        // With no offer handler, the offer is an event, answered later with answer(...).
        assertThat(silentLog.await(SignalingEvent.OfferReceived.class).offer().from()).isEqualTo("g");
    }

    @Test
    void anOfferTheHandlerRefusesFailsAtOnceWithConnectionFailed() {
        startServer(b -> b.relayTimeout(Duration.ofSeconds(30)));
        final GrpcSignalingClient refuser = client("refuser", new EventLog(), b -> b.offerHandler(
                offer -> CompletableFuture.failedFuture(new RemoteMediaException(ErrorCode.OFFER_INVALID, "glare"))));
        refuser.connect().join();
        final EventLog jsonLog = new EventLog();
        final SignalingClient json = jsonClient("json", jsonLog);
        json.connect().join();
        assertThatThrownBy(() -> json.offer("refuser", OFFER_SDP, true).join()).cause()
                .isInstanceOf(dev.remotemedia.signaling.jsonrpc.JsonRpcException.class)
                .hasMessageContaining("-32001").hasMessageContaining("refuser hung up instead of answering: offer refused: glare");
        assertThat(jsonLog.await(SignalingEvent.DisconnectReceived.class).from()).isEqualTo("refuser");
    }

    @Test
    void reconnectsAndAnnouncesAgainWhenTheStreamIsLost() {
        startServer(b -> {});
        final EventLog log = new EventLog();
        final GrpcSignalingClient g = client("g", log, b -> {});
        g.connect().join();
        final EventLog watcherLog = new EventLog();
        jsonClient("watcher", watcherLog).connect().join();

        assertThat(signaling.dropConnection("g")).isTrue();
        assertThat(watcherLog.await(SignalingEvent.PeerLeft.class).peerId()).isEqualTo("g");
        final SignalingEvent.StateChanged reconnecting = log.awaitState(ConnectionState.RECONNECTING);
        assertThat(reconnecting.attempt()).isEqualTo(1);
        assertThat(log.awaitState(ConnectionState.CONNECTED).reason()).isEqualTo("reconnected");
        assertThat(watcherLog.await(SignalingEvent.PeerAnnounced.class).peer().peerId()).isEqualTo("g");
        assertThat(g.listPeers().join()).extracting(PeerInfo::peerId).containsExactlyInAnyOrder("g", "watcher");
    }

    @Test
    void aRefusedFirstAnnounceClosesTheClientWithTheServersError() {
        startServer(b -> b.authToken("s3cret"));
        final EventLog log = new EventLog();
        final GrpcSignalingClient g = client("g", log, b -> b.authToken("wrong"));
        assertThatThrownBy(() -> g.connect().join()).cause().isInstanceOf(RemoteMediaException.class)
                .hasMessage("announce.auth_token: does not match");
        assertThat(log.awaitState(ConnectionState.CLOSED).reason()).contains("does not match");
        final GrpcSignalingClient ok = client("ok", new EventLog(), b -> b.authToken("s3cret"));
        assertThat(ok.connect().join()).isEmpty();
    }

    @Test
    void aTargetThatIsNotAGrpcUrlIsRefused() {
        assertThatThrownBy(() -> GrpcSignalingClient.builder(URI.create("ws://localhost:8080/ws")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target: ws://localhost:8080/ws (expected: grpc://host:port or grpcs://host:port)");
    }
}
