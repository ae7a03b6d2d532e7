package dev.remotemedia.signaling.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.signaling.server.GrpcSignalingServer;
import dev.remotemedia.signaling.server.SignalingServer;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.mesh.MeshPeer;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebRtcTransport}s given only a {@code grpc://} signaling URL find the gRPC connector through
 * ServiceLoader and mesh through the real gRPC {@code Signal} service; no WebSocket client is made.
 */
class GrpcUrlMeshTest {
    private static final long TIMEOUT_SECONDS = 60; // an upper bound: the machine may be loaded

    private SignalingServer signaling;
    private GrpcSignalingServer grpc;
    private WebRtcTransportConfig config;
    private final List<WebRtcTransport> transports = new ArrayList<>();

    @BeforeEach
    void setUp() {
        // The hub with its gRPC service only: there is no WebSocket endpoint to fall back on.
        signaling = SignalingServer.builder().build();
        grpc = GrpcSignalingServer.builder(signaling).address("127.0.0.1", 0).start();
        config = WebRtcTransportConfig.builder()
                                      .signalingUrl(URI.create("grpc://127.0.0.1:" + grpc.port()))
                                      .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                      .udpPort(0)
                                      .build()
                                      .requireValid();
    }

    @AfterEach
    void tearDown() {
        transports.forEach(WebRtcTransport::shutdown);
        grpc.close();
        signaling.close();
    }

    private WebRtcTransport join(String peerId, BlockingQueue<String> events) throws Exception {
        final WebRtcTransport t = WebRtcTransport.builder(config).peerId(peerId)
                .onPeerMessage((p, m) -> events.add(p.peerId() + ">" + peerId + ":" + m.text()))
                .onPeerClosed(p -> events.add(peerId + " lost " + p.peerId()))
                .build();
        transports.add(t);
        t.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return t;
    }

    @Test
    void twoTransportsWithAGrpcUrlMeshThroughTheGrpcServer() throws Exception {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final WebRtcTransport a = join("grpc-a", events);
        final WebRtcTransport b = join("grpc-b", events);

        assertThat(a.connectPeer("grpc-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("grpc-b");
        assertThat(a.listAllPeers()).singleElement().matches(MeshPeer::isOfferer);
        a.listAllPeers().get(0).send("hello over a grpc:// url");
        assertThat(events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("grpc-a>grpc-b:hello over a grpc:// url");
        assertThat(b.listAllPeers()).singleElement().matches(p -> !p.isOfferer() && p.peerId().equals("grpc-a"));

        a.shutdown();
        final List<String> lost = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            lost.add(events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        assertThat(lost).containsExactlyInAnyOrder("grpc-a lost grpc-b", "grpc-b lost grpc-a");
    }
}
