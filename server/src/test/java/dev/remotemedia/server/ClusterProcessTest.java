package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotemedia.testing.RedisServerProcess;
import dev.remotemedia.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Real server processes in one cluster on a real redis-server (issue 15): what an operator sees —
 * {@code /api/cluster}, {@code /health}, {@code /metrics} — a node id collision refused at start,
 * a node killed with SIGKILL noticed by the others within 10 s (its peers get {@code peer.left}
 * everywhere), and Redis lost and back.
 */
class ClusterProcessTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServerProcess node(RedisServerProcess redis, String nodeId) {
        return ServerProcess.start(Main.class.getName(), List.of("--http-port", "0", "--udp-port", "0"),
                                   Map.of("REDIS_URL", redis.url(), "REMOTEMEDIA_CLUSTER", "it",
                                          "REMOTEMEDIA_NODE_ID", nodeId));
    }

    private static JsonNode get(int port, String path) throws Exception {
        final HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return path.equals("/metrics") ? JSON.getNodeFactory().textNode(response.body()) : JSON.readTree(response.body());
    }

    /** Polls {@code path} until {@code condition} holds (a check of state with a deadline, not a fixed wait). */
    private static JsonNode awaitGet(int port, String path, Predicate<JsonNode> condition) throws Exception {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = get(port, path);
        while (!condition.test(last)) {
            assertThat(System.nanoTime()).as("%s never matched; last: %s", path, last).isLessThan(deadline);
            Thread.sleep(50);
            last = get(port, path);
        }
        return last;
    }

    @Test
    void servers_share_peers_refuse_a_taken_node_id_notice_a_killed_node_and_survive_redis_restarting()
            throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             ServerProcess a = node(redis, "a");
             ServerProcess b = node(redis, "b")) {
            final int portA = a.awaitHttpPort(START);
            final int portB = b.awaitHttpPort(START);
            try (Socket wa = Socket.announced(portA, "wa");
                 Socket wb = Socket.announced(portB, "wb")) {
                assertThat(wa.next(m -> m.path("method").asText().equals("peer.announced")).at("/params/peer_id")
                             .asText()).isEqualTo("wb");
                wa.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"peer.ice_candidate\",\"params\":{\"from\":\"wa\","
                        + "\"to\":\"wb\",\"candidate\":\"candidate:x\",\"sdp_m_line_index\":0,\"sdp_mid\":\"0\"}}");
                assertThat(wa.next(m -> m.path("id").asInt() == 2).at("/result/status").asText()).isEqualTo("relayed");
                assertThat(wb.next(m -> m.path("method").asText().equals("peer.ice_candidate"))
                             .at("/params/candidate").asText()).isEqualTo("candidate:x");

                // Node counts are as of each node's last heartbeat (every second).
                final JsonNode cluster = awaitGet(portA, "/api/cluster", c -> c.path("nodes").size() == 2
                        && c.at("/nodes/0/peers").asInt() == 1 && c.at("/nodes/1/peers").asInt() == 1);
                assertThat(cluster.path("enabled").asBoolean()).isTrue();
                assertThat(cluster.path("cluster").asText()).isEqualTo("it");
                assertThat(cluster.path("node_id").asText()).isEqualTo("a");
                assertThat(cluster.path("connected").asBoolean()).isTrue();
                assertThat(cluster.path("peers").asInt()).isEqualTo(2);
                assertThat(cluster.path("nodes").findValuesAsText("node_id")).containsExactly("a", "b");
                assertThat(cluster.at("/nodes/0/server_peers").asInt()).isZero();
                assertThat(cluster.at("/nodes/1/self").asBoolean()).isFalse();
                final JsonNode health = get(portA, "/health");
                assertThat(health.path("status").asText()).isEqualTo("UP");
                assertThat(health.at("/cluster/status").asText()).isEqualTo("connected");
                assertThat(health.path("peers").asInt()).isEqualTo(1);
                final String metrics = get(portA, "/metrics").asText();
                assertThat(metrics).contains("remotemedia_cluster_relays_total{direction=\"sent\"} 1.0",
                                             "remotemedia_cluster_connected 1.0", "remotemedia_cluster_peers 2.0",
                                             "remotemedia_cluster_relay_latency_seconds_count 1\n",
                                             "remotemedia_cluster_messages_dropped_total 0.0");

                // A third server given a live node's id does not start, and says why.
                try (ServerProcess clash = node(redis, "a")) {
                    assertThat(clash.awaitExit(START)).isEqualTo(Main.EXIT_START_FAILED);
                    assertThat(String.join("\n", clash.stderr()))
                            .contains("node id 'a' is already in use in cluster 'it' by a live node");
                }

                // kill -9: no goodbye; node a notices through b's presence expiring.
                final long killed = System.nanoTime();
                b.signal("KILL");
                final JsonNode left = wa.next(m -> m.path("method").asText().equals("peer.left"));
                final Duration noticed = Duration.ofNanos(System.nanoTime() - killed);
                assertThat(left.at("/params/peer_id").asText()).isEqualTo("wb");
                assertThat(left.at("/params/reason").asText()).contains("node b left the cluster");
                assertThat(noticed).as("from kill -9 to peer.left").isLessThan(Duration.ofSeconds(10));
                awaitGet(portA, "/api/cluster", c -> c.path("nodes").size() == 1 && c.path("peers").asInt() == 1);

                // Redis lost: node a serves on, says so; Redis back (empty): a rejoins with its peer.
                redis.kill();
                awaitGet(portA, "/health", h -> h.path("status").asText().equals("DEGRADED")
                                                && h.at("/cluster/status").asText().equals("degraded"));
                a.awaitStdout(java.util.regex.Pattern.compile("Redis at " + java.util.regex.Pattern.quote(redis.url())
                                                              + " is unavailable"), WAIT);
                redis.restart();
                awaitGet(portA, "/health", h -> h.path("status").asText().equals("UP"));
                assertThat(redis.command("HGET", "rm:it:owners", "wa")).isEqualTo("a");
                assertThat(get(portA, "/metrics").asText()).contains("remotemedia_cluster_outages_total 1.0");
            }
        }
    }

    /** A JSON-RPC WebSocket client that queues what it receives. */
    private static final class Socket implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Socket announced(int port, String peerId) throws Exception {
            final Socket s = new Socket();
            s.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), s)
                           .get(10, TimeUnit.SECONDS);
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"peer.announce\",\"params\":{\"peer_id\":\"" + peerId + "\"}}");
            final JsonNode reply = s.next(m -> m.path("id").asInt() == 1);
            assertThat(reply.at("/result/status").asText()).as(reply.toString()).isEqualTo("registered");
            return s;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        /** The next message matching {@code which}, skipping others, within 20 s. */
        JsonNode next(Predicate<JsonNode> which) throws InterruptedException {
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                final JsonNode m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(m).as("a matching message within " + WAIT).isNotNull();
                if (which.test(m)) {
                    return m;
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
