package dev.remotemedia.signaling.server;

import static dev.remotemedia.signaling.server.Rpc.notification;
import static dev.remotemedia.signaling.server.Rpc.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.grpc.v1.AnswerRequest;
import dev.remotemedia.signaling.grpc.v1.DisconnectRequest;
import dev.remotemedia.signaling.grpc.v1.ErrorResponse;
import dev.remotemedia.signaling.grpc.v1.IceCandidateRequest;
import dev.remotemedia.signaling.grpc.v1.ListPeersRequest;
import dev.remotemedia.signaling.grpc.v1.Notification;
import dev.remotemedia.signaling.grpc.v1.Notification.NotificationCase;
import dev.remotemedia.signaling.grpc.v1.OfferRequest;
import dev.remotemedia.signaling.grpc.v1.PeerInfo;
import dev.remotemedia.signaling.grpc.v1.PeerState;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.StateChangeRequest;
import dev.remotemedia.signaling.grpc.v1.WebRtcSignalingGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code Signal} over real sockets, on the same hub as the JSON-RPC WebSocket (DESIGN.md §5.2). */
class GrpcSignalingTest {
    private static final String OFFER_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n";
    private static final String ANSWER_SDP = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\n";

    /** A WebSocket server and a gRPC server on one hub, both on 127.0.0.1. */
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

    private static SignalingResponse errorFor(GrpcTestClient client, Consumer<SignalingRequest.Builder> request) {
        final SignalingResponse response = client.call(request);
        assertThat(response.hasError()).as(response.toString()).isTrue();
        return response;
    }

    private static void assertError(ErrorResponse error, int code, String status, String message) {
        assertThat(error.getCode()).as(error.toString()).isEqualTo(code);
        assertThat(error.getStatus()).isEqualTo(status);
        assertThat(error.getMessage()).contains(message);
    }

    @Test
    void grpcAndWebSocketPeersSeeListAndReachEachOther() throws Exception {
        try (Servers s = new Servers(b -> {});
             RawClient w = RawClient.announced(s.ws.port(), "w");
             GrpcTestClient g = GrpcTestClient.connect(s.grpc.port())) {
            // list_peers before announce is answered.
            final SignalingResponse before = g.call(r -> r.setListPeers(ListPeersRequest.getDefaultInstance()));
            assertThat(before.getPeerList().getPeersList()).extracting(PeerInfo::getPeerId).containsExactly("w");
            assertThat(before.getPeerList().getPeers(0).getCapabilities().getData()).isTrue();
            assertThat(before.getPeerList().getPeers(0).getState()).isEqualTo(PeerState.PEER_STATE_AVAILABLE);
            assertThat(before.getPeerList().getPeers(0).getConnectedAtMs()).isPositive();

            final SignalingResponse ack = g.call(r -> r.setAnnounce(GrpcTestClient.announce("g").putMetadata("k", "v")));
            assertThat(ack.getAck().getPeersList()).extracting(PeerInfo::getPeerId).containsExactly("w");
            final JsonNode announced = w.nextNotification("peer.announced");
            assertThat(announced.at("/params/peer_id").asText()).isEqualTo("g");
            assertThat(announced.at("/params/user_data/k").asText()).isEqualTo("v");
            assertThat(announced.at("/params/capabilities/0").asText()).isEqualTo("data");
            final JsonNode list = w.call(request("21", "peer.list", "{}"));
            assertThat(list.at("/result/peers").findValuesAsText("peer_id")).as(list.toString())
                    .containsExactlyInAnyOrder("w", "g");

            // gRPC offers to the WebSocket peer, which answers with its peer.offer result.
            final String offerId = g.sendRequest(r -> r.setOffer(OfferRequest.newBuilder().setToPeerId("w")
                                                                         .setSdp(OFFER_SDP).setType("offer")));
            final JsonNode forwarded = w.nextCall();
            assertThat(forwarded.path("method").asText()).isEqualTo("peer.offer");
            assertThat(forwarded.at("/params/from").asText()).isEqualTo("g");
            assertThat(forwarded.at("/params/request_id").asText()).isEqualTo(offerId);
            w.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + forwarded.path("id").asText() + "\",\"result\":{\"sdp\":\""
                   + Rpc.ANSWER_SDP + "\"}}");
            final SignalingResponse offerAck = g.nextResponse();
            assertThat(offerAck.getRequestId()).isEqualTo(offerId);
            assertThat(offerAck.getAck().getSdp()).isEqualTo(ANSWER_SDP);
            final Notification answered = g.nextNotification(NotificationCase.ANSWER);
            assertThat(answered.getAnswer().getFromPeerId()).isEqualTo("w");
            assertThat(answered.getAnswer().getSdp()).isEqualTo(ANSWER_SDP);

            // The WebSocket peer offers to gRPC, which answers with an AnswerRequest.
            w.send(request("22", "peer.offer", Rpc.offer("w", "g", "o2")));
            final Notification offered = g.nextNotification(NotificationCase.OFFER);
            assertThat(offered.getOffer().getFromPeerId()).isEqualTo("w");
            assertThat(offered.getOffer().getType()).isEqualTo("offer");
            assertThat(g.call(r -> r.setAnswer(AnswerRequest.newBuilder().setToPeerId("w").setSdp(ANSWER_SDP)
                                                            .setType("answer"))).hasAck()).isTrue();
            final JsonNode result = w.nextResponse();
            assertThat(result.path("id").asText()).isEqualTo("22");
            assertThat(result.at("/result/sdp").asText()).isEqualTo(ANSWER_SDP);

            // Candidates and states both ways.
            assertThat(g.call(r -> r.setIceCandidate(IceCandidateRequest.newBuilder().setToPeerId("w")
                    .setCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host").setSdpMid("0").setSdpMlineIndex(0)
                    .setUsernameFragment("uf"))).hasAck()).isTrue();
            final JsonNode candidate = w.nextNotification("peer.ice_candidate");
            assertThat(candidate.at("/params/from").asText()).isEqualTo("g");
            assertThat(candidate.at("/params/sdp_mid").asText()).isEqualTo("0");
            assertThat(candidate.at("/params/user_fragment").asText()).isEqualTo("uf");
            w.send(notification("peer.ice_candidate", Rpc.candidate("w", "g", "candidate:2 1 udp 1 127.0.0.1 8 typ host")));
            final Notification trickled = g.nextNotification(NotificationCase.ICE_CANDIDATE);
            assertThat(trickled.getIceCandidate().getFromPeerId()).isEqualTo("w");
            assertThat(trickled.getIceCandidate().getCandidate()).startsWith("candidate:2");
            assertThat(g.call(r -> r.setStateChanged(StateChangeRequest.newBuilder().setToPeerId("w")
                    .setState(PeerState.PEER_STATE_CONNECTED))).hasAck()).isTrue();
            assertThat(w.nextNotification("peer.state_changed").at("/params/connection_state").asText())
                    .isEqualTo("connected");
            w.send(notification("peer.state_changed",
                                "{\"from\":\"w\",\"to\":\"g\",\"connection_state\":\"failed\"}"));
            assertThat(g.nextNotification(NotificationCase.STATE_CHANGED).getStateChanged().getState())
                    .isEqualTo(PeerState.PEER_STATE_FAILED);
            // peer.list reports the state each peer last gave.
            assertThat(g.call(r -> r.setListPeers(ListPeersRequest.getDefaultInstance())).getPeerList().getPeersList())
                    .filteredOn(p -> p.getPeerId().equals("g")).extracting(PeerInfo::getState)
                    .containsExactly(PeerState.PEER_STATE_CONNECTED);

            // The WebSocket peer leaves: gRPC gets peer_left; the gRPC stream ends: the WebSocket peer gets peer.left.
            w.call(request("23", "peer.disconnect", "{\"from\":\"w\",\"reason\":\"done\"}"));
            final Notification left = g.nextNotification(NotificationCase.PEER_LEFT);
            assertThat(left.getPeerLeft().getPeerId()).isEqualTo("w");
            assertThat(left.getPeerLeft().getReason()).isEqualTo("done");
        }
    }

    @Test
    void aGrpcPeerLeavingIsSeenByWebSocketPeers() {
        try (Servers s = new Servers(b -> {});
             RawClient w = RawClient.announced(s.ws.port(), "w");
             GrpcTestClient g = GrpcTestClient.announced(s.grpc.port(), "g");
             GrpcTestClient h = GrpcTestClient.announced(s.grpc.port(), "h")) {
            assertThat(g.nextNotification(NotificationCase.PEER_JOINED).getPeerJoined().getPeer().getPeerId())
                    .isEqualTo("h");
            h.close(); // the network goes away
            assertThat(w.nextNotification("peer.left").at("/params/peer_id").asText()).isEqualTo("h");
            assertThat(g.nextNotification(NotificationCase.PEER_LEFT).getPeerLeft().getPeerId()).isEqualTo("h");
            // A disconnect without to_peer_id: the peer leaves, the stream stays for another announce.
            assertThat(g.call(r -> r.setDisconnect(DisconnectRequest.newBuilder().setReason("later"))).hasAck()).isTrue();
            final JsonNode left = w.nextNotification("peer.left");
            assertThat(left.at("/params/peer_id").asText()).isEqualTo("g");
            assertThat(left.at("/params/reason").asText()).isEqualTo("later");
            assertThat(g.call(r -> r.setAnnounce(GrpcTestClient.announce("g"))).hasAck()).isTrue();
            // A disconnect to a peer tells it this peer hung up on it.
            assertThat(g.call(r -> r.setDisconnect(DisconnectRequest.newBuilder().setToPeerId("w")
                                                                     .setReason("hang up"))).hasAck()).isTrue();
            final JsonNode hungUp = w.nextNotification("peer.disconnect");
            assertThat(hungUp.at("/params/from").asText()).isEqualTo("g");
            assertThat(hungUp.at("/params/reason").asText()).isEqualTo("hang up");
            final JsonNode relayed = w.call(request("24", "peer.disconnect", "{\"from\":\"w\",\"to\":\"g\",\"reason\":\"x\"}"));
            assertThat(relayed.at("/result/status").asText()).as(relayed.toString()).isEqualTo("relayed");
            final Notification disconnected = g.nextNotification(NotificationCase.STATE_CHANGED);
            assertThat(disconnected.getStateChanged().getFromPeerId()).isEqualTo("w");
            assertThat(disconnected.getStateChanged().getState()).isEqualTo(PeerState.PEER_STATE_DISCONNECTED);
            g.halfClose();
            assertThat(g.awaitStatus().isOk()).isTrue();
            assertThat(w.nextNotification("peer.left").at("/params/peer_id").asText()).isEqualTo("g");
        }
    }

    @Test
    void requestFailuresAreErrorResponsesAndTheStreamStaysOpen() {
        try (Servers s = new Servers(b -> b.maxPeers(2));
             GrpcTestClient taken = GrpcTestClient.announced(s.grpc.port(), "taken");
             GrpcTestClient g = GrpcTestClient.connect(s.grpc.port())) {
            assertError(errorFor(g, r -> r.setOffer(OfferRequest.newBuilder().setToPeerId("x").setSdp(OFFER_SDP)))
                                .getError(), -32006, "FAILED_PRECONDITION", "offer: this connection has not announced");
            assertError(errorFor(g, r -> r.setAnnounce(GrpcTestClient.announce("taken"))).getError(),
                        -32004, "ALREADY_EXISTS", "announce.peer_id: taken is already announced");
            assertError(errorFor(g, r -> r.setAnnounce(GrpcTestClient.announce(""))).getError(),
                        -32602, "INVALID_ARGUMENT", "announce.peer_id: expected 1 to 128 characters");
            assertError(errorFor(g, r -> r.setAnnounce(GrpcTestClient.announce("remotemedia-server"))).getError(),
                        -32602, "INVALID_ARGUMENT", "reserved for the server");
            // A refused announce may be tried again on the same stream.
            assertThat(g.call(r -> r.setAnnounce(GrpcTestClient.announce("g"))).hasAck()).isTrue();
            try (GrpcTestClient third = GrpcTestClient.connect(s.grpc.port())) {
                assertError(errorFor(third, r -> r.setAnnounce(GrpcTestClient.announce("third"))).getError(),
                            -32005, "RESOURCE_EXHAUSTED", "max_peers: 2");
            }
            assertError(errorFor(g, r -> r.setOffer(OfferRequest.newBuilder().setToPeerId("peer-x").setSdp(OFFER_SDP)))
                                .getError(), -32000, "NOT_FOUND", "to_peer_id: peer-x is not announced");
            assertError(errorFor(g, r -> r.setOffer(OfferRequest.newBuilder().setToPeerId("taken").setSdp("garbage")))
                                .getError(), -32002, "INVALID_ARGUMENT", "sdp: an offer must start with v=0");
            assertError(errorFor(g, r -> r.setOffer(OfferRequest.newBuilder().setSdp(OFFER_SDP))).getError(),
                        -32602, "INVALID_ARGUMENT", "to_peer_id: missing");
            assertError(errorFor(g, r -> r.setAnswer(AnswerRequest.newBuilder().setToPeerId("taken").setSdp("x")))
                                .getError(), -32003, "INVALID_ARGUMENT", "sdp: an answer must start with v=0");
            assertError(errorFor(g, r -> r.setIceCandidate(IceCandidateRequest.newBuilder().setToPeerId("g")))
                                .getError(), -32602, "INVALID_ARGUMENT", "to_peer_id: g is this connection's own peer");
            assertError(errorFor(g, r -> r.setOffer(OfferRequest.newBuilder().setToPeerId("remotemedia-server")
                                                                 .setSdp(OFFER_SDP))).getError(),
                        -32001, "UNAVAILABLE", "this server runs no server peer");
            // A oneof case from a newer client (field 99) is unknown here: -32601, and the stream goes on.
            final SignalingRequest unknown = SignalingRequest.newBuilder().setRequestId("u").setUnknownFields(
                    UnknownFieldSet.newBuilder().addField(99, UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.copyFromUtf8("new")).build()).build()).build();
            g.send(unknown);
            final SignalingResponse unknownReply = g.nextResponse();
            assertThat(unknownReply.getRequestId()).isEqualTo("u");
            assertError(unknownReply.getError(), -32601, "UNIMPLEMENTED", "unknown field numbers [99]");
            assertThat(g.call(r -> r.setListPeers(ListPeersRequest.getDefaultInstance())).getPeerList().getPeersCount())
                    .isEqualTo(2);
            assertThat(g.status).isNotDone();
        }
    }

    @Test
    void anOfferBetweenGrpcPeersIsAckedWithTheAnswerOrTimesOut() {
        try (Servers s = new Servers(b -> b.relayTimeout(java.time.Duration.ofMillis(300)));
             GrpcTestClient a = GrpcTestClient.announced(s.grpc.port(), "a");
             GrpcTestClient b = GrpcTestClient.announced(s.grpc.port(), "b")) {
            final String id = a.sendRequest(r -> r.setOffer(OfferRequest.newBuilder().setToPeerId("b").setSdp(OFFER_SDP)));
            assertThat(b.nextNotification(NotificationCase.OFFER).getOffer().getSdp()).isEqualTo(OFFER_SDP);
            b.call(r -> r.setAnswer(AnswerRequest.newBuilder().setToPeerId("a").setSdp(ANSWER_SDP)));
            final SignalingResponse ack = a.nextResponse();
            assertThat(ack.getRequestId()).isEqualTo(id);
            assertThat(ack.getAck().getSdp()).isEqualTo(ANSWER_SDP);
            assertThat(a.nextNotification(NotificationCase.ANSWER).getAnswer().getFromPeerId()).isEqualTo("b");

            // Not answered in time: -32008 DEADLINE_EXCEEDED.
            final SignalingResponse late = a.call(r -> r.setOffer(OfferRequest.newBuilder().setToPeerId("b")
                                                                            .setSdp(OFFER_SDP)));
            assertError(late.getError(), -32008, "DEADLINE_EXCEEDED", "did not answer the offer within 300 ms");
        }
    }

    @Test
    void offersToTheServerReachItsServerPeerHandlerWithThePipeline() throws Exception {
        final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
        final ServerPeerHandler handler = new ServerPeerHandler() {
            @Override
            public CompletableFuture<Answer> offer(Offer offer, ServerPeerSignals signals) {
                calls.add(offer);
                signals.iceCandidate(new IceCandidate("remotemedia-server", offer.from(),
                                                      "candidate:9 1 udp 1 127.0.0.1 10000 typ host", 0, "0", null));
                return CompletableFuture.completedFuture(Answer.to(offer, ANSWER_SDP, true));
            }

            @Override
            public void iceCandidate(IceCandidate candidate) {
                calls.add(candidate);
            }

            @Override
            public void stateChanged(StateChange change) {
                calls.add(change);
            }

            @Override
            public void disconnect(String peerId, String reason) {
                calls.add("disconnect " + peerId);
            }
        };
        try (Servers s = new Servers(b -> b.serverPeerHandler(handler));
             GrpcTestClient g = GrpcTestClient.announced(s.grpc.port(), "g")) {
            // A candidate before the offer is acked and handed on (the handler holds it).
            assertThat(g.call(r -> r.setIceCandidate(IceCandidateRequest.newBuilder().setToPeerId("remotemedia-server")
                    .setCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host").setSdpMid("0"))).hasAck()).isTrue();
            assertThat(((IceCandidate) calls.poll(10, TimeUnit.SECONDS)).from()).isEqualTo("g");
            final SignalingResponse ack = g.call(r -> r.setOffer(OfferRequest.newBuilder()
                    .setToPeerId("remotemedia-server").setSdp(OFFER_SDP).setType("offer").setPipeline("text-upper")));
            assertThat(ack.getAck().getSdp()).isEqualTo(ANSWER_SDP);
            final Offer offer = (Offer) calls.poll(10, TimeUnit.SECONDS);
            assertThat(offer.pipeline()).isEqualTo("text-upper");
            assertThat(offer.from()).isEqualTo("g");
            final Notification candidate = g.nextNotification(NotificationCase.ICE_CANDIDATE);
            assertThat(candidate.getIceCandidate().getFromPeerId()).isEqualTo("remotemedia-server");
            assertThat(g.nextNotification(NotificationCase.ANSWER).getAnswer().getFromPeerId())
                    .isEqualTo("remotemedia-server");
            // End of candidates is acked like any other.
            assertThat(g.call(r -> r.setIceCandidate(IceCandidateRequest.newBuilder()
                    .setToPeerId("remotemedia-server"))).hasAck()).isTrue();
            assertThat(((IceCandidate) calls.poll(10, TimeUnit.SECONDS)).isEndOfCandidates()).isTrue();
            g.close();
            assertThat(calls.poll(10, TimeUnit.SECONDS)).isEqualTo("disconnect g");
        }
    }

    @Test
    void theAuthTokenComesInAnnounceOrAsBearerMetadata() {
        try (Servers s = new Servers(b -> b.authToken("s3cret"));
             GrpcTestClient g = GrpcTestClient.connect(s.grpc.port())) {
            assertError(errorFor(g, r -> r.setListPeers(ListPeersRequest.getDefaultInstance())).getError(),
                        -32007, "UNAUTHENTICATED", "authenticate first");
            assertError(errorFor(g, r -> r.setAnnounce(GrpcTestClient.announce("g"))).getError(),
                        -32007, "UNAUTHENTICATED", "announce.auth_token: missing");
            assertError(errorFor(g, r -> r.setAnnounce(GrpcTestClient.announce("g").setAuthToken("guess"))).getError(),
                        -32007, "UNAUTHENTICATED", "announce.auth_token: does not match");
            assertThat(g.call(r -> r.setAnnounce(GrpcTestClient.announce("g").setAuthToken("s3cret"))).hasAck())
                    .isTrue();
            final Metadata bearer = new Metadata();
            bearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer s3cret");
            try (GrpcTestClient h = GrpcTestClient.connect(s.grpc.port(), bearer)) {
                assertThat(h.call(r -> r.setAnnounce(GrpcTestClient.announce("h"))).hasAck()).isTrue();
            }
        }
    }

    @Test
    void aRequestWithoutRequestIdEndsTheStreamWithInvalidArgument() {
        try (Servers s = new Servers(b -> {});
             GrpcTestClient other = GrpcTestClient.announced(s.grpc.port(), "other");
             GrpcTestClient g = GrpcTestClient.announced(s.grpc.port(), "g")) {
            g.send(SignalingRequest.newBuilder().setListPeers(ListPeersRequest.getDefaultInstance()).build());
            final Status status = g.awaitStatus();
            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).contains("request_id: missing");
            assertThat(other.nextNotification(NotificationCase.PEER_LEFT).getPeerLeft().getPeerId()).isEqualTo("g");
            assertThat(other.call(r -> r.setListPeers(ListPeersRequest.getDefaultInstance())).hasPeerList()).isTrue();
        }
    }

    @Test
    void undecodableAndOversizedMessagesEndTheirStreamAndOthersAreStillServed() {
        try (Servers s = new Servers(b -> b.maxMessageBytes(4096));
             GrpcTestClient other = GrpcTestClient.announced(s.grpc.port(), "other")) {
            assertThat(rawSignal(s.grpc.port(), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}).getCode())
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            final byte[] huge = SignalingRequest.newBuilder().setRequestId("big").setOffer(
                    OfferRequest.newBuilder().setToPeerId("other").setSdp("v=0\r\n" + "a".repeat(10_000)))
                    .build().toByteArray();
            assertThat(rawSignal(s.grpc.port(), huge).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(other.call(r -> r.setListPeers(ListPeersRequest.getDefaultInstance())).hasPeerList()).isTrue();
        }
    }

    @Test
    void aFloodEndsTheStreamWithResourceExhaustedAndOthersAreStillServed() {
        try (Servers s = new Servers(b -> b.messagesPerSecond(5).messageBurst(10));
             GrpcTestClient other = GrpcTestClient.announced(s.grpc.port(), "other");
             GrpcTestClient flood = GrpcTestClient.connect(s.grpc.port())) {
            for (int i = 0; i < 50; i++) {
                flood.send(SignalingRequest.newBuilder().setRequestId("f" + i)
                                           .setListPeers(ListPeersRequest.getDefaultInstance()).build());
            }
            final Status status = flood.awaitStatus();
            assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(status.getDescription()).contains("rate limit exceeded");
            assertThat(other.call(r -> r.setListPeers(ListPeersRequest.getDefaultInstance())).hasPeerList()).isTrue();
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedOnceItsQueueIsFull() {
        try (Servers s = new Servers(b -> b.maxQueuedBytes(64 * 1024).maxMessageBytes(128 * 1024)
                                           .messagesPerSecond(1000).messageBurst(1000));
             GrpcTestClient sender = GrpcTestClient.announced(s.grpc.port(), "sender")) {
            // A Signal stream that announces and then never asks for a message.
            final BlockingQueue<Status> closed = new LinkedBlockingQueue<>();
            final ClientCall<SignalingRequest, SignalingResponse> call = sender.channel.newCall(
                    WebRtcSignalingGrpc.getSignalMethod(), CallOptions.DEFAULT);
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.add(status);
                }
            }, new Metadata());
            call.sendMessage(SignalingRequest.newBuilder().setRequestId("1")
                                             .setAnnounce(GrpcTestClient.announce("deaf")).build());
            assertThat(sender.nextNotification(NotificationCase.PEER_JOINED).getPeerJoined().getPeer().getPeerId())
                    .isEqualTo("deaf");
            final String big = "candidate:" + "x".repeat(100_000);
            for (int i = 0; i < 200 && s.ws.signaling.droppedSlowClients() == 0; i++) {
                sender.send(SignalingRequest.newBuilder().setRequestId("c" + i).setIceCandidate(
                        IceCandidateRequest.newBuilder().setToPeerId("deaf").setCandidate(big)).build());
                sender.nextResponse();
            }
            assertThat(s.ws.signaling.droppedSlowClients()).isEqualTo(1);
            assertThat(sender.nextNotification(NotificationCase.PEER_LEFT).getPeerLeft().getPeerId()).isEqualTo("deaf");
            call.cancel("done", null);
        }
    }

    /** Sends {@code message} as-is in one Signal stream and returns how the stream ended. */
    private static Status rawSignal(int port, byte[] message) {
        try (GrpcTestClient client = GrpcTestClient.connect(port)) {
            final MethodDescriptor<byte[], byte[]> raw = WebRtcSignalingGrpc.getSignalMethod()
                    .toBuilder(new BytesMarshaller(), new BytesMarshaller()).build();
            final CompletableFuture<Status> status = new CompletableFuture<>();
            final ClientCall<byte[], byte[]> call = client.channel.newCall(raw, CallOptions.DEFAULT);
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status s, Metadata trailers) {
                    status.complete(s);
                }
            }, new Metadata());
            call.request(10);
            call.sendMessage(message);
            return status.orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
