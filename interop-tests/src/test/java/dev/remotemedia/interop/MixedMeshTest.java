package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.remotemedia.server.Main;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.ServerProcess;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.mesh.MeshPeer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4's mesh: Java peers ({@link WebRtcTransport}) and Chromium pages ({@code /js/remotemedia.js}
 * {@code MeshClient}) join the real server's {@code /ws} one by one; every pair connects through
 * signaling with trickle ICE and exchanges messages checked by content; then peers leave and
 * everybody sees {@code peer.left} and closes that connection.
 */
class MixedMeshTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static final long TIMEOUT_SECONDS = 60;
    private static final int JAVA_PEERS = 5;
    private static final int BROWSER_PEERS = 5;

    /** Sets up a mesh client in the page; everything it sees goes to window.meshLog. */
    private static final String JOIN = """
            async (peerId) => {
              const m = await import('/js/remotemedia.js');
              const signaling = new m.SignalingClient(`ws://${location.host}/ws`, { peerId });
              const mesh = new m.MeshClient(signaling, { autoConnect: true });
              const log = { opened: [], messages: [], closed: [], left: [] };
              mesh.addEventListener('peeropen', (e) => log.opened.push(e.detail.peerId));
              mesh.addEventListener('message', (e) => log.messages.push(`${e.detail.peerId}>${peerId}:${e.detail.data}`));
              mesh.addEventListener('peerclosed', (e) => log.closed.push(e.detail.peerId));
              signaling.addEventListener('peer.left', (e) => log.left.push(e.detail.peer_id));
              window.meshLog = log;
              window.mesh = mesh;
              window.signaling = signaling;
              await signaling.connect();
            }""";

    private ServerProcess server;
    private String origin;
    private WebRtcTransportConfig config;
    private final List<WebRtcTransport> javaPeers = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = ServerProcess.start(Main.class.getName(), List.of("--http-port", "0", "--max-peers", "50"), Map.of());
        int port = server.awaitHttpPort(Duration.ofSeconds(30));
        origin = "http://localhost:" + port;
        config = WebRtcTransportConfig.builder()
                                      .signalingUrl(URI.create("ws://localhost:" + port + "/ws"))
                                      .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                      .udpPort(0)
                                      .build();
    }

    @AfterEach
    void stopServer() {
        javaPeers.forEach(WebRtcTransport::shutdown);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tenPeersMixingJavaAndChromiumFormAFullMeshAndSeePeersLeave() throws Exception {
        BlockingQueue<String> javaMessages = new LinkedBlockingQueue<>();
        BlockingQueue<String> javaClosed = new LinkedBlockingQueue<>();
        Map<String, CountDownLatch> javaOpen = new ConcurrentHashMap<>();
        Map<String, BrowserPage> pages = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        // Alternate Java and Chromium so each kind offers to and answers the other.
        for (int i = 0; i < JAVA_PEERS + BROWSER_PEERS; i++) {
            String id = (i % 2 == 0 ? "java-" : "page-") + i;
            ids.add(id);
            if (i % 2 == 0) {
                javaOpen.put(id, new CountDownLatch(JAVA_PEERS + BROWSER_PEERS - 1));
                WebRtcTransport t = WebRtcTransport.builder(config).peerId(id).autoConnect(true)
                        .onPeerOpen(p -> javaOpen.get(id).countDown())
                        .onPeerMessage((p, m) -> javaMessages.add(p.peerId() + ">" + id + ":" + m.text()))
                        .onPeerClosed(p -> javaClosed.add(id + " lost " + p.peerId()))
                        .build();
                javaPeers.add(t);
                t.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } else {
                BrowserPage page = chromium.harness().open(origin + "/diagnostics/loopback.html");
                page.evaluate(JOIN, id);
                pages.put(id, page);
            }
        }

        // Every peer has an open mesh channel to every other.
        for (Map.Entry<String, CountDownLatch> e : javaOpen.entrySet()) {
            assertThat(e.getValue().await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("%s has its 9 channels open (%d missing)", e.getKey(), e.getValue().getCount()).isTrue();
        }
        for (Map.Entry<String, BrowserPage> e : pages.entrySet()) {
            waitInPage(e.getValue(), "() => new Set(window.meshLog.opened).size === " + (ids.size() - 1));
        }

        // Everybody greets everybody, by name.
        for (WebRtcTransport t : javaPeers) {
            for (MeshPeer p : t.listAllPeers()) {
                p.send("hello " + p.peerId() + " from " + t.peerId());
            }
        }
        for (Map.Entry<String, BrowserPage> e : pages.entrySet()) {
            e.getValue().evaluate("(me) => { for (const p of window.mesh.listAllPeers()) "
                                  + "window.mesh.send(p.peerId, `hello ${p.peerId} from ${me}`); }", e.getKey());
        }
        Set<String> expected = new HashSet<>();
        for (String to : ids) {
            for (String from : ids) {
                if (!from.equals(to)) {
                    expected.add(from + ">" + to + ":hello " + to + " from " + from);
                }
            }
        }
        Set<String> got = new HashSet<>();
        for (int i = 0; i < JAVA_PEERS * (ids.size() - 1); i++) {
            String m = javaMessages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(m).as("Java message %d", i + 1).isNotNull();
            got.add(m);
        }
        for (BrowserPage page : pages.values()) {
            waitInPage(page, "() => window.meshLog.messages.length === " + (ids.size() - 1));
            @SuppressWarnings("unchecked")
            List<String> inPage = (List<String>) page.evaluate("() => window.meshLog.messages", null);
            got.addAll(inPage);
        }
        assertThat(got).isEqualTo(expected);

        // A Java peer leaves: everybody sees peer.left and closes that connection.
        WebRtcTransport leaving = javaPeers.remove(0);
        String leftId = leaving.peerId();
        leaving.shutdown();
        assertLeftEverywhere(leftId, javaClosed, pages);

        // A page vanishes (its socket closes): the same.
        Map.Entry<String, BrowserPage> vanishing = pages.entrySet().iterator().next();
        pages.remove(vanishing.getKey());
        vanishing.getValue().close();
        assertLeftEverywhere(vanishing.getKey(), javaClosed, pages);

        for (BrowserPage page : pages.values()) {
            assertThat(page.errors()).isEmpty();
        }
    }

    private void assertLeftEverywhere(String leftId, BlockingQueue<String> javaClosed, Map<String, BrowserPage> pages)
            throws InterruptedException {
        Set<String> expected = new HashSet<>();
        for (WebRtcTransport t : javaPeers) {
            expected.add(t.peerId() + " lost " + leftId);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        Set<String> seen = new HashSet<>();
        while (!seen.containsAll(expected)) {
            String event = javaClosed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(event).as("Java peers closing %s; seen %s", leftId, seen).isNotNull();
            seen.add(event);
        }
        for (WebRtcTransport t : javaPeers) {
            assertThat(t.listAllPeers()).extracting(MeshPeer::peerId).doesNotContain(leftId);
        }
        for (BrowserPage page : pages.values()) {
            waitInPage(page, "() => window.meshLog.left.includes('" + leftId + "') && window.meshLog.closed.includes('"
                             + leftId + "') && !window.mesh.listAllPeers().some((p) => p.peerId === '" + leftId + "')");
        }
    }

    private static void waitInPage(BrowserPage page, String predicate) {
        page.page().waitForFunction(predicate, null,
                                    new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_SECONDS * 1000.0));
    }
}
