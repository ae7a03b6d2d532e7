package dev.remotemedia.signaling.server;

import static dev.remotemedia.signaling.server.Rpc.notification;
import static dev.remotemedia.signaling.server.Rpc.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotemedia.signaling.grpc.v1.AnswerRequest;
import dev.remotemedia.signaling.grpc.v1.DisconnectRequest;
import dev.remotemedia.signaling.grpc.v1.IceCandidateRequest;
import dev.remotemedia.signaling.grpc.v1.JoinRequest;
import dev.remotemedia.signaling.grpc.v1.ListPeersRequest;
import dev.remotemedia.signaling.grpc.v1.Notification.NotificationCase;
import dev.remotemedia.signaling.grpc.v1.OfferRequest;
import dev.remotemedia.signaling.grpc.v1.PeerInfo;
import dev.remotemedia.signaling.grpc.v1.PeerState;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.StateChangeRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** gRPC-Web {@code Join} + {@code Send} over real sockets, on the hub of {@code /ws} and {@code Signal}. */
class GrpcWebTest {
    private static final String OFFER_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n";
    private static final String ANSWER_SDP = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\n";
    private static final int OK = 0;
    private static final int INVALID_ARGUMENT = 3;
    private static final int ALREADY_EXISTS = 6;
    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int FAILED_PRECONDITION = 9;
    private static final int ABORTED = 10;
    private static final int UNAUTHENTICATED = 16;

    private static final class Servers implements AutoCloseable {
        final SignalingTestServer ws;
        final GrpcSignalingServer grpc;

        Servers(Consumer<SignalingServer.Builder> customizer) {
            ws = SignalingTestServer.start(customizer);
            grpc = GrpcSignalingServer.builder(ws.signaling).address("127.0.0.1", 0).start();
        }

        @Override
        public void close() {
            grpc.close();
            ws.close();
        }
    }

    private static JoinRequest join(String peerId) {
        return JoinRequest.newBuilder().setAnnounce(GrpcTestClient.announce(peerId)).build();
    }

    @ParameterizedTest(name = "text={0}")
    @ValueSource(booleans = {false, true})
    void aBrowserJoinsAndSendsAndReachesWebSocketAndSignalPeers(boolean text) {
        try (Servers s = new Servers(b -> {});
             RawClient w = RawClient.announced(s.ws.port(), "w");
             GrpcTestClient g = GrpcTestClient.announced(s.grpc.port(), "g");
             GrpcWebTestClient b = new GrpcWebTestClient(s.ws.port(), text)) {
            final var ack = b.joined(join("b"));
            assertThat(ack.getRequestId()).isEmpty();
            assertThat(ack.getAck().getPeersList()).extracting(PeerInfo::getPeerId).containsExactlyInAnyOrder("w", "g");
            assertThat(w.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("g");
            assertThat(w.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("b");
            assertThat(g.nextNotification(NotificationCase.PEER_JOINED).getPeerJoined().getPeer().getPeerId())
                    .isEqualTo("b");

            final var list = b.send(SignalingRequest.newBuilder().setRequestId("list")
                                                    .setListPeers(ListPeersRequest.getDefaultInstance()));
            assertThat(list.status()).isEqualTo(OK);
            assertThat(list.response().getRequestId()).isEqualTo("list");
            assertThat(list.response().getPeerList().getPeersList()).extracting(PeerInfo::getPeerId)
                    .containsExactlyInAnyOrder("w", "g", "b");
            assertThat(list.http().headers().firstValue("content-type").orElseThrow())
                    .isEqualTo(text ? "application/grpc-web-text+proto" : "application/grpc-web+proto");

            // The browser offers to the gRPC peer; the Send completes with the answer.
            final CompletableFuture<GrpcWebTestClient.Unary> offer = b.sendAsync(2, SignalingRequest.newBuilder()
                    .setRequestId("o1").setOffer(OfferRequest.newBuilder().setToPeerId("g").setSdp(OFFER_SDP)));
            assertThat(g.nextNotification(NotificationCase.OFFER).getOffer().getFromPeerId()).isEqualTo("b");
            g.call(r -> r.setAnswer(AnswerRequest.newBuilder().setToPeerId("b").setSdp(ANSWER_SDP)));
            assertThat(offer.join().response().getAck().getSdp()).isEqualTo(ANSWER_SDP);
            assertThat(b.nextNotification(NotificationCase.ANSWER).getAnswer().getFromPeerId()).isEqualTo("g");

            // The WebSocket peer offers to the browser, which answers with Send.
            w.send(request("30", "peer.offer", Rpc.offer("w", "b", "w-1")));
            assertThat(b.nextNotification(NotificationCase.OFFER).getOffer().getFromPeerId()).isEqualTo("w");
            final var answered = b.sendAsync(3, SignalingRequest.newBuilder()
                    .setAnswer(AnswerRequest.newBuilder().setToPeerId("w").setSdp(ANSWER_SDP))).join();
            assertThat(answered.response().hasAck()).isTrue();
            assertThat(w.nextResponse().at("/result/sdp").asText()).isEqualTo(ANSWER_SDP);

            // Candidates both ways.
            b.sendAsync(4, SignalingRequest.newBuilder().setIceCandidate(IceCandidateRequest.newBuilder()
                    .setToPeerId("w").setCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host"))).join();
            assertThat(w.nextNotification("peer.ice_candidate").at("/params/from").asText()).isEqualTo("b");
            w.send(notification("peer.ice_candidate", Rpc.candidate("w", "b", "candidate:2 1 udp 1 127.0.0.1 8 typ host")));
            assertThat(b.nextNotification(NotificationCase.ICE_CANDIDATE).getIceCandidate().getCandidate())
                    .startsWith("candidate:2");

            // A disconnect without to_peer_id: the peer leaves and the Join stream ends OK.
            final var bye = b.sendAsync(5, SignalingRequest.newBuilder()
                    .setDisconnect(DisconnectRequest.newBuilder().setReason("bye"))).join();
            assertThat(bye.response().hasAck()).isTrue();
            assertThat(b.awaitTrailers()).containsEntry("grpc-status", "0");
            assertThat(w.nextNotification("peer.left").at("/params/peer_id").asText()).isEqualTo("b");
            assertThat(g.nextNotification(NotificationCase.PEER_LEFT).getPeerLeft().getPeerId()).isEqualTo("b");
            // The session is gone.
            final var after = b.sendAsync(6, SignalingRequest.newBuilder()
                    .setListPeers(ListPeersRequest.getDefaultInstance())).join();
            assertThat(after.status()).isEqualTo(FAILED_PRECONDITION);
            assertThat(after.message()).contains("session_id");
        }
    }

    @Test
    void sendCallsAreAppliedInSeqOrder() {
        try (Servers s = new Servers(b -> {});
             RawClient w = RawClient.announced(s.ws.port(), "w");
             GrpcWebTestClient b = new GrpcWebTestClient(s.ws.port(), false)) {
            b.joined(join("b"));
            final CompletableFuture<GrpcWebTestClient.Unary> second = b.sendAsync(2, state("w", PeerState.PEER_STATE_CONNECTED));
            final CompletableFuture<GrpcWebTestClient.Unary> first = b.sendAsync(1, state("w", PeerState.PEER_STATE_CONNECTING));
            assertThat(first.join().status()).isEqualTo(OK);
            assertThat(second.join().status()).isEqualTo(OK);
            assertThat(w.nextNotification("peer.state_changed").at("/params/connection_state").asText())
                    .isEqualTo("connecting");
            assertThat(w.nextNotification("peer.state_changed").at("/params/connection_state").asText())
                    .isEqualTo("connected");

            final var reused = b.sendAsync(2, state("w", PeerState.PEER_STATE_FAILED)).join();
            assertThat(reused.status()).isEqualTo(INVALID_ARGUMENT);
            assertThat(reused.message()).contains("seq: 2 was already used");
            final var zero = b.sendAsync(0, state("w", PeerState.PEER_STATE_FAILED)).join();
            assertThat(zero.status()).isEqualTo(INVALID_ARGUMENT);
            // seq 5 waits for 3 and 4, which never come: ABORTED after 2 s.
            final var gap = b.sendAsync(5, state("w", PeerState.PEER_STATE_FAILED)).join();
            assertThat(gap.status()).isEqualTo(ABORTED);
            assertThat(gap.message()).contains("seq: 5 waited 2000 ms for seq 3");
            // A request's failure is an ErrorResponse in an OK call.
            final var unknownPeer = b.sendAsync(3, state("nobody", PeerState.PEER_STATE_FAILED)).join();
            assertThat(unknownPeer.status()).isEqualTo(OK);
            assertThat(unknownPeer.response().getError().getCode()).isEqualTo(-32000);
            assertThat(unknownPeer.response().getError().getStatus()).isEqualTo("NOT_FOUND");
            assertThat(unknownPeer.response().getError().getMessage()).isEqualTo("to_peer_id: nobody is not announced");
        }
    }

    private static SignalingRequest.Builder state(String to, PeerState state) {
        return SignalingRequest.newBuilder().setStateChanged(StateChangeRequest.newBuilder().setToPeerId(to).setState(state));
    }

    @Test
    void aRefusedJoinEndsWithItsStatusAndMessage() {
        try (Servers s = new Servers(b -> b.authToken("s3cret"));
             GrpcWebTestClient b = new GrpcWebTestClient(s.ws.port(), false);
             GrpcWebTestClient c = new GrpcWebTestClient(s.ws.port(), true);
             GrpcWebTestClient d = new GrpcWebTestClient(s.ws.port(), false)) {
            b.join(join("b"), Map.of());
            assertThat(b.awaitTrailers()).containsEntry("grpc-status", Integer.toString(UNAUTHENTICATED))
                                         .hasEntrySatisfying("grpc-message", m -> assertThat(m).contains(
                                                 "announce.auth_token: missing"));
            c.joined(JoinRequest.newBuilder().setAnnounce(GrpcTestClient.announce("c")).setAuthToken("s3cret").build());
            d.join(join("c"), Map.of("authorization", "Bearer s3cret"));
            assertThat(d.awaitTrailers()).containsEntry("grpc-status", Integer.toString(ALREADY_EXISTS))
                                         .hasEntrySatisfying("grpc-message", m -> assertThat(m).contains(
                                                 "c is already announced by another connection"));
        }
    }

    @Test
    void badBodiesGetTheirStatusAndOthersAreStillServed() throws Exception {
        try (Servers s = new Servers(b -> b.maxMessageBytes(4096));
             GrpcWebTestClient b = new GrpcWebTestClient(s.ws.port(), false)) {
            b.joined(join("b"));
            final byte[] frame = b.body(new byte[] {1, 2, 3});
            final var truncated = b.unary(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.ws.port()
                    + "/remotemedia.v1.WebRtcSignaling/Send")).header("content-type", "application/grpc-web+proto")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(frame, 6))).build()).join();
            assertThat(truncated.status()).isEqualTo(INVALID_ARGUMENT);
            assertThat(truncated.message()).contains("truncated gRPC-Web frame");
            final var garbage = b.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}).join();
            assertThat(garbage.status()).isEqualTo(INVALID_ARGUMENT);
            assertThat(garbage.message()).contains("undecodable SessionRequest");
            final var huge = b.sendRaw(new byte[10_000]).join();
            assertThat(huge.status()).isEqualTo(RESOURCE_EXHAUSTED);
            final HttpResponse<String> wrongType = GrpcWebTestClient.HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + s.ws.port() + "/remotemedia.v1.WebRtcSignaling/Send"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrongType.statusCode()).isEqualTo(415);
            assertThat(wrongType.body()).contains("expected: application/grpc-web+proto");
            // The session is still served.
            assertThat(b.send(SignalingRequest.newBuilder().setListPeers(ListPeersRequest.getDefaultInstance()))
                        .response().getPeerList().getPeersCount()).isEqualTo(1);
        }
    }

    @Test
    void corsFollowsTheAllowedOrigins() throws Exception {
        try (Servers s = new Servers(b -> b.allowedOrigins(List.of("http://app.example.com")));
             GrpcWebTestClient b = new GrpcWebTestClient(s.ws.port(), false)) {
            final URI join = URI.create("http://127.0.0.1:" + s.ws.port() + "/remotemedia.v1.WebRtcSignaling/Join");
            final HttpResponse<String> preflight = GrpcWebTestClient.HTTP.send(HttpRequest.newBuilder(join)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("origin", "http://app.example.com")
                    .header("access-control-request-method", "POST")
                    .header("access-control-request-headers", "content-type,x-grpc-web").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("http://app.example.com");
            assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow())
                    .contains("x-grpc-web").contains("content-type");
            final HttpResponse<String> denied = GrpcWebTestClient.HTTP.send(HttpRequest.newBuilder(join)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("origin", "http://evil.example.com")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("origin not allowed: http://evil.example.com");

            b.joined(join("b"));
            final var allowed = b.unary(b.post("Send", dev.remotemedia.signaling.grpc.v1.SessionRequest.newBuilder()
                    .setSessionId(b.sessionId).setSeq(1).setRequest(SignalingRequest.newBuilder().setRequestId("1")
                            .setListPeers(ListPeersRequest.getDefaultInstance())).build().toByteArray(),
                    Map.of("origin", "http://app.example.com")).build()).join();
            assertThat(allowed.status()).isEqualTo(OK);
            assertThat(allowed.http().headers().firstValue("access-control-allow-origin"))
                    .hasValue("http://app.example.com");
            assertThat(allowed.http().headers().firstValue("access-control-expose-headers").orElseThrow())
                    .contains("grpc-status");
        }
    }

    @Test
    void aJoinStreamThatEndsMakesThePeerLeave() {
        try (Servers s = new Servers(b -> {});
             RawClient w = RawClient.announced(s.ws.port(), "w")) {
            final GrpcWebTestClient b = new GrpcWebTestClient(s.ws.port(), false);
            b.joined(join("b"));
            assertThat(w.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("b");
            b.close();
            final JsonNode left = w.nextNotification("peer.left");
            assertThat(left.at("/params/peer_id").asText()).isEqualTo("b");
        }
    }
}
