package dev.remotemedia.signaling.server;

import static dev.remotemedia.signaling.server.Rpc.ANSWER_SDP;
import static dev.remotemedia.signaling.server.Rpc.OFFER_SDP;
import static dev.remotemedia.signaling.server.Rpc.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotemedia.signaling.cluster.ClusterStartException;
import dev.remotemedia.signaling.grpc.v1.AnswerRequest;
import dev.remotemedia.signaling.grpc.v1.Notification.NotificationCase;
import dev.remotemedia.signaling.grpc.v1.OfferRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.testing.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several signaling servers in one cluster on a real redis-server (issue 15): one namespace of
 * peers, relays between nodes with their correlation and timeouts, cluster-wide duplicate ids and
 * max_peers decided atomically, hostile messages on the cluster's channels.
 */
class ClusterSignalingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RedisServerProcess redis;
    private ClusterNodes cluster;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void newCluster() {
        cluster = new ClusterNodes(redis);
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    @Test
    void peers_on_two_nodes_are_one_namespace_and_reach_each_other() {
        final SignalingTestServer a = cluster.start("a", b -> {});
        final SignalingTestServer b = cluster.start("b", b2 -> {});
        try (RawClient x = RawClient.announced(a.port(), "x");
             RawClient y = RawClient.connect(b.port())) {
            ClusterNodes.await("node b knows x", WAIT, () -> b.signaling.clusterPeerCount() == 1);
            final JsonNode registered = y.call(request("\"a\"", "peer.announce", "{\"peer_id\":\"y\"}"));
            assertThat(registered.at("/result/peers").findValuesAsText("peer_id")).as(registered.toString())
                    .containsExactly("x");
            assertThat(x.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("y");
            final JsonNode list = x.call(request("2", "peer.list", "{}"));
            assertThat(list.at("/result/peers").findValuesAsText("peer_id")).containsExactlyInAnyOrder("x", "y");
            assertThat(a.signaling.peerCount()).isEqualTo(1);
            assertThat(a.signaling.clusterPeerCount()).isEqualTo(2);

            // An offer as a request: forwarded to y on node b, y's result is x's result.
            x.send(request("3", "peer.offer", Rpc.offer("x", "y", "o1")));
            final JsonNode forwarded = nextRequest(y, "peer.offer");
            assertThat(forwarded.at("/params/from").asText()).isEqualTo("x");
            assertThat(forwarded.at("/params/request_id").asText()).isEqualTo("o1");
            assertThat(forwarded.at("/params/sdp").asText()).isEqualTo(OFFER_SDP.replace("\\r\\n", "\r\n"));
            y.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + forwarded.path("id").asText() + "\",\"result\":{\"sdp\":\""
                   + ANSWER_SDP + "\"}}");
            final JsonNode answered = x.nextResponse();
            assertThat(answered.path("id").asInt()).as(answered.toString()).isEqualTo(3);
            assertThat(answered.at("/result/sdp").asText()).isEqualTo(ANSWER_SDP.replace("\\r\\n", "\r\n"));
            assertThat(answered.at("/result/request_id").asText()).isEqualTo("o1");

            // The other way, answered with peer.answer by request id.
            y.send(request("4", "peer.offer", Rpc.offer("y", "x", "o2")));
            final JsonNode toX = nextRequest(x, "peer.offer");
            assertThat(toX.at("/params/from").asText()).isEqualTo("y");
            final JsonNode delivered = x.call(request("5", "peer.answer", Rpc.answer("x", "y", "o2")));
            assertThat(delivered.at("/result/status").asText()).as(delivered.toString()).isEqualTo("delivered");
            final JsonNode yResult = y.nextResponse();
            assertThat(yResult.path("id").asInt()).isEqualTo(4);
            assertThat(yResult.at("/result/sdp").asText()).isEqualTo(ANSWER_SDP.replace("\\r\\n", "\r\n"));

            // Candidates, states and a hang-up cross too.
            final JsonNode relayed = y.call(request("6", "peer.ice_candidate",
                                                    Rpc.candidate("y", "x", "candidate:1 1 udp 9 127.0.0.1 5000 typ host")));
            assertThat(relayed.at("/result/status").asText()).as(relayed.toString()).isEqualTo("relayed");
            final JsonNode candidate = x.nextNotification("peer.ice_candidate");
            assertThat(candidate.at("/params/candidate").asText()).isEqualTo("candidate:1 1 udp 9 127.0.0.1 5000 typ host");
            assertThat(candidate.at("/params/from").asText()).isEqualTo("y");
            x.call(request("7", "peer.state_changed",
                           "{\"from\":\"x\",\"to\":\"y\",\"connection_state\":\"connected\"}"));
            assertThat(y.nextNotification("peer.state_changed").at("/params/connection_state").asText())
                    .isEqualTo("connected");
            x.call(request("8", "peer.disconnect", "{\"from\":\"x\",\"to\":\"y\",\"reason\":\"done\"}"));
            final JsonNode hungUp = y.nextNotification("peer.disconnect");
            assertThat(hungUp.at("/params/from").asText()).isEqualTo("x");
            assertThat(hungUp.at("/params/reason").asText()).isEqualTo("done");

            // Spoofing another peer's from is refused at the sender's own node, as it is alone.
            final JsonNode spoofed = y.call(request("9", "peer.ice_candidate", Rpc.candidate("x", "y", "c")));
            assertThat(spoofed.at("/error/code").asInt()).isEqualTo(-32007);

            assertThat(a.signaling.cluster().relaysSent()).isGreaterThanOrEqualTo(4);
            assertThat(b.signaling.cluster().relaysReceived()).isGreaterThanOrEqualTo(4);
            assertThat(a.signaling.cluster().relayLatencyCount()).isGreaterThanOrEqualTo(4);
            assertThat(a.signaling.cluster().relaysUndeliverable()).isZero();
        }
        // y's socket closed: x hears it left, through node b.
        try (RawClient x2 = RawClient.announced(a.port(), "x2")) {
            ClusterNodes.await("node a forgets y", WAIT, () -> a.signaling.clusterPeerCount() == 1);
            assertThat(x2.call(request("1", "peer.list", "{}")).at("/result/peers").findValuesAsText("peer_id"))
                    .containsExactly("x2");
        }
    }

    @Test
    void a_peer_leaving_on_one_node_is_peer_left_on_the_others() {
        final SignalingTestServer a = cluster.start("a", b -> {});
        final SignalingTestServer b = cluster.start("b", b2 -> {});
        try (RawClient x = RawClient.announced(a.port(), "x")) {
            ClusterNodes.await("node b knows x", WAIT, () -> b.signaling.clusterPeerCount() == 1);
            final RawClient y = RawClient.announced(b.port(), "y");
            assertThat(x.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("y");
            y.call(request("1", "peer.disconnect", "{\"from\":\"y\",\"reason\":\"bye\"}"));
            final JsonNode left = x.nextNotification("peer.left");
            assertThat(left.at("/params/peer_id").asText()).isEqualTo("y");
            assertThat(left.at("/params/reason").asText()).isEqualTo("bye");
            y.close();

            // A node that shuts down takes its peers with it, at once.
            final RawClient z = RawClient.announced(b.port(), "z");
            assertThat(x.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("z");
            b.close();
            final JsonNode gone = x.nextNotification("peer.left");
            assertThat(gone.at("/params/peer_id").asText()).isEqualTo("z");
            assertThat(gone.at("/params/reason").asText()).contains("node b shut down");
            z.close();
        }
    }

    @Test
    void a_forwarded_offer_that_is_not_answered_times_out_for_its_sender() {
        final SignalingTestServer a = cluster.start("a", b -> b.relayTimeout(Duration.ofMillis(400)));
        final SignalingTestServer b = cluster.start("b", b2 -> b2.relayTimeout(Duration.ofMillis(400)));
        try (RawClient y = RawClient.announced(b.port(), "y")) {
            ClusterNodes.await("node a knows y", WAIT, () -> a.signaling.clusterPeerCount() == 1);
            try (RawClient x = RawClient.announced(a.port(), "x")) {
                x.send(request("1", "peer.offer", Rpc.offer("x", "y", "o1")));
                assertThat(nextRequest(y, "peer.offer").at("/params/from").asText()).isEqualTo("x");
                final JsonNode error = x.nextResponse();
                assertThat(error.at("/error/code").asInt()).as(error.toString()).isEqualTo(-32008);
                assertThat(error.at("/error/message").asText()).contains("y did not answer");
            }
        }
    }

    @Test
    void a_grpc_peer_and_a_websocket_peer_on_different_nodes_offer_and_answer() {
        final SignalingTestServer a = cluster.start("a", b -> {});
        final SignalingTestServer b = cluster.start("b", b2 -> {});
        try (GrpcSignalingServer grpc = GrpcSignalingServer.builder(a.signaling).address("127.0.0.1", 0).start();
             RawClient w = RawClient.announced(b.port(), "w")) {
            ClusterNodes.await("node a knows w", WAIT, () -> a.signaling.clusterPeerCount() == 1);
            try (GrpcTestClient g = GrpcTestClient.announced(grpc.port(), "g")) {
                assertThat(w.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("g");
                final String offerId = g.sendRequest(r -> r.setOffer(OfferRequest.newBuilder().setToPeerId("w")
                        .setSdp(OFFER_SDP.replace("\\r\\n", "\r\n")).setType("offer")));
                final JsonNode forwarded = nextRequest(w, "peer.offer");
                assertThat(forwarded.at("/params/from").asText()).isEqualTo("g");
                w.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + forwarded.path("id").asText() + "\",\"result\":{\"sdp\":\""
                       + ANSWER_SDP + "\"}}");
                final SignalingResponse ack = g.nextResponse();
                assertThat(ack.getRequestId()).isEqualTo(offerId);
                assertThat(ack.getAck().getSdp()).isEqualTo(ANSWER_SDP.replace("\\r\\n", "\r\n"));

                w.send(request("2", "peer.offer", Rpc.offer("w", "g", "o2")));
                assertThat(g.nextNotification(NotificationCase.OFFER).getOffer().getFromPeerId()).isEqualTo("w");
                assertThat(g.call(r -> r.setAnswer(AnswerRequest.newBuilder().setToPeerId("w")
                        .setSdp(ANSWER_SDP.replace("\\r\\n", "\r\n")).setType("answer"))).hasAck()).isTrue();
                final JsonNode result = w.nextResponse();
                assertThat(result.path("id").asInt()).isEqualTo(2);
                assertThat(result.at("/result/sdp").asText()).isEqualTo(ANSWER_SDP.replace("\\r\\n", "\r\n"));
            }
        }
    }

    @Test
    void nodes_racing_for_one_peer_id_give_one_winner() {
        final List<SignalingTestServer> nodes = List.of(cluster.start("a", b -> {}), cluster.start("b", b -> {}),
                                                        cluster.start("c", b -> {}));
        for (int round = 0; round < 15; round++) {
            final String id = "dup-" + round;
            final List<RawClient> clients = new ArrayList<>();
            try {
                for (SignalingTestServer node : nodes) {
                    clients.add(RawClient.connect(node.port()));
                }
                // All three announces leave before any answer comes back.
                clients.forEach(c -> c.send(request("\"r\"", "peer.announce", "{\"peer_id\":\"" + id + "\"}")));
                int winners = 0;
                for (RawClient c : clients) {
                    final JsonNode reply = c.nextResponse();
                    if ("registered".equals(reply.at("/result/status").asText())) {
                        winners++;
                    } else {
                        assertThat(reply.at("/error/code").asInt()).as(reply.toString()).isEqualTo(-32004);
                        assertThat(reply.at("/error/message").asText()).contains(id + " is already announced");
                    }
                }
                assertThat(winners).as("winners for " + id).isEqualTo(1);
            } finally {
                clients.forEach(RawClient::close);
            }
        }
    }

    @Test
    void max_peers_holds_across_nodes_even_when_they_race() {
        final List<SignalingTestServer> nodes = List.of(cluster.start("a", b -> b.maxPeers(4)),
                                                        cluster.start("b", b -> b.maxPeers(4)),
                                                        cluster.start("c", b -> b.maxPeers(4)));
        final List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 9; i++) {
                clients.add(RawClient.connect(nodes.get(i % 3).port()));
            }
            for (int i = 0; i < 9; i++) {
                clients.get(i).send(request("\"r\"", "peer.announce", "{\"peer_id\":\"p" + i + "\"}"));
            }
            final List<RawClient> registered = new ArrayList<>();
            for (RawClient c : clients) {
                final JsonNode reply = c.nextResponse();
                if ("registered".equals(reply.at("/result/status").asText())) {
                    registered.add(c);
                } else {
                    assertThat(reply.at("/error/code").asInt()).as(reply.toString()).isEqualTo(-32005);
                    assertThat(reply.at("/error/message").asText()).contains("max_peers: 4");
                }
            }
            assertThat(registered).hasSize(4);
            // One leaves: a place is free again, on any node.
            final RawClient leaving = registered.get(0);
            leaving.call(request("1", "peer.disconnect", "{\"from\":\"" + peerIdOf(clients, leaving)
                                                         + "\",\"reason\":\"bye\"}"));
            final RawClient late = RawClient.connect(nodes.get(2).port());
            clients.add(late);
            final JsonNode reply = late.call(request("\"r\"", "peer.announce", "{\"peer_id\":\"late\"}"));
            assertThat(reply.at("/result/status").asText()).as(reply.toString()).isEqualTo("registered");
        } finally {
            clients.forEach(RawClient::close);
        }
    }

    /** The next request (with an id) of {@code method} from the server, skipping notifications. */
    private static JsonNode nextRequest(RawClient client, String method) {
        for (int i = 0; i < 100; i++) {
            final JsonNode call = client.nextCall();
            if (call.has("id") && method.equals(call.path("method").asText())) {
                return call;
            }
        }
        throw new AssertionError("no " + method + " request");
    }

    private static String peerIdOf(List<RawClient> clients, RawClient client) {
        return "p" + clients.indexOf(client);
    }

    @Test
    void garbage_on_the_cluster_channels_is_dropped_and_counted_and_the_node_keeps_working() {
        final SignalingTestServer a = cluster.start("a", b -> {});
        final SignalingTestServer b = cluster.start("b", b2 -> {});
        try (RawClient x = RawClient.announced(a.port(), "x");
             RawClient y = RawClient.announced(b.port(), "y")) {
            ClusterNodes.await("both nodes know both peers", WAIT,
                               () -> a.signaling.clusterPeerCount() == 2 && b.signaling.clusterPeerCount() == 2);
            final String toB = "rm:" + cluster.cluster + ":node:b";
            final String events = "rm:" + cluster.cluster + ":events";
            final String envelope = "{\"v\":1,\"cluster\":\"" + cluster.cluster + "\",\"node\":\"a\",\"sent_at_ms\":1,";
            final List<String> garbage = List.of(
                    "not json at all", "", "[1,2,3]", "{\"v\":2,\"cluster\":\"" + cluster.cluster + "\"}",
                    "{\"v\":1,\"cluster\":\"other\",\"node\":\"a\",\"sent_at_ms\":1,\"type\":\"resync\",\"body\":{}}",
                    envelope + "\"type\":\"offer\",\"body\":{\"from\":5}}",
                    envelope + "\"type\":\"no_such_type\",\"body\":{}}",
                    envelope + "\"type\":\"peer_joined\",\"body\":{\"peer_id\":\"\\u0000\"}}",
                    "{".repeat(10_000), "x".repeat(600_000));
            for (String g : garbage) {
                redis.command("PUBLISH", toB, g);
                redis.command("PUBLISH", events, g);
            }
            ClusterNodes.await("node b drops every bad message on both channels, node a those on events", WAIT,
                               () -> b.signaling.cluster().messagesDropped() == 2L * garbage.size()
                                     && a.signaling.cluster().messagesDropped() == garbage.size());

            // Well-formed but spoofed: node a does not hold peer "nobody", node c does not exist.
            redis.command("PUBLISH", toB, envelope + "\"type\":\"ice_candidate\",\"body\":"
                                          + Rpc.candidate("nobody", "y", "c") + "}");
            redis.command("PUBLISH", toB, envelope.replace("\"node\":\"a\"", "\"node\":\"c\"")
                                          + "\"type\":\"ice_candidate\",\"body\":" + Rpc.candidate("x", "y", "c") + "}");
            ClusterNodes.await("node b rejects both relays", WAIT, () -> b.signaling.clusterRelaysRejected() == 2);

            // The node still relays.
            x.call(request("1", "peer.ice_candidate", Rpc.candidate("x", "y", "candidate:real")));
            assertThat(y.nextNotification("peer.ice_candidate").at("/params/candidate").asText())
                    .isEqualTo("candidate:real");
        }
    }

    @Test
    void a_second_node_with_a_live_nodes_id_is_refused_at_start() {
        cluster.start("same", b -> {});
        assertThatThrownBy(() -> cluster.start("same", b -> {}))
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("node id 'same' is already in use in cluster '" + cluster.cluster + "'");
    }

    @Test
    void a_node_that_cannot_reach_redis_does_not_start() {
        assertThatThrownBy(() -> SignalingServer.builder().cluster(
                dev.remotemedia.signaling.cluster.ClusterOptions.of("redis://127.0.0.1:1", "c", "n")).build())
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("cannot reach Redis at redis://127.0.0.1:1");
    }
}
