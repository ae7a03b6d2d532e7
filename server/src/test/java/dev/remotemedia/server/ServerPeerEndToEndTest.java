package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotemedia.pipeline.data.BinaryData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.signaling.jsonrpc.JsonRpcException;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.peer.ServerPeer;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java clients reach ServerPeers through the server's signaling, over real UDP on 127.0.0.1. */
class ServerPeerEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> closeAfter = new java.util.ArrayList<>();
    private PeerConnectionFactory clients;

    @BeforeEach
    void setUp() {
        clients = PeerConnectionFactory.builder()
                                       .iceConfig(IceConfig.builder()
                                                           .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                                                           .build())
                                       .eventLoops(1)
                                       .build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
        clients.close();
    }

    private static WebRtcTransportConfig.Builder config() {
        return WebRtcTransportConfig.builder().httpPort(0).udpPort(0)
                                    .iceAddresses(List.of(InetAddress.getLoopbackAddress()));
    }

    private RemoteMediaServer start(WebRtcTransportConfig config, ServerMode mode) {
        final RemoteMediaServer server = RemoteMediaServer.start(config, mode, PipelineCatalog.load(config));
        closeAfter.add(() -> assertThat(server.shutDown(Duration.ofSeconds(3))).isTrue());
        return server;
    }

    private JavaServerPeerClient client(RemoteMediaServer server, String peerId, String serverPeerId) throws Exception {
        final JavaServerPeerClient client = new JavaServerPeerClient(
                URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), peerId, serverPeerId, clients);
        closeAfter.add(client);
        return client;
    }

    private static JsonNode get(RemoteMediaServer server, String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                                                  .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String metrics(RemoteMediaServer server) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                         HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitClosed(RemoteMediaServer server, String peerId) throws Exception {
        final ServerPeer peer = server.serverPeers().peer(peerId).orElse(null);
        if (peer != null) {
            peer.closeFuture().get(JavaServerPeerClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void anOfferWithAPipelineRunsItAndTheChatChannelGoesThroughTextUpper() throws Exception {
        final RemoteMediaServer server = start(config().build(), ServerMode.SERVER);
        final JavaServerPeerClient client = client(server, "java-1", "remotemedia-server");
        client.connect("text-upper");

        final JsonNode health = get(server, "/health");
        assertThat(health.get("server_peers").asInt()).isEqualTo(1);
        assertThat(health.get("sessions").asInt()).isEqualTo(1);
        assertThat(server.serverPeers().peer("java-1").orElseThrow().pipelineName()).isEqualTo("text-upper");

        for (int i = 0; i < 50; i++) {
            client.send(TextData.of("message " + i + " ü"));
        }
        client.send(BinaryData.of(new byte[] {1, 2, 3}, "application/octet-stream"));
        for (int i = 0; i < 50; i++) {
            assertThat(((TextData) client.nextReply()).text()).isEqualTo("MESSAGE " + i + " Ü");
        }
        assertThat(((BinaryData) client.nextReply()).toByteArray()).containsExactly(1, 2, 3);

        client.chat.send("hello, chat");
        assertThat(client.nextChat()).isEqualTo("HELLO, CHAT");

        final String metrics = metrics(server);
        assertThat(metrics).contains("remotemedia_server_peers 1.0", "remotemedia_pipeline_sessions 1.0",
                                     "remotemedia_server_peer_messages_total{direction=\"in\"} 51.0",
                                     "remotemedia_server_peer_messages_total{direction=\"out\"} 51.0",
                                     "remotemedia_chat_messages_total 1.0");

        client.signaling.disconnect("remotemedia-server", "done").get(10, TimeUnit.SECONDS);
        awaitClosed(server, "java-1");
        assertThat(get(server, "/health").get("server_peers").asInt()).isZero();
        assertThat(get(server, "/health").get("sessions").asInt()).isZero();
        // Counters keep what closed peers did.
        assertThat(metrics(server)).contains("remotemedia_server_peer_messages_total{direction=\"in\"} 51.0");
    }

    @Test
    void anUnknownPipelineIsMinus32602ListingTheServedOnes() throws Exception {
        final RemoteMediaServer server = start(config().build(), ServerMode.SERVER);
        final JavaServerPeerClient client = client(server, "java-1", "remotemedia-server");
        assertThatThrownBy(() -> client.connect("no-such-pipeline"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(JsonRpcException.class, e -> assertThat(e.code()).isEqualTo(-32602))
                .hasMessageContaining("pipeline: 'no-such-pipeline' is not served here")
                .hasMessageContaining("gain, grayscale, loopback, text-upper, vad, video-loopback");
        assertThat(server.serverPeers().peerCount()).isZero();

        final JsonNode pipelines = get(server, "/api/pipelines");
        assertThat(pipelines.get("default").asText()).isEqualTo("loopback");
        assertThat(pipelines.get("pipelines").findValuesAsText("name")).containsExactly("gain", "grayscale", "loopback",
                                                                                        "text-upper", "vad",
                                                                                        "video-loopback");
        assertThat(pipelines.at("/pipelines/3/description").asText()).isEqualTo("Text comes back in upper case.");
    }

    @Test
    void aClientThatLeavesSignalingLosesItsServerPeer() throws Exception {
        final RemoteMediaServer server = start(config().build(), ServerMode.SERVER);
        final JavaServerPeerClient client = client(server, "java-1", "remotemedia-server");
        client.connect(null);
        client.send(TextData.of("ping"));
        assertThat(((TextData) client.nextReply()).text()).isEqualTo("ping"); // the default: loopback
        final ServerPeer peer = server.serverPeers().peer("java-1").orElseThrow();

        client.signaling.close(); // leaves signaling; the peer connection itself stays open on this side
        peer.closeFuture().get(JavaServerPeerClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(peer.isClosed()).isTrue();
        assertThat(get(server, "/health").get("sessions").asInt()).isZero();
    }

    @Test
    void websocketModeAnswersOffersMadeThroughAnExternalSignalingServer() throws Exception {
        final RemoteMediaServer signaling = start(config().build(), ServerMode.SERVER);
        final RemoteMediaServer media = start(
                config().signalingUrl(URI.create("ws://127.0.0.1:" + signaling.httpPort())).build(),
                ServerMode.WEBSOCKET);
        assertThat(media.signaling()).isNull();
        assertThat(signaling.signaling().peers()).extracting(p -> p.peerId()).contains(ExternalSignalingPeer.PEER_ID);

        final JavaServerPeerClient client = client(signaling, "java-1", ExternalSignalingPeer.PEER_ID);
        client.connect("text-upper");
        client.send(TextData.of("through the relay"));
        assertThat(((TextData) client.nextReply()).text()).isEqualTo("THROUGH THE RELAY");
        assertThat(media.serverPeers().peerCount()).isEqualTo(1);
        assertThat(signaling.serverPeers().peerCount()).isZero();
        assertThat(get(media, "/health").get("mode").asText()).isEqualTo("websocket");

        client.signaling.close(); // the external server tells the media server the peer left
        awaitClosed(media, "java-1");
        assertThat(media.serverPeers().peerCount()).isZero();
    }
}
