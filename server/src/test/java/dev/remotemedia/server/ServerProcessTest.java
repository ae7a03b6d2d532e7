package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotemedia.testing.ServerProcess;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real executable in its own JVM: what an operator sees. */
class ServerProcessTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ServerProcess start(Map<String, String> env, String... args) {
        return ServerProcess.start(Main.class.getName(), List.of(args), env);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(10)).build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHealthMetricsAndStartPageThenStopsWithinThreeSecondsOfSigint() throws Exception {
        try (ServerProcess server = start(Map.of("HTTP_PORT", "0"))) {
            final int port = server.awaitHttpPort(START);

            final HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            final JsonNode json = new ObjectMapper().readTree(health.body());
            assertThat(json.get("status").asText()).isEqualTo("UP");
            assertThat(json.get("version").asText()).isEqualTo(ServerVersion.get());
            assertThat(json.get("uptime_seconds").asDouble()).isPositive();
            assertThat(json.get("peers").asInt()).isZero();

            final HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE remotemedia_peers gauge", "remotemedia_peers 0.0",
                                                "jvm_threads_live_threads", "armeria_server_connections");

            final HttpResponse<String> page = get(port, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>RemoteMedia server</title>");
            assertThat(get(port, "/js/loopback.js").body()).contains("export async function connectPair");
            assertThat(get(port, "/no/such/page").statusCode()).isEqualTo(404);
            // Folders inside the jar are not files: 404, not an empty 200.
            assertThat(get(port, "/diagnostics").statusCode()).isEqualTo(404);
            assertThat(get(port, "/diagnostics/").statusCode()).isEqualTo(404);
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                                 HttpResponse.BodyHandlers.ofString()).statusCode()).isNotEqualTo(200);

            final long signalled = System.nanoTime();
            server.signal("INT");
            assertThat(server.awaitExit(Duration.ofSeconds(10))).isEqualTo(130);
            final Duration stoppedIn = Duration.ofNanos(System.nanoTime() - signalled);
            assertThat(stoppedIn).isLessThan(Duration.ofSeconds(3));
            assertThat(server.stdout()).anyMatch(line -> line.contains("shutting down"))
                                       .anyMatch(line -> line.endsWith("stopped"));
        }
    }

    @Test
    void stopsWithinThreeSecondsOfSigterm() {
        try (ServerProcess server = start(Map.of(), "--http-port", "0")) {
            server.awaitHttpPort(START);
            final long signalled = System.nanoTime();
            server.signal("TERM");
            assertThat(server.awaitExit(Duration.ofSeconds(10))).isEqualTo(143);
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(3));
            // Graceful, not abrupt: the hook ran to its end.
            assertThat(server.stdout()).anyMatch(line -> line.endsWith("stopped"));
        }
    }

    @Test
    void zeroMaxPeersExitsTwoNamingTheKey() {
        try (ServerProcess server = start(Map.of("WEBRTC_MAX_PEERS", "0"))) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr()))
                    .contains("WEBRTC_MAX_PEERS (--max-peers): '0' (expected: an integer from 1 to 10000)");
        }
    }

    @Test
    void aPortInUseExitsOneNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             ServerProcess server = start(Map.of("HTTP_PORT", Integer.toString(taken.getLocalPort())))) {
            assertThat(server.awaitExit(START)).isEqualTo(1);
            assertThat(String.join("\n", server.stderr()))
                    .contains("HTTP_PORT (--http-port): port " + taken.getLocalPort() + " is not available");
        }
    }

    @Test
    void helpListsOptionsAndExitsZero() {
        try (ServerProcess server = start(Map.of(), "--help")) {
            assertThat(server.awaitExit(START)).isZero();
            assertThat(String.join("\n", server.stdout())).contains("Usage: remotemedia-server")
                                                          .contains("WEBRTC_MAX_PEERS");
        }
    }

    @Test
    void aBadManifestExitsTwoWithTheValidationReportNamingTheFile(@TempDir Path dir) throws Exception {
        final Path manifest = Files.writeString(dir.resolve("broken.yaml"), """
                version: v1
                nodes:
                  - { id: input, node_type: Input }
                  - { id: up, node_type: NoSuchNode }
                connections:
                  - { from: input, to: up }
                  - { from: up, to: nowhere }
                """);
        try (ServerProcess server = start(Map.of("WEBRTC_PIPELINE_MANIFEST", manifest.toString(), "HTTP_PORT", "0"))) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr()))
                    .contains("a pipeline manifest is not valid")
                    .contains("WEBRTC_PIPELINE_MANIFEST (--manifest): invalid manifest " + manifest)
                    .contains("NoSuchNode")
                    .contains("nowhere");
        }
    }

    @Test
    void aBadManifestInTheFolderExitsTwoNamingTheFile(@TempDir Path dir) throws Exception {
        final Path bad = Files.writeString(dir.resolve("half.json"), "{\"version\": \"v1\", \"nodes\": [");
        try (ServerProcess server = start(Map.of("HTTP_PORT", "0"), "--manifests-dir", dir.toString())) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr()))
                    .contains("WEBRTC_MANIFESTS_DIR (--manifests-dir): invalid manifest " + bad);
        }
    }

    @Test
    void aPortOutOfRangeExitsTwoNamingTheKey() {
        try (ServerProcess server = start(Map.of(), "--http-port", "70000")) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr()))
                    .contains("HTTP_PORT (--http-port): '70000' (expected: a port from 0 to 65535)");
        }
    }

    @Test
    void anUnknownModeExitsTwoListingTheModes() {
        try (ServerProcess server = start(Map.of("REMOTEMEDIA_MODE", "relay"))) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr()))
                    .contains("REMOTEMEDIA_MODE (--mode): 'relay' (expected: one of: server, websocket, grpc)");
        }
    }

    @Test
    void servesPipelinesFromAFolderAndStopsWithinThreeSecondsWithAPeerConnected(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lower.yml"), """
                version: v1
                metadata: { name: lower, description: Text comes back in lower case. }
                nodes:
                  - { id: input, node_type: Input }
                  - { id: lower, node_type: TextTransform, params: { mode: lower } }
                  - { id: output, node_type: Output }
                connections:
                  - { from: input, to: lower }
                  - { from: lower, to: output }
                """);
        try (ServerProcess server = start(Map.of("HTTP_PORT", "0", "WEBRTC_UDP_PORT", "0",
                                                 "WEBRTC_ICE_ADDRESSES", "127.0.0.1"),
                                          "--manifests-dir", dir.toString());
             PeerConnectionFactory clients = PeerConnectionFactory.builder()
                     .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                     .eventLoops(1).build()) {
            final int port = server.awaitHttpPort(START);
            final JsonNode pipelines = new ObjectMapper().readTree(get(port, "/api/pipelines").body());
            assertThat(pipelines.get("default").asText()).isEqualTo("loopback");
            assertThat(pipelines.get("pipelines").findValuesAsText("name"))
                    .containsExactly("gain", "grayscale", "loopback", "lower", "text-upper", "vad", "video-loopback");

            try (JavaServerPeerClient client = new JavaServerPeerClient(URI.create("ws://127.0.0.1:" + port + "/ws"),
                                                                        "java-1", "remotemedia-server", clients)) {
                client.connect("lower");
                client.send(TextData.of("MiXeD"));
                assertThat(((TextData) client.nextReply()).text()).isEqualTo("mixed");
                final JsonNode health = new ObjectMapper().readTree(get(port, "/health").body());
                assertThat(health.get("server_peers").asInt()).isEqualTo(1);
                assertThat(health.get("sessions").asInt()).isEqualTo(1);

                final long signalled = System.nanoTime();
                server.signal("TERM");
                assertThat(server.awaitExit(Duration.ofSeconds(10))).isEqualTo(143);
                assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(3));
                assertThat(server.stdout()).anyMatch(line -> line.endsWith("stopped"));
            }
        }
    }

    @Test
    void aUdpPortInUseExitsOneNamingTheUdpPort() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ServerProcess server = start(Map.of("HTTP_PORT", "0", "WEBRTC_ICE_ADDRESSES", "127.0.0.1",
                                                 "WEBRTC_UDP_PORT", Integer.toString(taken.getLocalPort())))) {
            assertThat(server.awaitExit(START)).isEqualTo(1);
            assertThat(String.join("\n", server.stderr()))
                    .contains("WEBRTC_UDP_PORT (--udp-port): cannot open UDP port " + taken.getLocalPort());
        }
    }

    @Test
    void websocketModeExitsOneWhenTheSignalingServerCannotBeJoined() throws Exception {
        final int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (ServerProcess server = start(Map.of("HTTP_PORT", "0", "WEBRTC_UDP_PORT", "0",
                                                 "REMOTEMEDIA_MODE", "websocket",
                                                 "WEBRTC_SIGNALING_URL", "ws://127.0.0.1:" + closedPort))) {
            assertThat(server.awaitExit(START)).isEqualTo(1);
            assertThat(String.join("\n", server.stderr()))
                    .contains("WEBRTC_SIGNALING_URL (--signaling-url): cannot join ws://127.0.0.1:" + closedPort
                              + " as remotemedia-pipeline");
        }
    }
}
