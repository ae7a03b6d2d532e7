package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.signaling.grpc.v1.ListPeersRequest;
import dev.remotemedia.signaling.grpc.v1.Notification.NotificationCase;
import dev.remotemedia.signaling.grpc.v1.PeerInfo;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.testing.ServerProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code remotemedia-server --mode grpc} as a process: gRPC signaling beside the JSON-RPC {@code /ws}. */
class GrpcModeProcessTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Pattern GRPC_LISTENING = Pattern.compile("gRPC signaling listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServerProcess startGrpcMode(String grpcAddress) {
        return ServerProcess.start(Main.class.getName(), List.of("--mode", "grpc", "--grpc-address", grpcAddress),
                                   Map.of("HTTP_PORT", "0", "WEBRTC_UDP_PORT", "0", "WEBRTC_ICE_ADDRESSES", "127.0.0.1"));
    }

    /** A JSON-RPC client of {@code /ws} that keeps every message it gets. */
    private static final class WsPeer implements AutoCloseable {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final WebSocket socket;

        WsPeer(int port, String peerId) throws Exception {
            socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
                    new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                try {
                                    messages.add(JSON.readTree(text.toString()));
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                text.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"peer.announce\",\"params\":{\"peer_id\":\""
                            + peerId + "\",\"capabilities\":[\"data\"]}}", true).join();
            assertThat(next(m -> m.has("result")).at("/result/status").asText()).isEqualTo("registered");
        }

        JsonNode next(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
            while (true) {
                final JsonNode m = messages.poll(20, TimeUnit.SECONDS);
                assertThat(m).as("a message within 20 s").isNotNull();
                if (wanted.test(m)) {
                    return m;
                }
            }
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    @Test
    void grpcModeSharesItsHubWithTheWebSocketAndAnswersWithServerPeers() throws Exception {
        try (ServerProcess server = startGrpcMode("127.0.0.1:0");
             PeerConnectionFactory clients = PeerConnectionFactory.builder()
                     .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                     .eventLoops(1).build()) {
            final int httpPort = server.awaitHttpPort(START);
            final int grpcPort = Integer.parseInt(server.awaitStdout(GRPC_LISTENING, START).group(1));
            assertThat(server.stdout()).anyMatch(line -> line.contains("(mode grpc) listening on http://localhost:"));

            try (WsPeer ws = new WsPeer(httpPort, "browser-1");
                 GrpcServerPeerClient grpc = new GrpcServerPeerClient(grpcPort, "java-grpc", clients)) {
                assertThat(ws.next(m -> "peer.announced".equals(m.path("method").asText()))
                             .at("/params/peer_id").asText()).isEqualTo("java-grpc");
                assertThat(grpc.call(SignalingRequest.newBuilder().setListPeers(ListPeersRequest.getDefaultInstance()))
                               .getPeerList().getPeersList()).extracting(PeerInfo::getPeerId)
                        .containsExactlyInAnyOrder("browser-1", "java-grpc");

                // The Java peer signals over gRPC to a ServerPeer running text-upper.
                grpc.connect("text-upper");
                grpc.send(TextData.of("hello over grpc"));
                assertThat(((TextData) grpc.nextReply()).text()).isEqualTo("HELLO OVER GRPC");
                assertThat(grpc.nextNotification(NotificationCase.ANSWER).getAnswer().getFromPeerId())
                        .isEqualTo("remotemedia-server");

                final JsonNode health = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(health.get("mode").asText()).isEqualTo("grpc");
                assertThat(health.get("peers").asInt()).isEqualTo(2);
                assertThat(health.get("server_peers").asInt()).isEqualTo(1);
                assertThat(health.get("grpc_port").asInt()).isEqualTo(grpcPort);

                // Garbage on the gRPC port closes that connection only.
                try (Socket garbage = new Socket("127.0.0.1", grpcPort)) {
                    garbage.setSoTimeout(10_000);
                    final OutputStream out = garbage.getOutputStream();
                    out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n\u0000\u0001\u0002garbage".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    final InputStream in = garbage.getInputStream();
                    while (in.read() >= 0) {
                        // drain until the server closes
                    }
                }
                grpc.send(TextData.of("still here"));
                assertThat(((TextData) grpc.nextReply()).text()).isEqualTo("STILL HERE");

                grpc.close();
                assertThat(ws.next(m -> "peer.left".equals(m.path("method").asText()))
                             .at("/params/peer_id").asText()).isEqualTo("java-grpc");
            }

            final long signalled = System.nanoTime();
            server.signal("TERM");
            assertThat(server.awaitExit(Duration.ofSeconds(10))).isEqualTo(143);
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aGrpcAddressInUseExitsOneNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerProcess server = startGrpcMode("127.0.0.1:" + taken.getLocalPort())) {
            assertThat(server.awaitExit(START)).isEqualTo(1);
            assertThat(String.join("\n", server.stderr()))
                    .contains("GRPC_SIGNALING_ADDRESS (--grpc-address): cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void serverModeWithGrpcEnabledServesSignalToo() {
        try (ServerProcess server = ServerProcess.start(Main.class.getName(), List.of("--grpc-address", "127.0.0.1:0"),
                Map.of("HTTP_PORT", "0", "WEBRTC_UDP_PORT", "0", "WEBRTC_ENABLE_GRPC_SIGNALING", "true"))) {
            server.awaitHttpPort(START);
            final int grpcPort = Integer.parseInt(server.awaitStdout(GRPC_LISTENING, START).group(1));
            assertThat(grpcPort).isPositive();
            assertThat(server.stdout()).anyMatch(line -> line.contains("(mode server) listening on"));
        }
    }
}
