package dev.remotemedia.signaling.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.server.Server;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.server.SignalingServer;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.mesh.MeshPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WebRtcTransport}s meshed through the real JSON-RPC server, found through ServiceLoader. */
class SignalingMeshTest {

    private static final long TIMEOUT_SECONDS = 20;

    private SignalingServer signaling;
    private Server server;
    private WebRtcTransportConfig config;
    private final List<WebRtcTransport> transports = new ArrayList<>();

    @BeforeEach
    void setUp() {
        signaling = SignalingServer.builder().build();
        server = Server.builder().http(new InetSocketAddress("127.0.0.1", 0))
                       .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                       .service("/ws", signaling.service()).build();
        server.start().join();
        config = WebRtcTransportConfig.builder()
                                      .signalingUrl(URI.create("ws://127.0.0.1:" + server.activeLocalPort()))
                                      .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                      .udpPort(0)
                                      .build();
    }

    @AfterEach
    void tearDown() {
        transports.forEach(WebRtcTransport::shutdown);
        signaling.close();
        server.stop().join();
    }

    private WebRtcTransport join(String peerId, BlockingQueue<String> messages, BlockingQueue<String> closed)
            throws Exception {
        WebRtcTransport t = WebRtcTransport.builder(config).peerId(peerId).autoConnect(true)
                                           .onPeerMessage((p, m) -> messages.add(p.peerId() + ">" + peerId + ":" + m.text()))
                                           .onPeerClosed(p -> closed.add(peerId + " lost " + p.peerId()))
                                           .build();
        transports.add(t);
        t.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return t;
    }

    @Test
    void threeJavaPeersMeshThroughTheServerAndOneLeaving() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        WebRtcTransport a = join("peer-a", messages, closed);
        WebRtcTransport b = join("peer-b", messages, closed);
        WebRtcTransport c = join("peer-c", messages, closed);
        List<WebRtcTransport> all = List.of(a, b, c);
        for (WebRtcTransport t : all) {
            for (WebRtcTransport other : all) {
                if (other != t) {
                    // autoConnect: the earlier peer offers; connectPeer returns the pending or open connection.
                    t.connectPeer(other.peerId()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        }
        for (WebRtcTransport t : all) {
            for (MeshPeer p : t.listAllPeers()) {
                p.send("hi");
            }
        }
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            String m = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(m).as("message %d of 6", i + 1).isNotNull();
            got.add(m);
        }
        assertThat(got).containsExactlyInAnyOrder("peer-a>peer-b:hi", "peer-a>peer-c:hi", "peer-b>peer-a:hi",
                                                  "peer-b>peer-c:hi", "peer-c>peer-a:hi", "peer-c>peer-b:hi");
        // Each pair negotiated once: one offerer per pair.
        assertThat(a.listAllPeers()).allMatch(MeshPeer::isOfferer);
        assertThat(c.listAllPeers()).noneMatch(MeshPeer::isOfferer);

        c.shutdown();
        // c closes its own two connections, and a and b each see c go: four reports in any order.
        Set<String> lost = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            lost.add(closed.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        assertThat(lost).containsExactlyInAnyOrder("peer-a lost peer-c", "peer-b lost peer-c",
                                                   "peer-c lost peer-a", "peer-c lost peer-b");
        assertThat(a.listAllPeers()).extracting(MeshPeer::peerId).containsExactly("peer-b");
    }

    @Test
    void signalingErrorsReachTheCallerAsRemoteMediaExceptions() throws Exception {
        WebRtcTransport a = join("peer-a", new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        assertThatThrownBy(() -> a.connectPeer("nobody").get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RemoteMediaException.class,
                                                e -> assertThat(e.code()).isEqualTo(ErrorCode.PEER_NOT_FOUND));
        WebRtcTransport twin = WebRtcTransport.builder(config).peerId("peer-a").build();
        transports.add(twin);
        assertThatThrownBy(() -> twin.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RemoteMediaException.class,
                                                e -> assertThat(e.code()).isEqualTo(ErrorCode.PEER_ALREADY_EXISTS));
    }

    @Test
    void aUrlWithoutAPathMeansTheServersWsEndpoint() {
        assertThat(SignalingMeshConnector.endpoint(URI.create("ws://localhost:8080")))
                .isEqualTo(URI.create("ws://localhost:8080/ws"));
        assertThat(SignalingMeshConnector.endpoint(URI.create("ws://localhost:8080/")))
                .isEqualTo(URI.create("ws://localhost:8080/ws"));
        assertThat(SignalingMeshConnector.endpoint(URI.create("wss://example.com/signal")))
                .isEqualTo(URI.create("wss://example.com/signal"));
    }
}
