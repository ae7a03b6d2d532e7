package dev.remotemedia.signaling.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.server.Server;
import dev.remotemedia.signaling.server.GrpcSignalingServer;
import dev.remotemedia.signaling.server.SignalingServer;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.mesh.MeshPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A WebRtcTransport signaling over gRPC meshes with one signaling over the JSON-RPC WebSocket. */
class GrpcSignalingMeshTest {
    private static final long TIMEOUT_SECONDS = 20;

    private SignalingServer signaling;
    private Server server;
    private GrpcSignalingServer grpc;
    private WebRtcTransportConfig config;
    private final List<WebRtcTransport> transports = new ArrayList<>();

    @BeforeEach
    void setUp() {
        signaling = SignalingServer.builder().build();
        server = Server.builder().http(new InetSocketAddress("127.0.0.1", 0))
                       .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                       .service("/ws", signaling.service()).build();
        server.start().join();
        grpc = GrpcSignalingServer.builder(signaling).address("127.0.0.1", 0).start();
        config = WebRtcTransportConfig.builder()
                                      .signalingUrl(URI.create("ws://127.0.0.1:" + server.activeLocalPort()))
                                      .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                      .udpPort(0)
                                      .build();
    }

    @AfterEach
    void tearDown() {
        transports.forEach(WebRtcTransport::shutdown);
        grpc.close();
        signaling.close();
        server.stop().join();
    }

    private WebRtcTransport join(String peerId, boolean overGrpc, BlockingQueue<String> events) throws Exception {
        final WebRtcTransport.Builder builder = WebRtcTransport.builder(config).peerId(peerId).autoConnect(true)
                .onPeerMessage((p, m) -> events.add(p.peerId() + ">" + peerId + ":" + m.text()))
                .onPeerClosed(p -> events.add(peerId + " lost " + p.peerId()));
        if (overGrpc) {
            builder.signaling(new GrpcSignalingMeshConnector(URI.create("grpc://127.0.0.1:" + grpc.port())));
        }
        final WebRtcTransport t = builder.build();
        transports.add(t);
        t.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return t;
    }

    @Test
    void aGrpcPeerAndAWebSocketPeerOpenADataChannelThroughTheHub() throws Exception {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final WebRtcTransport ws = join("ws-peer", false, events);
        final WebRtcTransport g = join("grpc-peer", true, events);
        // autoConnect: the peer already present offers to the newcomer, across protocols; once that
        // connection is open, the newcomer's connectPeer returns it (asked earlier, it would offer too).
        ws.connectPeer("grpc-peer").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        g.connectPeer("ws-peer").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(ws.listAllPeers()).singleElement().matches(MeshPeer::isOfferer);
        assertThat(g.listAllPeers()).singleElement().matches(p -> !p.isOfferer());
        for (MeshPeer p : g.listAllPeers()) {
            p.send("from grpc");
        }
        for (MeshPeer p : ws.listAllPeers()) {
            p.send("from ws");
        }
        final List<String> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            got.add(events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        assertThat(got).containsExactlyInAnyOrder("grpc-peer>ws-peer:from grpc", "ws-peer>grpc-peer:from ws");

        g.shutdown();
        final List<String> lost = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            lost.add(events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        assertThat(lost).containsExactlyInAnyOrder("ws-peer lost grpc-peer", "grpc-peer lost ws-peer");
    }

    @Test
    void aConnectorWithoutAGrpcUrlIsRefusedAtOnce() {
        assertThatThrownBy(() -> new GrpcSignalingMeshConnector(URI.create("ws://127.0.0.1:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: grpc://host:port");
    }
}
