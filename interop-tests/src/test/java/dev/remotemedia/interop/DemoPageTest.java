package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.remotemedia.server.Main;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo page at {@code /} against the real server process: ServerPeers over the built-in
 * signaling, driven through the page as a user would, and cleaned up when clients vanish.
 */
class DemoPageTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static final Duration START = Duration.ofSeconds(30);
    private static final double WAIT_MS = 30_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServerProcess server;
    private static String origin;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.start(Main.class.getName(),
                                     List.of("--http-port", "0", "--udp-port", "0", "--ice-addresses", "127.0.0.1",
                                             "--max-peers", "20"),
                                     Map.of());
        origin = "http://localhost:" + server.awaitHttpPort(START);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode health() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/health")).build(),
                                       HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Polls {@code /health} until {@code condition} holds; fails with the last body after {@code timeout}. */
    private static JsonNode awaitHealth(Predicate<JsonNode> condition, Duration timeout) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = health();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/health did not reach the expected state within " + timeout + ": " + last
                                         + "\nserver output:\n" + server.transcript());
            }
            // Each request is itself the wait: no fixed sleep, a round trip to the server.
            last = health();
        }
        return last;
    }

    private static BrowserPage openDemo() {
        final BrowserPage page = chromium.harness().open(origin + "/");
        page.evaluate("() => window.demo.ready", null);
        return page;
    }

    private static void awaitState(BrowserPage page, String state) {
        PlaywrightAssertions.assertThat(page.page().locator("#state"))
                            .hasAttribute("data-state", state,
                                          new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS));
    }

    private static void awaitReplies(BrowserPage page, int count) {
        page.page().waitForFunction("n => window.demo.state.replies.length >= n", count,
                                    new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
    }

    @SuppressWarnings("unchecked")
    private static List<String> replyTexts(BrowserPage page) {
        return (List<String>) page.evaluate("() => window.demo.state.replies.map(r => r.text)", null);
    }

    private static void sendAll(BrowserPage page, List<String> texts) {
        page.evaluate("texts => texts.forEach(t => window.demo.sendText(t))", texts);
    }

    @Test
    void sendsHundredMessagesThroughTextUpperInOrderThenReconnects() throws Exception {
        final BrowserPage page = openDemo();
        final Page p = page.page();
        p.selectOption("#pipeline", "text-upper");
        PlaywrightAssertions.assertThat(p.locator("#pipeline-description")).hasText("Text comes back in upper case.");
        p.click("#connect");
        awaitState(page, "connected");
        PlaywrightAssertions.assertThat(p.locator("#running-pipeline")).hasText("text-upper");

        // The first through the form, as a user types it; the rest at once from the page's hooks.
        p.fill("#text", "message 0: héllo");
        p.click("#send-text");
        final List<String> sent = new ArrayList<>(List.of("message 0: héllo"));
        IntStream.range(1, 100).forEach(i -> sent.add("message " + i + ": ünïcode ✓ " + "x".repeat(i)));
        sendAll(page, sent.subList(1, 100));
        awaitReplies(page, 100);
        assertThat(replyTexts(page)).containsExactlyElementsOf(sent.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT))
                                                                    .toList());
        assertThat(health().get("server_peers").asInt()).isEqualTo(1);
        assertThat(health().get("sessions").asInt()).isEqualTo(1);

        p.fill("#chat-text", "hello from the chat");
        p.click("#chat-send");
        PlaywrightAssertions.assertThat(p.locator("#chat-log li.server"))
                            .hasText("HELLO FROM THE CHAT", new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        p.fill("#binary-size", "4096");
        p.click("#send-random");
        awaitReplies(page, 101);
        assertThat(page.evaluate("() => window.demo.state.replies[100]", null))
                .isInstanceOfSatisfying(Map.class, r -> assertThat(r).containsEntry("kind", "binary")
                                                                      .containsEntry("size", 4096));

        p.click("#disconnect");
        awaitState(page, "idle");
        awaitHealth(h -> h.get("server_peers").asInt() == 0 && h.get("sessions").asInt() == 0, START);

        final int before = replyTexts(page).size();
        p.click("#connect");
        awaitState(page, "connected");
        sendAll(page, List.of("again 1", "again 2", "again 3"));
        awaitReplies(page, before + 3);
        assertThat(replyTexts(page).subList(before, before + 3)).containsExactly("AGAIN 1", "AGAIN 2", "AGAIN 3");
        assertThat(page.evaluate("() => window.demo.state.errors", null)).isEqualTo(List.of());
        assertThat(page.errors()).isEmpty();
        p.click("#disconnect");
        awaitHealth(h -> h.get("server_peers").asInt() == 0, START);
    }

    @Test
    void runsTextUpperOverGrpcWebAsOverTheWebSocket() throws Exception {
        awaitHealth(h -> h.get("server_peers").asInt() == 0, START); // none left by another test
        final BrowserPage page = openDemo();
        final Page p = page.page();
        p.selectOption("#pipeline", "text-upper");
        p.selectOption("#signaling", "grpc-web");
        p.click("#connect");
        awaitState(page, "connected");
        assertThat(page.evaluate("() => window.demo.state.signaling", null)).isEqualTo("grpc-web");
        assertThat(page.evaluate("() => window.demo.signaling().constructor.name", null))
                .isEqualTo("GrpcWebSignalingClient");
        final List<String> texts = IntStream.range(0, 50).mapToObj(i -> "grpc-web " + i + ": héllo").toList();
        sendAll(page, texts);
        awaitReplies(page, texts.size());
        assertThat(replyTexts(page)).containsExactlyElementsOf(texts.stream().map(t -> t.toUpperCase(java.util.Locale.ROOT)).toList());
        final JsonNode connected = health();
        assertThat(connected.get("server_peers").asInt()).isEqualTo(1);
        assertThat(connected.get("peers").asInt()).isEqualTo(1);

        p.click("#disconnect");
        awaitState(page, "idle");
        awaitHealth(h -> h.get("server_peers").asInt() == 0 && h.get("peers").asInt() == 0, START);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGrpcWebClientSpeaksGrpcWebTextAndSeesOtherPeers() throws Exception {
        final BrowserPage page = openDemo();
        final Object peers = page.evaluate("""
                async () => {
                  const { GrpcWebSignalingClient } = await import('/js/grpc-web-signaling.js');
                  const a = new GrpcWebSignalingClient(location.origin, { peerId: 'text-a', text: true });
                  const b = new GrpcWebSignalingClient(location.origin, { peerId: 'binary-b' });
                  await a.connect();
                  const joined = new Promise((resolve) => a.addEventListener('peer.announced', (e) => resolve(e.detail.peer_id)));
                  const announce = await b.connect();
                  const list = await a.request('peer.list');
                  const seen = await joined;
                  let refused = '';
                  try {
                    await a.request('peer.offer', { from: 'text-a', to: 'nobody', sdp: 'v=0\\r\\n' });
                  } catch (e) {
                    refused = e.code + ' ' + e.message;
                  }
                  a.close();
                  b.close();
                  return { seen, before: announce.peers.map((p) => p.peer_id),
                           list: list.peers.map((p) => p.peer_id).sort(), refused };
                }""", null);
        final Map<String, Object> result = (Map<String, Object>) peers;
        assertThat(result.get("seen")).isEqualTo("binary-b");
        assertThat((List<String>) result.get("before")).containsExactly("text-a");
        assertThat((List<String>) result.get("list")).containsExactly("binary-b", "text-a");
        assertThat(result.get("refused")).isEqualTo("-32000 to_peer_id: nobody is not announced");
        awaitHealth(h -> h.get("peers").asInt() == 0, START);
    }

    @Test
    void tenPagesAtOnceEachGetOnlyTheirOwnReplies() throws Exception {
        awaitHealth(h -> h.get("server_peers").asInt() == 0, START); // none left by another test
        final List<BrowserPage> pages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pages.add(openDemo());
        }
        // Connect all ten at once: each gets its own ServerPeer and session.
        pages.forEach(page -> page.page().evaluate("() => { window.connecting = window.demo.connect('text-upper'); }"));
        for (BrowserPage page : pages) {
            page.evaluate("() => window.connecting", null);
            awaitState(page, "connected");
        }
        final JsonNode connected = health();
        assertThat(connected.get("server_peers").asInt()).isEqualTo(10);
        assertThat(connected.get("sessions").asInt()).isEqualTo(10);

        final List<List<String>> expected = new ArrayList<>();
        for (int k = 0; k < pages.size(); k++) {
            final List<String> texts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                texts.add("page " + k + " message " + i);
            }
            sendAll(pages.get(k), texts);
            expected.add(texts.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList());
        }
        for (int k = 0; k < pages.size(); k++) {
            awaitReplies(pages.get(k), 50);
            assertThat(replyTexts(pages.get(k))).as("page %d's replies", k).containsExactlyElementsOf(expected.get(k));
            assertThat(pages.get(k).errors()).isEmpty();
        }
        pages.forEach(BrowserPage::close);
        awaitHealth(h -> h.get("server_peers").asInt() == 0 && h.get("sessions").asInt() == 0, START);
    }

    @Test
    void clientsThatVanishMidStreamAreCleanedUpAndThreadsReturnToBaseline() throws Exception {
        // Warm up what a connection starts once per process (loops, pools), then take the baseline.
        final BrowserPage warmUp = openDemo();
        warmUp.evaluate("() => window.demo.connect('loopback')", null);
        sendAll(warmUp, List.of("warm"));
        awaitReplies(warmUp, 1);
        warmUp.close();
        final int baseline = awaitHealth(h -> h.get("server_peers").asInt() == 0 && h.get("sessions").asInt() == 0,
                                         START).get("threads").asInt();

        final String streaming = "() => { window.streaming = setInterval(() => {"
                                 + " for (let i = 0; i < 20; i++) window.demo.sendText('stream ' + i); }, 5); }";
        final BrowserPage closed = openDemo();
        final BrowserPage cut = openDemo();
        for (BrowserPage page : List.of(closed, cut)) {
            page.evaluate("() => window.demo.connect('text-upper')", null);
            page.evaluate(streaming, null);
            awaitReplies(page, 20);
        }
        assertThat(health().get("server_peers").asInt()).isEqualTo(2);

        // One page goes away entirely; the other's signaling socket is cut under it (the page does not
        // notice, so its peer connection stays up and the server has to clean up on its own).
        closed.close();
        cut.evaluate("() => { const s = window.demo.signaling(); s.socket.onclose = null; s.socket.close(); }", null);

        final JsonNode clean = awaitHealth(h -> h.get("server_peers").asInt() == 0 && h.get("sessions").asInt() == 0,
                                           START);
        assertThat(clean.get("server_peers").asInt()).isZero();
        awaitHealth(h -> h.get("threads").asInt() <= baseline, Duration.ofSeconds(60));
        // The cut page's connection was closed by the server: its channel closed under it.
        PlaywrightAssertions.assertThat(cut.page().locator("#state"))
                            .hasAttribute("data-state", "failed",
                                          new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS));
        cut.close();
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void anUnknownPipelineIsShownAsAnError() {
        final BrowserPage page = openDemo();
        page.evaluate("() => window.demo.connect('no-such-pipeline').catch(() => {})", null);
        PlaywrightAssertions.assertThat(page.page().locator("#error-text"))
                            .containsText("pipeline: 'no-such-pipeline' is not served here",
                                          new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS));
        PlaywrightAssertions.assertThat(page.page().locator("#error-text")).containsText("-32602");
        awaitState(page, "failed");
    }

    @Test
    void theServersErrorMessagesAreShownAndTheConnectionGoesOn() throws Exception {
        final BrowserPage page = openDemo();
        page.evaluate("() => window.demo.connect('text-upper')", null);
        awaitState(page, "connected");
        // Not a DataBuffer: the ServerPeer drops it and answers with an `error` control message.
        page.evaluate("() => window.demo.connection().channel.send(new Uint8Array([0xff, 0xff, 0xff]))", null);
        PlaywrightAssertions.assertThat(page.page().locator("#error-title"))
                            .hasText("Pipeline error", new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        PlaywrightAssertions.assertThat(page.page().locator("#error-text")).containsText("message of 3 bytes dropped");
        sendAll(page, List.of("still here"));
        page.page().waitForFunction("() => window.demo.state.replies.some(r => r.text === 'STILL HERE')", null,
                                    new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        PlaywrightAssertions.assertThat(page.page().locator("#replies tr.error")).hasCount(1);
        page.evaluate("() => window.demo.disconnect()", null);
        awaitState(page, "idle");
        awaitHealth(h -> h.get("server_peers").asInt() == 0, START);
    }
}
