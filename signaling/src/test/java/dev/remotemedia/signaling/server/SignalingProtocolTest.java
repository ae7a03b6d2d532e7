package dev.remotemedia.signaling.server;

import static dev.remotemedia.signaling.server.Rpc.notification;
import static dev.remotemedia.signaling.server.Rpc.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN.md §5.1 over real WebSockets: every method, alias and error code, and that the server serves on. */
class SignalingProtocolTest {
    private SignalingTestServer server = SignalingTestServer.start(b -> b
            .clock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))
            .relayTimeout(Duration.ofMillis(300)).maxPeers(3));

    @AfterEach
    void stop() {
        server.close();
    }

    private int port() {
        return server.port();
    }

    private static void assertError(JsonNode reply, Object id, int code, String messagePart) {
        assertThat(reply.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(reply.path("error").path("code").asInt()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.path("error").path("message").asText()).as(reply.toString()).contains(messagePart)
                                                                  .doesNotContain("Exception").doesNotContain("\tat ");
        if (id == null) {
            assertThat(reply.get("id").isNull()).as(reply.toString()).isTrue();
        } else {
            assertThat(reply.get("id").asText()).isEqualTo(id.toString());
        }
    }

    @Test
    void announceRegistersReturnsTheOthersAndTellsThem() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.connect(port())) {
            final JsonNode reply = b.call(request("7", "peer.announce",
                    "{\"peer_id\":\"b\",\"capabilities\":[\"audio\",\"video\",\"data\"],\"user_data\":{\"name\":\"Bob\"}}"));
            assertThat(reply.get("id").asInt()).isEqualTo(7);
            final JsonNode result = reply.get("result");
            assertThat(result.get("status").asText()).isEqualTo("registered");
            assertThat(result.get("registered_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
            assertThat(result.get("peers")).hasSize(1);
            assertThat(result.get("peers").get(0).get("peer_id").asText()).isEqualTo("a");

            final JsonNode announced = a.nextNotification("peer.announced");
            assertThat(announced.get("params").get("peer_id").asText()).isEqualTo("b");
            assertThat(announced.get("params").get("capabilities").toString()).isEqualTo("[\"audio\",\"video\",\"data\"]");
            assertThat(announced.get("params").get("user_data").get("name").asText()).isEqualTo("Bob");
            assertThat(server.signaling.peerCount()).isEqualTo(2);
        }
    }

    @Test
    void theUnprefixedAliasesWork() {
        try (RawClient a = RawClient.connect(port()); RawClient b = RawClient.announced(port(), "b")) {
            assertThat(a.call(request("1", "announce", "{\"peer_id\":\"a\"}")).at("/result/status").asText())
                    .isEqualTo("registered");
            b.nextNotification("peer.announced");
            a.send(request("2", "offer", Rpc.offer("a", "b", "r1")));
            final JsonNode forwarded = b.nextCall();
            assertThat(forwarded.get("method").asText()).isEqualTo("peer.offer");
            b.send(request("3", "answer", Rpc.answer("b", "a", "r1")));
            assertThat(b.nextResponse().at("/result/status").asText()).isEqualTo("delivered");
            assertThat(a.nextResponse().at("/result/sdp").asText()).startsWith("v=0");
            a.send(notification("ice_candidate", Rpc.candidate("a", "b", "candidate:1 1 udp 1 127.0.0.1 9 typ host")));
            assertThat(b.nextCall().get("method").asText()).isEqualTo("peer.ice_candidate");
            assertThat(a.call(request("4", "disconnect", "{\"from\":\"a\",\"to\":\"b\",\"reason\":\"bye\"}"))
                        .at("/result/status").asText()).isEqualTo("relayed");
            assertThat(b.nextCall().get("method").asText()).isEqualTo("peer.disconnect");
        }
    }

    @Test
    void listWorksBeforeAnnouncingAndShowsReportedStates() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b");
             RawClient observer = RawClient.connect(port())) {
            a.send(notification("peer.state_changed", "{\"from\":\"a\",\"to\":\"b\",\"connection_state\":\"connecting\"}"));
            assertThat(b.nextNotification("peer.state_changed").at("/params/connection_state").asText())
                    .isEqualTo("connecting");
            final JsonNode peers = observer.call(request("\"l\"", "peer.list", "{}")).at("/result/peers");
            assertThat(peers).hasSize(2);
            for (JsonNode peer : peers) {
                assertThat(peer.get("state").asText()).isEqualTo(peer.get("peer_id").asText().equals("a")
                                                                 ? "connecting" : "new");
                assertThat(peer.get("capabilities").toString()).isEqualTo("[\"data\"]");
            }
        }
    }

    @Test
    void offerIsForwardedAndTheReceiversResultBecomesTheOffersResult() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            a.send(request("10", "peer.offer", Rpc.offer("a", "b", "r1")));
            final JsonNode forwarded = b.nextCall();
            assertThat(forwarded.get("method").asText()).isEqualTo("peer.offer");
            assertThat(forwarded.at("/params/from").asText()).isEqualTo("a");
            assertThat(forwarded.at("/params/request_id").asText()).isEqualTo("r1");
            assertThat(forwarded.at("/params/can_trickle_ice_candidates").asBoolean()).isTrue();
            b.send("{\"jsonrpc\":\"2.0\",\"id\":" + forwarded.get("id") + ",\"result\":{\"sdp\":\"" + Rpc.ANSWER_SDP
                   + "\",\"can_trickle_ice_candidates\":false}}");
            final JsonNode reply = a.nextResponse();
            assertThat(reply.get("id").asInt()).isEqualTo(10);
            assertThat(reply.at("/result/sdp").asText()).isEqualTo("v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\n");
            assertThat(reply.at("/result/can_trickle_ice_candidates").asBoolean()).isFalse();
            assertThat(reply.at("/result/request_id").asText()).isEqualTo("r1");

            // And the other way round, answered with peer.answer as a notification.
            a.nextNotification("peer.announced");
            b.send(request("11", "peer.offer", Rpc.offer("b", "a", "r2")));
            final JsonNode back = a.nextCall();
            assertThat(back.at("/params/from").asText()).isEqualTo("b");
            a.send(notification("peer.answer", Rpc.answer("a", "b", "r2")));
            assertThat(b.nextResponse().at("/result/request_id").asText()).isEqualTo("r2");
        }
    }

    @Test
    void offersAndAnswersSentAsNotificationsAreRelayedAsNotifications() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            a.nextNotification("peer.announced");
            a.send(notification("peer.offer", Rpc.offer("a", "b", "n1")));
            final JsonNode offer = b.nextCall();
            assertThat(offer.has("id")).isFalse();
            assertThat(offer.get("method").asText()).isEqualTo("peer.offer");
            assertThat(b.call(request("1", "peer.answer", Rpc.answer("b", "a", "n1"))).at("/result/status").asText())
                    .isEqualTo("relayed");
            final JsonNode answer = a.nextCall();
            assertThat(answer.get("method").asText()).isEqualTo("peer.answer");
            assertThat(answer.at("/params/request_id").asText()).isEqualTo("n1");
            assertThat(answer.at("/params/sdp").asText()).startsWith("v=0");
        }
    }

    @Test
    void trickleCandidatesIncludingTheEndOfCandidatesAreRelayed() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            a.send(notification("peer.ice_candidate",
                    "{\"from\":\"a\",\"to\":\"b\",\"candidate\":\"candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host\","
                    + "\"sdp_m_line_index\":0,\"sdp_mid\":\"0\",\"user_fragment\":\"uf\"}"));
            a.send(notification("peer.ice_candidate", Rpc.candidate("a", "b", "")));
            final JsonNode first = b.nextNotification("peer.ice_candidate").get("params");
            assertThat(first.get("candidate").asText()).startsWith("candidate:1 1 udp");
            assertThat(first.get("sdp_m_line_index").asInt()).isZero();
            assertThat(first.get("sdp_mid").asText()).isEqualTo("0");
            assertThat(first.get("user_fragment").asText()).isEqualTo("uf");
            assertThat(first.get("from").asText()).isEqualTo("a");
            final JsonNode end = b.nextNotification("peer.ice_candidate").get("params");
            assertThat(end.get("candidate").asText()).isEmpty();
            // As a request it is answered too.
            assertThat(a.call(request("5", "peer.ice_candidate", Rpc.candidate("a", "b", "")))
                        .at("/result/status").asText()).isEqualTo("relayed");
        }
    }

    @Test
    void stateChangesAreRelayedWithEveryState() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            a.send(notification("peer.state_changed", "{\"from\":\"a\",\"to\":\"b\",\"connection_state\":\"connected\","
                    + "\"ice_connection_state\":\"checking\",\"ice_gathering_state\":\"complete\","
                    + "\"signaling_state\":\"stable\"}"));
            final JsonNode params = b.nextNotification("peer.state_changed").get("params");
            assertThat(params.get("from").asText()).isEqualTo("a");
            assertThat(params.get("connection_state").asText()).isEqualTo("connected");
            assertThat(params.get("ice_connection_state").asText()).isEqualTo("checking");
            assertThat(params.get("ice_gathering_state").asText()).isEqualTo("complete");
            assertThat(params.get("signaling_state").asText()).isEqualTo("stable");
        }
    }

    @Test
    void disconnectWithoutToLeavesAndEveryoneGetsPeerLeftButTheSocketStays() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b");
             RawClient c = RawClient.announced(port(), "c")) {
            assertThat(a.call(request("1", "peer.disconnect", "{\"from\":\"a\",\"reason\":\"going away\"}"))
                        .at("/result/status").asText()).isEqualTo("disconnected");
            for (RawClient other : new RawClient[] {b, c}) {
                final JsonNode left = other.nextNotification("peer.left");
                assertThat(left.at("/params/peer_id").asText()).isEqualTo("a");
                assertThat(left.at("/params/reason").asText()).isEqualTo("going away");
            }
            assertThat(server.signaling.peerCount()).isEqualTo(2);
            // The socket is still served, and may announce again.
            assertError(a.call(request("2", "peer.ice_candidate", Rpc.candidate("a", "b", ""))), 2, -32006,
                        "has not announced");
            assertThat(a.call(request("3", "peer.announce", "{\"peer_id\":\"a\"}")).at("/result/status").asText())
                    .isEqualTo("registered");
        }
    }

    @Test
    void aClosedSocketMeansPeerLeftForEveryone() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            a.nextNotification("peer.announced");
            final RawClient c = RawClient.announced(port(), "c");
            a.nextNotification("peer.announced");
            b.nextNotification("peer.announced");
            c.close();
            assertThat(a.nextNotification("peer.left").at("/params/peer_id").asText()).isEqualTo("c");
            assertThat(b.nextNotification("peer.left").at("/params/peer_id").asText()).isEqualTo("c");
            a.assertNoCallsAfterRoundTrip(); // one peer.left per departure
            assertThat(server.signaling.peerCount()).isEqualTo(2);
        }
    }

    @Test
    void aDroppedConnectionIsAPeerLeft() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            assertThat(server.signaling.dropConnection("b")).isTrue();
            assertThat(server.signaling.dropConnection("nobody")).isFalse();
            assertThat(b.awaitClose()).isNotEqualTo(1000);
            final JsonNode left = a.nextNotification("peer.left");
            assertThat(left.at("/params/peer_id").asText()).isEqualTo("b");
            assertThat(left.at("/params/reason").asText()).isEqualTo("connection lost");
        }
    }

    // ---- errors ----

    @Test
    void malformedJsonIsAParseErrorAndTheServerServesOn() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            assertError(a.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"), null, -32700, "parse error");
            assertError(a.call("not json"), null, -32700, "line 1, column");
            assertError(a.call("{} {}"), null, -32700, "text after the JSON value");
            assertError(a.call("[".repeat(100)), null, -32700, "nesting depth");
            a.assertNothingPendingAfterRoundTrip();
            b.assertNothingPendingAfterRoundTrip();
            assertThat(b.call(request("9", "peer.list", "{}")).at("/result/peers")).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"peer.list\"}          | 3    | jsonrpc: expected \"2.0\", got \"1.0\"",
        "{\"id\":4,\"method\":\"peer.list\"}                              | 4    | jsonrpc: expected \"2.0\", got nothing",
        "{\"jsonrpc\":\"2.0\",\"id\":5}                                   | 5    | expected a request",
        "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":7}                      | 6    | method: expected a non-empty string, got a number",
        "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"peer.list\"}  |      | id: expected a string, a number or null, got an object",
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"peer.list\",\"params\":\"x\"} | 8 | params: expected an object or an array, got a string",
        "[]                                                                |      | empty batch",
        "42                                                                |      | expected a JSON-RPC object, got a number",
    })
    void invalidRequestsGetMinus32600WithTheirIdWhenReadable(String text, String id, String message) {
        try (RawClient a = RawClient.connect(port())) {
            assertError(a.call(text), id, -32600, message);
            a.assertNothingPendingAfterRoundTrip();
        }
    }

    @Test
    void unknownMethodsAreMinus32601AndUnknownNotificationsGetNothing() {
        try (RawClient a = RawClient.connect(port())) {
            final JsonNode reply = a.call(request("\"m\"", "peer.teleport", "{}"));
            assertError(reply, "m", -32601, "method not found: peer.teleport");
            a.send(notification("peer.teleport", "{}"));
            a.assertNothingPendingAfterRoundTrip();
        }
    }

    @Test
    void wrongParamTypesAreMinus32602NamingTheParam() {
        try (RawClient a = RawClient.connect(port()); RawClient b = RawClient.announced(port(), "b")) {
            assertError(a.call(request("1", "peer.announce", "{\"peer_id\":42}")), 1, -32602,
                        "params.peer_id: expected a string, got a number");
            assertError(a.call(request("2", "peer.announce", "[\"a\"]")), 2, -32602,
                        "params: expected an object of named params, got an array");
            assertError(a.call(request("3", "peer.announce", "{\"peer_id\":\"a\",\"capabilities\":\"data\"}")), 3,
                        -32602, "params.capabilities: expected an array of strings");
            assertError(a.call(request("4", "peer.announce", "{}")), 4, -32602, "params.peer_id: missing");
            assertError(a.call(request("5", "peer.announce", "{\"peer_id\":\"remotemedia-server\"}")), 5, -32602,
                        "reserved for the server");
            a.call(request("6", "peer.announce", "{\"peer_id\":\"a\"}"));
            assertError(a.call(request("7", "peer.offer", "{\"from\":\"a\",\"to\":\"b\",\"sdp\":5}")), 7, -32602,
                        "params.sdp: expected a string, got a number");
            assertError(a.call(request("8", "peer.ice_candidate",
                                       "{\"from\":\"a\",\"to\":\"b\",\"candidate\":\"\",\"sdp_m_line_index\":\"0\"}")),
                        8, -32602, "params.sdp_m_line_index: expected a non-negative integer, got a string");
            assertError(a.call(request("9", "peer.offer", "{\"from\":\"a\",\"to\":\"a\",\"sdp\":\"" + Rpc.OFFER_SDP + "\"}")),
                        9, -32602, "params.to: a is this connection's own peer");
            assertError(a.call(request("10", "peer.announce", "{\"peer_id\":\"other\"}")), 10, -32602,
                        "already announced as a");
            assertError(a.call(request("11", "peer.answer", "{\"from\":\"a\",\"to\":\"b\",\"sdp\":\"" + Rpc.ANSWER_SDP + "\"}")),
                        11, -32602, "params.request_id: missing");
            assertThat(b.call(request("12", "peer.list", "{}")).at("/result/peers")).hasSize(2);
        }
    }

    @Test
    void relayingToAPeerThatIsNotAnnouncedIsMinus32000() {
        try (RawClient a = RawClient.announced(port(), "a")) {
            assertError(a.call(request("1", "peer.offer", Rpc.offer("a", "peer-x", "r"))), 1, -32000,
                        "to: peer-x is not announced");
            assertError(a.call(request("2", "peer.ice_candidate", Rpc.candidate("a", "peer-x", ""))), 2, -32000,
                        "peer-x is not announced");
            assertError(a.call(request("3", "peer.state_changed", "{\"from\":\"a\",\"to\":\"peer-x\"}")), 3, -32000,
                        "peer-x is not announced");
            assertError(a.call(request("4", "peer.disconnect", "{\"from\":\"a\",\"to\":\"peer-x\"}")), 4, -32000,
                        "peer-x is not announced");
            assertError(a.call(request("5", "peer.answer", Rpc.answer("a", "peer-x", "r"))), 5, -32000,
                        "peer-x is not announced");
        }
    }

    @Test
    void theServerPeerWithoutAHandlerIsMinus32001AndSoIsAnAnswererThatLeaves() {
        try (RawClient a = RawClient.announced(port(), "a")) {
            assertError(a.call(request("1", "peer.offer", Rpc.offer("a", "remotemedia-server", "r"))), 1, -32001,
                        "this server runs no server peer");
            final RawClient b = RawClient.announced(port(), "b");
            a.nextNotification("peer.announced");
            a.send(request("2", "peer.offer", Rpc.offer("a", "b", "r2")));
            assertThat(b.nextCall().get("method").asText()).isEqualTo("peer.offer");
            b.close();
            final JsonNode reply = a.nextResponse();
            assertError(reply, 2, -32001, "to: b left before answering the offer");
        }
    }

    @Test
    void anOfferWhoseSdpIsNotSdpIsMinus32002() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            assertError(a.call(request("1", "peer.offer", "{\"from\":\"a\",\"to\":\"b\",\"sdp\":\"hello\"}")), 1,
                        -32002, "params.sdp: an offer must start with v=0");
        }
    }

    @Test
    void badAnswersAreMinus32003() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            assertError(b.call(request("1", "peer.answer", "{\"from\":\"b\",\"to\":\"a\",\"sdp\":\"\",\"request_id\":1}")),
                        1, -32003, "params.sdp: an answer must start with v=0");
            assertError(b.call(request("2", "peer.answer", Rpc.answer("b", "remotemedia-server", "1"))), 2, -32003,
                        "sends no offers");
            a.send(request("3", "peer.offer", Rpc.offer("a", "b", "r3")));
            final JsonNode forwarded = b.nextCall();
            b.send("{\"jsonrpc\":\"2.0\",\"id\":" + forwarded.get("id") + ",\"result\":{\"nosdp\":true}}");
            final JsonNode reply = a.nextResponse();
            assertError(reply, 3, -32003, "to: b answered with an invalid result: params.sdp: missing");
        }
    }

    @Test
    void aTakenPeerIdIsMinus32004() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient twin = RawClient.connect(port())) {
            assertError(twin.call(request("1", "peer.announce", "{\"peer_id\":\"a\"}")), 1, -32004,
                        "a is already announced by another connection");
            // Announcing the same id again on the same connection is fine.
            assertThat(a.call(request("2", "peer.announce", "{\"peer_id\":\"a\"}")).at("/result/status").asText())
                    .isEqualTo("registered");
        }
    }

    @Test
    void pastMaxPeersIsMinus32005() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b");
             RawClient c = RawClient.announced(port(), "c"); RawClient d = RawClient.connect(port())) {
            assertError(d.call(request("1", "peer.announce", "{\"peer_id\":\"d\"}")), 1, -32005,
                        "max_peers: 3 peers are announced, the most this server allows");
            assertThat(c.call(request("2", "peer.disconnect", "{\"from\":\"c\"}")).at("/result/status").asText())
                    .isEqualTo("disconnected");
            assertThat(d.call(request("3", "peer.announce", "{\"peer_id\":\"d\"}")).at("/result/status").asText())
                    .isEqualTo("registered");
        }
    }

    @Test
    void relayingBeforeAnnouncingIsMinus32006() {
        try (RawClient a = RawClient.connect(port())) {
            for (String method : new String[] {"peer.offer", "peer.answer", "peer.ice_candidate", "peer.state_changed",
                                               "peer.disconnect"}) {
                assertError(a.call(request("1", method, "{}")), 1, -32006,
                            method + ": this connection has not announced a peer");
            }
        }
    }

    @Test
    void speakingForAnotherPeerIsRefusedWithMinus32007() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b");
             RawClient c = RawClient.announced(port(), "c")) {
            assertError(a.call(request("1", "peer.offer", Rpc.offer("b", "c", "r"))), 1, -32007,
                        "params.from: this connection speaks for a, not b");
            assertError(a.call(request("2", "peer.ice_candidate", Rpc.candidate("b", "c", ""))), 2, -32007, "not b");
            assertError(a.call(request("3", "peer.disconnect", "{\"from\":\"b\"}")), 3, -32007, "not b");
            a.send(notification("peer.ice_candidate", Rpc.candidate("b", "c", "spoofed")));
            a.assertNothingPendingAfterRoundTrip();
            // c got nothing spoofed: the next thing it sees is a's real candidate.
            a.send(notification("peer.ice_candidate", Rpc.candidate("a", "c", "real")));
            assertThat(c.nextNotification("peer.ice_candidate").at("/params/candidate").asText()).isEqualTo("real");
            assertThat(server.signaling.peerCount()).isEqualTo(3);
        }
    }

    @Test
    void anUnansweredOfferTimesOutWithMinus32008() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            a.send(request("1", "peer.offer", Rpc.offer("a", "b", "slow")));
            assertThat(b.nextCall().get("method").asText()).isEqualTo("peer.offer");
            final JsonNode reply = a.nextResponse();
            assertError(reply, 1, -32008, "to: b did not answer the offer within 300 ms");
            // A late answer finds nothing waiting and is relayed as a notification instead.
            assertThat(b.call(request("2", "peer.answer", Rpc.answer("b", "a", "slow"))).at("/result/status").asText())
                    .isEqualTo("relayed");
        }
    }

    @Test
    void aDuplicateRequestIdWhileOneIsPendingIsMinus32602() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            a.nextNotification("peer.announced");
            a.send(request("1", "peer.offer", Rpc.offer("a", "b", "dup")));
            b.nextCall();
            assertError(a.call(request("2", "peer.offer", Rpc.offer("a", "b", "dup"))), 2, -32602,
                        "request_id dup is already waiting");
        }
    }

    // ---- batches ----

    @Test
    void aBatchGetsOneArrayWithAResponsePerRequestAndNoneForNotifications() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            final JsonNode replies = a.call("[" + request("1", "peer.list", "{}") + ","
                    + notification("peer.ice_candidate", Rpc.candidate("a", "b", "")) + ","
                    + request("2", "peer.nothing", "{}") + ",{\"jsonrpc\":\"2.0\"},"
                    + request("3", "peer.state_changed", "{\"from\":\"a\",\"to\":\"b\"}") + "]");
            assertThat(replies.isArray()).isTrue();
            assertThat(replies).hasSize(4);
            assertThat(replies.get(0).at("/result/peers")).hasSize(2);
            assertError(replies.get(1), 2, -32601, "peer.nothing");
            assertError(replies.get(2), null, -32600, "[3]: expected a request");
            assertThat(replies.get(3).at("/result/status").asText()).isEqualTo("relayed");
            assertThat(b.nextNotification("peer.ice_candidate")).isNotNull();
            assertThat(b.nextNotification("peer.state_changed")).isNotNull();
        }
    }

    @Test
    void aBatchOfOnlyNotificationsGetsNoResponse() {
        try (RawClient a = RawClient.announced(port(), "a"); RawClient b = RawClient.announced(port(), "b")) {
            a.send("[" + notification("peer.ice_candidate", Rpc.candidate("a", "b", "c1")) + ","
                   + notification("peer.ice_candidate", Rpc.candidate("a", "b", "c2")) + ","
                   + notification("peer.nothing", "{}") + "]");
            assertThat(b.nextNotification("peer.ice_candidate").at("/params/candidate").asText()).isEqualTo("c1");
            assertThat(b.nextNotification("peer.ice_candidate").at("/params/candidate").asText()).isEqualTo("c2");
            a.assertNothingPendingAfterRoundTrip();
        }
    }

    @Test
    void idsMayBeStringsNumbersOrNull() {
        try (RawClient a = RawClient.connect(port())) {
            assertThat(a.call(request("\"abc\"", "peer.list", "{}")).get("id").asText()).isEqualTo("abc");
            assertThat(a.call(request("12.5", "peer.list", "{}")).get("id").asDouble()).isEqualTo(12.5);
            final JsonNode nullId = a.call(request("null", "peer.list", "{}"));
            assertThat(nullId.get("id").isNull()).isTrue();
            assertThat(nullId.has("result")).isTrue();
        }
    }
}
