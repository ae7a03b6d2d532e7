package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.remotemedia.server.Main;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.RedisServerProcess;
import dev.remotemedia.testing.ServerProcess;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale-out (issue 15): a Java peer signaling through one server and a Chromium page signaling
 * through another server of the same cluster (a real redis-server) find each other, connect —
 * offer, answer and trickled candidates all crossing Redis — and exchange data channel messages,
 * checked by content; when the Java peer leaves, the page hears {@code peer.left} from its own
 * server.
 */
class ClusterChromiumTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static final long TIMEOUT_SECONDS = 60;

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
              await signaling.connect();
            }""";

    private static ServerProcess node(RedisServerProcess redis, String nodeId) {
        return ServerProcess.start(Main.class.getName(), List.of("--http-port", "0", "--udp-port", "0"),
                                   Map.of("REDIS_URL", redis.url(), "REMOTEMEDIA_NODE_ID", nodeId));
    }

    @Test
    void a_java_peer_on_one_node_and_a_chromium_page_on_another_open_a_data_channel() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             ServerProcess a = node(redis, "node-a");
             ServerProcess b = node(redis, "node-b")) {
            final int portA = a.awaitHttpPort(Duration.ofSeconds(60));
            final int portB = b.awaitHttpPort(Duration.ofSeconds(60));
            final WebRtcTransportConfig config = WebRtcTransportConfig.builder()
                    .signalingUrl(URI.create("ws://localhost:" + portA + "/ws"))
                    .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                    .udpPort(0)
                    .build();
            final CountDownLatch open = new CountDownLatch(1);
            final BlockingQueue<String> javaMessages = new LinkedBlockingQueue<>();
            final WebRtcTransport java = WebRtcTransport.builder(config).peerId("java-on-a").autoConnect(true)
                    .onPeerOpen(p -> open.countDown())
                    .onPeerMessage((p, m) -> javaMessages.add(p.peerId() + ">java-on-a:" + m.text()))
                    .build();
            try {
                java.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                final BrowserPage page = chromium.harness().open("http://localhost:" + portB + "/diagnostics/loopback.html");
                page.evaluate(JOIN, "page-on-b");

                assertThat(open.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the Java peer's channel opens").isTrue();
                waitInPage(page, "() => window.meshLog.opened.includes('java-on-a')");

                java.listAllPeers().forEach(p -> p.send("hello page-on-b, from node-a"));
                page.evaluate("() => window.mesh.send('java-on-a', 'hello java-on-a, from node-b')", null);
                assertThat(javaMessages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .isEqualTo("page-on-b>java-on-a:hello java-on-a, from node-b");
                waitInPage(page, "() => window.meshLog.messages.includes('java-on-a>page-on-b:hello page-on-b, from node-a')");

                java.shutdown();
                waitInPage(page, "() => window.meshLog.left.includes('java-on-a')");
                assertThat(page.errors()).isEmpty();
            } finally {
                java.shutdown();
            }
        }
    }

    private static void waitInPage(BrowserPage page, String predicate) {
        page.page().waitForFunction(predicate, null,
                                    new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_SECONDS * 1000.0));
    }
}
