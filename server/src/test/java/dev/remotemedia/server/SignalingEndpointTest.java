package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server mounts JSON-RPC signaling at /ws with the configured limits, and counts its peers. */
class SignalingEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void announcedPeersAreCountedByHealthAndMetrics() throws Exception {
        final WebRtcTransportConfig config = WebRtcTransportConfig.builder().httpPort(0).udpPort(0).maxPeers(1)
                                                                  .signalingAuthToken("t0ken").build();
        final RemoteMediaServer server = RemoteMediaServer.start(config);
        try {
            final int port = server.httpPort();
            final CompletableFuture<String> reply = new CompletableFuture<>();
            final WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).join();
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"peer.announce\","
                            + "\"params\":{\"peer_id\":\"a\",\"auth_token\":\"t0ken\"}}", true).join();
            assertThat(new ObjectMapper().readTree(reply.get(10, TimeUnit.SECONDS)).at("/result/status").asText())
                    .isEqualTo("registered");
            assertThat(get(port, "/health")).contains("\"peers\":1");
            assertThat(get(port, "/metrics")).contains("remotemedia_peers 1.0");
            assertThat(server.signaling().peerCount()).isEqualTo(1);
            assertThatThrownBy(() -> HTTP.newWebSocketBuilder().header("Origin", "http://evil.example.com")
                                         .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
                                                     new WebSocket.Listener() {}).join())
                    .hasStackTraceContaining("403");
            socket.abort();
        } finally {
            assertThat(server.shutDown(Duration.ofSeconds(3))).isTrue();
        }
    }

    private static String get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                         HttpResponse.BodyHandlers.ofString()).body();
    }
}
