package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.remotemedia.server.Main;
import dev.remotemedia.signaling.mesh.GrpcSignalingMeshConnector;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.ServerProcess;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.mesh.MeshPeer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One hub, three protocols (issue 12): a Java peer signaling over gRPC {@code Signal}, a Chromium
 * page over the JSON-RPC WebSocket and a Chromium page over gRPC-Web ({@code MeshClient} on
 * {@code /js/grpc-web-signaling.js}) join the server in mode {@code grpc}, open data channels to
 * each other, exchange messages checked by content, and see the Java peer leave.
 */
class GrpcMixedMeshTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern GRPC_LISTENING = Pattern.compile("gRPC signaling listening on 127\\.0\\.0\\.1:(\\d+)");

    /** Sets up a mesh client in the page over `via` ('websocket' or 'grpc-web'); what it sees goes to window.meshLog. */
    private static final String JOIN = """
            async ([peerId, via]) => {
              const m = await import('/js/remotemedia.js');
              const g = await import('/js/grpc-web-signaling.js');
              const signaling = via === 'grpc-web'
                ? new g.GrpcWebSignalingClient(location.origin, { peerId })
                : new m.SignalingClient(`ws://${location.host}/ws`, { peerId });
              const mesh = new m.MeshClient(signaling, { autoConnect: true });
              const log = { opened: [], messages: [], closed: [], left: [] };
              mesh.addEventListener('peeropen', (e) => log.opened.push(e.detail.peerId));
              mesh.addEventListener('message', (e) => log.messages.push(`${e.detail.peerId}>${peerId}:${e.detail.data}`));
              mesh.addEventListener('peerclosed', (e) => log.closed.push(e.detail.peerId));
              signaling.addEventListener('peer.left', (e) => log.left.push(e.detail.peer_id));
              window.meshLog = log;
              window.mesh = mesh;
              await signaling.connect();
            }""";

    private ServerProcess server;
    private String origin;
    private int grpcPort;
    private WebRtcTransport java;

    @BeforeEach
    void startServer() {
        server = ServerProcess.start(Main.class.getName(),
                                     List.of("--mode", "grpc", "--grpc-address", "127.0.0.1:0", "--http-port", "0"),
                                     Map.of());
        origin = "http://localhost:" + server.awaitHttpPort(Duration.ofSeconds(30));
        grpcPort = Integer.parseInt(server.awaitStdout(GRPC_LISTENING, Duration.ofSeconds(30)).group(1));
    }

    @AfterEach
    void stopServer() {
        if (java != null) {
            java.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aGrpcJavaPeerAWebSocketPageAndAGrpcWebPageMeshThroughOneHub() throws Exception {
        final BrowserPage wsPage = chromium.harness().open(origin + "/diagnostics/loopback.html");
        wsPage.evaluate(JOIN, List.of("page-ws", "websocket"));

        final BlockingQueue<String> javaMessages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> javaClosed = new LinkedBlockingQueue<>();
        final CountDownLatch javaOpen = new CountDownLatch(2);
        final WebRtcTransportConfig config = WebRtcTransportConfig.builder()
                .iceAddresses(List.of(InetAddress.getLoopbackAddress())).udpPort(0).build();
        java = WebRtcTransport.builder(config).peerId("java-grpc").autoConnect(true)
                .signaling(new GrpcSignalingMeshConnector(URI.create("grpc://127.0.0.1:" + grpcPort)))
                .onPeerOpen(p -> javaOpen.countDown())
                .onPeerMessage((p, m) -> javaMessages.add(p.peerId() + ">java-grpc:" + m.text()))
                .onPeerClosed(p -> javaClosed.add("java-grpc lost " + p.peerId()))
                .build();
        java.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        final BrowserPage webPage = chromium.harness().open(origin + "/diagnostics/loopback.html");
        webPage.evaluate(JOIN, List.of("page-grpc-web", "grpc-web"));

        assertThat(javaOpen.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the Java peer's two channels open").isTrue();
        waitInPage(wsPage, "() => new Set(window.meshLog.opened).size === 2");
        waitInPage(webPage, "() => new Set(window.meshLog.opened).size === 2");

        for (MeshPeer p : java.listAllPeers()) {
            p.send("hello " + p.peerId() + " from java-grpc");
        }
        wsPage.evaluate("(me) => { for (const p of window.mesh.listAllPeers()) "
                        + "window.mesh.send(p.peerId, `hello ${p.peerId} from ${me}`); }", "page-ws");
        webPage.evaluate("(me) => { for (const p of window.mesh.listAllPeers()) "
                         + "window.mesh.send(p.peerId, `hello ${p.peerId} from ${me}`); }", "page-grpc-web");
        final List<String> ids = List.of("java-grpc", "page-ws", "page-grpc-web");
        final Set<String> expected = new HashSet<>();
        for (String to : ids) {
            for (String from : ids) {
                if (!from.equals(to)) {
                    expected.add(from + ">" + to + ":hello " + to + " from " + from);
                }
            }
        }
        final Set<String> got = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            final String m = javaMessages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(m).as("Java message %d", i + 1).isNotNull();
            got.add(m);
        }
        for (BrowserPage page : List.of(wsPage, webPage)) {
            waitInPage(page, "() => window.meshLog.messages.length === 2");
            @SuppressWarnings("unchecked")
            final List<String> inPage = (List<String>) page.evaluate("() => window.meshLog.messages", null);
            got.addAll(inPage);
        }
        assertThat(got).isEqualTo(expected);

        // The Java peer leaves: both pages see peer.left and close that connection.
        java.shutdown();
        java = null;
        for (BrowserPage page : List.of(wsPage, webPage)) {
            waitInPage(page, "() => window.meshLog.left.includes('java-grpc') && window.meshLog.closed.includes('java-grpc')");
            assertThat(page.errors()).isEmpty();
        }
    }

    private static void waitInPage(BrowserPage page, String predicate) {
        page.page().waitForFunction(predicate, null,
                                    new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_SECONDS * 1000.0));
    }
}
