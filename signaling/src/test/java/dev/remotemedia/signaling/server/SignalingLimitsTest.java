package dev.remotemedia.signaling.server;

import static dev.remotemedia.signaling.server.Rpc.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN.md §8: size and rate limits, the auth token and the origin check. */
class SignalingLimitsTest {

    @Test
    void anOversizeMessageGetsAnErrorThenTheSocketClosesAndOthersAreServed() {
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.maxMessageBytes(4096));
             RawClient a = RawClient.announced(server.port(), "a"); RawClient b = RawClient.announced(server.port(), "b")) {
            final String big = request("1", "peer.ice_candidate", Rpc.candidate("a", "b", "x".repeat(5000)));
            final JsonNode reply = a.call(big);
            assertThat(reply.at("/error/code").asInt()).isEqualTo(-32600);
            assertThat(reply.at("/error/message").asText()).contains("bytes exceeds the limit of 4096 bytes");
            assertThat(reply.at("/error/data/reason").asText()).isEqualTo("message_too_large");
            assertThat(reply.at("/error/data/limit_bytes").asInt()).isEqualTo(4096);
            assertThat(a.awaitClose()).isEqualTo(1009);
            assertThat(b.nextNotification("peer.left").at("/params/peer_id").asText()).isEqualTo("a");
            assertThat(b.call(request("2", "peer.list", "{}")).at("/result/peers")).hasSize(1);
        }
    }

    @Test
    void aMessageFarPastTheLimitIsClosedByTheWebSocketLayer() {
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.maxMessageBytes(4096));
             RawClient a = RawClient.announced(server.port(), "a"); RawClient b = RawClient.announced(server.port(), "b")) {
            a.send(request("1", "peer.list", "{\"pad\":\"" + "x".repeat(20_000) + "\"}"));
            assertThat(a.awaitClose()).isIn(1009, -1);
            assertThat(b.call(request("2", "peer.list", "{}")).at("/result/peers")).isNotNull();
        }
    }

    @Test
    void aFloodGetsARateLimitErrorThenTheSocketClosesAndOthersAreServed() {
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.messagesPerSecond(5).messageBurst(10));
             RawClient flooder = RawClient.connect(server.port()); RawClient b = RawClient.connect(server.port())) {
            for (int i = 0; i < 50; i++) {
                flooder.send(request(Integer.toString(i), "peer.list", "{}"));
            }
            JsonNode reply = flooder.nextResponse();
            int served = 0;
            while (reply.has("result")) {
                served++;
                reply = flooder.nextResponse();
            }
            assertThat(served).isBetween(10, 12); // the burst, and what accrued meanwhile
            assertThat(reply.at("/error/code").asInt()).isEqualTo(-32600);
            assertThat(reply.at("/error/message").asText()).contains("rate limit exceeded: more than 5 messages per second");
            assertThat(reply.at("/error/data/reason").asText()).isEqualTo("rate_limited");
            assertThat(flooder.awaitClose()).isEqualTo(1008);
            final JsonNode other = b.call(request("\"x\"", "peer.list", "{}"));
            assertThat(other.has("result")).as(other.toString()).isTrue();
        }
    }

    @Test
    void aBatchCountsEachOfItsMessagesAgainstTheRate() {
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.messagesPerSecond(5).messageBurst(10));
             RawClient a = RawClient.connect(server.port())) {
            final StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < 20; i++) {
                batch.append(i == 0 ? "" : ",").append(request(Integer.toString(i), "peer.list", "{}"));
            }
            final JsonNode reply = a.call(batch.append(']').toString());
            assertThat(reply.at("/error/data/reason").asText()).isEqualTo("rate_limited");
            assertThat(a.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void binaryFramesAreRefusedButTheSocketStays() {
        try (SignalingTestServer server = SignalingTestServer.start(b -> {});
             RawClient a = RawClient.connect(server.port())) {
            a.sendBinary(new byte[] {1, 2, 3});
            final JsonNode reply = a.nextResponse();
            assertThat(reply.at("/error/code").asInt()).isEqualTo(-32600);
            assertThat(reply.at("/error/message").asText()).contains("binary frame");
            a.assertNothingPendingAfterRoundTrip();
        }
    }

    @Test
    void withATokenAnnounceNeedsItAsAParamOrABearerHeader() {
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.authToken("s3cret"));
             RawClient a = RawClient.connect(server.port());
             RawClient header = RawClient.connect(server.port(), Map.of("Authorization", "Bearer s3cret"))) {
            JsonNode reply = a.call(request("1", "peer.announce", "{\"peer_id\":\"a\"}"));
            assertThat(reply.at("/error/code").asInt()).isEqualTo(-32007);
            assertThat(reply.at("/error/message").asText()).contains("params.auth_token: missing");
            reply = a.call(request("2", "peer.announce", "{\"peer_id\":\"a\",\"auth_token\":\"guess\"}"));
            assertThat(reply.at("/error/code").asInt()).isEqualTo(-32007);
            assertThat(reply.at("/error/message").asText()).isEqualTo("params.auth_token: does not match");
            reply = a.call(request("3", "peer.list", "{}"));
            assertThat(reply.at("/error/code").asInt()).isEqualTo(-32007);
            assertThat(reply.at("/error/message").asText()).contains("authenticate first");
            reply = a.call(request("4", "peer.announce", "{\"peer_id\":\"a\",\"auth_token\":\"s3cret\"}"));
            assertThat(reply.at("/result/status").asText()).isEqualTo("registered");
            assertThat(a.call(request("5", "peer.list", "{}")).at("/result/peers")).hasSize(1);

            assertThat(header.call(request("6", "peer.announce", "{\"peer_id\":\"h\"}")).at("/result/status").asText())
                    .isEqualTo("registered");
        }
    }

    @Test
    void withoutATokenAnyoneAnnounces() {
        try (SignalingTestServer server = SignalingTestServer.start(b -> {});
             RawClient a = RawClient.connect(server.port())) {
            assertThat(a.call(request("1", "peer.announce", "{\"peer_id\":\"a\",\"auth_token\":\"whatever\"}"))
                        .at("/result/status").asText()).isEqualTo("registered");
        }
    }

    @Test
    void browsersFromOtherOriginsAreRefusedAt403() {
        try (SignalingTestServer server = SignalingTestServer.start(b -> {})) {
            final int port = server.port();
            assertThatThrownBy(() -> RawClient.connect(port, Map.of("Origin", "http://evil.example.com")))
                    .hasStackTraceContaining("403");
            assertThatThrownBy(() -> RawClient.connect(port, Map.of("Origin", "null"))).hasStackTraceContaining("403");
            assertThatThrownBy(() -> RawClient.connect(port, Map.of("Origin", "http://localhost:" + port)))
                    .as("another host name is another origin").hasStackTraceContaining("403");
            try (RawClient same = RawClient.connect(port, Map.of("Origin", "http://127.0.0.1:" + port));
                 RawClient none = RawClient.connect(port)) {
                same.assertNothingPendingAfterRoundTrip();
                none.assertNothingPendingAfterRoundTrip();
            }
        }
        try (SignalingTestServer server = SignalingTestServer.start(
                b -> b.allowedOrigins(java.util.List.of("https://app.example.com")))) {
            final int port = server.port();
            try (RawClient listed = RawClient.connect(port, Map.of("Origin", "https://APP.example.com:443"))) {
                listed.assertNothingPendingAfterRoundTrip();
            }
            assertThatThrownBy(() -> RawClient.connect(port, Map.of("Origin", "http://127.0.0.1:" + port)))
                    .as("a list replaces same-origin").hasStackTraceContaining("403");
        }
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.allowedOrigins(java.util.List.of("*")));
             RawClient any = RawClient.connect(server.port(), Map.of("Origin", "http://evil.example.com"))) {
            any.assertNothingPendingAfterRoundTrip();
        }
    }
}
