package dev.remotemedia.interop;

import static dev.remotemedia.interop.BrowserPeers.await;
import static dev.remotemedia.interop.BrowserPeers.binary;
import static dev.remotemedia.interop.BrowserPeers.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCDataChannelInit;
import dev.remotemedia.rtc.pc.RTCDataChannelMessage;
import dev.remotemedia.rtc.pc.RTCDataChannelState;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.testing.ChromiumExtension;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our RTCPeerConnection against Chromium's, both ways of offer/answer, over UDP on 127.0.0.1:
 * messages checked by content, channels of every reliability at once, close from either side,
 * and ten Chromium peers on one Java process.
 */
class JavaChromiumDataChannelTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private PeerConnectionFactory factory;
    private BrowserPeers browser;

    @BeforeEach
    void setUp() {
        factory = PeerConnectionFactory.builder()
                .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                .build();
        browser = new BrowserPeers(chromium.harness().open("about:blank"));
    }

    @AfterEach
    void tearDown() {
        factory.close();
    }

    /** Seeded messages: text (with non-ASCII), then binary from 1 B to 256 KiB. */
    private static List<Map<String, String>> messages() {
        final Random random = new Random(20261121);
        final List<Map<String, String>> messages = new ArrayList<>();
        messages.add(text("hello, chromium"));
        messages.add(text("Grüße, 世界 🎧"));
        messages.add(text("x".repeat(100_000)));
        for (int size : new int[] {1, 2, 1_000, 1_200, 16_384, 65_536, 131_072, 262_144}) {
            final byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            messages.add(binary(bytes));
        }
        return messages;
    }

    private static void send(RTCDataChannel channel, Map<String, String> message) {
        if ("text".equals(message.get("kind"))) {
            channel.send(message.get("data"));
        } else {
            channel.send(Base64.getDecoder().decode(message.get("base64")));
        }
    }

    private static Map<String, String> asMessage(RTCDataChannelMessage message) {
        return message.binary() ? binary(message.data()) : text(message.text());
    }

    @Test
    void javaOffersAndChromiumEchoesEveryMessageByContent() {
        final RTCPeerConnection java = factory.createPeerConnection();
        final RTCDataChannel channel = java.createDataChannel("echo");
        final List<Map<String, String>> echoed = Collections.synchronizedList(new ArrayList<>());
        channel.onMessage(m -> echoed.add(asMessage(m)));
        final CompletableFuture<Void> open = new CompletableFuture<>();
        channel.onOpen(() -> open.complete(null));

        browser.create("p", true);
        browser.connectJavaOffering("p", java);
        BrowserPeers.get(open);

        final List<Map<String, String>> sent = messages();
        sent.forEach(m -> send(channel, m));
        await(() -> echoed.size() >= sent.size(), "all echoes");
        assertThat(echoed).isEqualTo(sent);
        assertThat(browser.received("p", "echo")).isEqualTo(sent);
    }

    @Test
    void chromiumOffersAndJavaEchoesEveryMessageByContent() {
        final RTCPeerConnection java = factory.createPeerConnection();
        java.onDataChannel(channel -> channel.onMessage(m -> {
            if (m.binary()) {
                channel.send(m.data());
            } else {
                channel.send(m.text());
            }
        }));
        browser.create("p", false);
        browser.call("createChannel", "p", "echo", Map.of());
        browser.connectBrowserOffering("p", java);
        await(() -> browser.channelEvents("p", "echo").contains("open"), "the page's channel to open");

        final List<Map<String, String>> sent = messages();
        browser.call("send", "p", "echo", sent);
        await(() -> browser.received("p", "echo").size() >= sent.size(), "all echoes in the page");
        assertThat(browser.received("p", "echo")).isEqualTo(sent);
        assertThat(browser.channelEvents("p", "echo")).doesNotContain("close");
    }

    @Test
    void fourChannelsOfDifferentReliabilityAtOnce() {
        final RTCPeerConnection java = factory.createPeerConnection();
        final Map<String, RTCDataChannelInit> kinds = Map.of(
                "reliable-ordered", RTCDataChannelInit.DEFAULT,
                "reliable-unordered", RTCDataChannelInit.DEFAULT.withOrdered(false),
                "rexmit-0", RTCDataChannelInit.DEFAULT.withOrdered(false).withMaxRetransmits(0),
                "lifetime-200", RTCDataChannelInit.DEFAULT.withMaxPacketLifeTime(200).withProtocol("timed"));
        final List<RTCDataChannel> channels = new ArrayList<>();
        final List<CompletableFuture<Void>> opened = new ArrayList<>();
        kinds.forEach((label, init) -> {
            final RTCDataChannel channel = java.createDataChannel(label, init);
            final CompletableFuture<Void> open = new CompletableFuture<>();
            channel.onOpen(() -> open.complete(null));
            channels.add(channel);
            opened.add(open);
        });
        browser.create("p", false);
        browser.connectJavaOffering("p", java);
        opened.forEach(BrowserPeers::get);

        final int count = 200;
        for (RTCDataChannel channel : channels) {
            for (int i = 0; i < count; i++) {
                channel.send(channel.label() + '#' + i);
            }
        }
        await(() -> browser.received("p", "reliable-ordered").size() == count
                    && browser.received("p", "reliable-unordered").size() == count,
              "every message of the reliable channels");

        final Map<?, ?> unreliable = (Map<?, ?>) browser.call("channelInfo", "p", "rexmit-0");
        assertThat(unreliable.get("ordered")).isEqualTo(false);
        assertThat(((Number) unreliable.get("maxRetransmits")).intValue()).isZero();
        final Map<?, ?> timed = (Map<?, ?>) browser.call("channelInfo", "p", "lifetime-200");
        assertThat(((Number) timed.get("maxPacketLifeTime")).intValue()).isEqualTo(200);
        assertThat(timed.get("protocol")).isEqualTo("timed");

        final List<Map<String, String>> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(text("reliable-ordered#" + i));
        }
        assertThat(browser.received("p", "reliable-ordered")).isEqualTo(expected);
        assertThat(browser.received("p", "reliable-unordered")).hasSize(count)
                .containsExactlyInAnyOrderElementsOf(new ArrayList<Object>(relabel(expected, "reliable-unordered")));
        for (String label : List.of("rexmit-0", "lifetime-200")) {
            // Unreliable: may lose on a lossy path, never duplicate or invent.
            final List<Object> got = browser.received("p", label);
            assertThat(new HashSet<>(got)).hasSameSizeAs(got);
            assertThat(new ArrayList<Object>(relabel(expected, label))).containsAll(got);
        }
    }

    private static List<Map<String, String>> relabel(List<Map<String, String>> messages, String label) {
        final List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> m : messages) {
            out.add(text(m.get("data").replace("reliable-ordered", label)));
        }
        return out;
    }

    @Test
    void channelsCloseFromEitherSide() {
        final RTCPeerConnection java = factory.createPeerConnection();
        final RTCDataChannel closedByJava = java.createDataChannel("closed-by-java");
        final RTCDataChannel closedByChromium = java.createDataChannel("closed-by-chromium");
        final CompletableFuture<Void> bothOpen = new CompletableFuture<>();
        final Runnable check = () -> {
            if (closedByJava.readyState() == RTCDataChannelState.OPEN
                && closedByChromium.readyState() == RTCDataChannelState.OPEN) {
                bothOpen.complete(null);
            }
        };
        closedByJava.onOpen(check);
        closedByChromium.onOpen(check);
        final CompletableFuture<Void> javaSawClose = new CompletableFuture<>();
        closedByChromium.onClose(() -> javaSawClose.complete(null));

        browser.create("p", false);
        browser.connectJavaOffering("p", java);
        BrowserPeers.get(bothOpen);

        closedByJava.close();
        await(() -> browser.channelEvents("p", "closed-by-java").contains("close"), "Chromium to see the close");
        await(() -> closedByJava.readyState() == RTCDataChannelState.CLOSED, "Java's channel to be closed");

        browser.call("closeChannel", "p", "closed-by-chromium");
        BrowserPeers.get(javaSawClose);
        assertThat(closedByChromium.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        BrowserPeers.assertConnected(java);
    }

    @Test
    void tenChromiumPeersOnOneJavaProcessEachGetOnlyTheirOwnMessages() {
        final int peers = 10;
        final List<RTCDataChannel> channels = new ArrayList<>();
        final List<List<String>> echoes = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            final RTCPeerConnection java = factory.createPeerConnection();
            final RTCDataChannel channel = java.createDataChannel("chat");
            final List<String> got = Collections.synchronizedList(new ArrayList<>());
            channel.onMessage(m -> got.add(m.text()));
            channels.add(channel);
            echoes.add(got);
            browser.create("p" + i, true);
            browser.connectJavaOffering("p" + i, java);
        }
        await(() -> channels.stream().allMatch(c -> c.readyState() == RTCDataChannelState.OPEN), "all channels open");
        assertThat(factory.connectionCount()).isEqualTo(peers);

        final int perPeer = 20;
        for (int i = 0; i < peers; i++) {
            for (int j = 0; j < perPeer; j++) {
                channels.get(i).send("peer-" + i + "-message-" + j);
            }
        }
        await(() -> echoes.stream().allMatch(e -> e.size() >= perPeer), "every echo");
        for (int i = 0; i < peers; i++) {
            final List<String> expected = new ArrayList<>();
            for (int j = 0; j < perPeer; j++) {
                expected.add("peer-" + i + "-message-" + j);
            }
            assertThat(echoes.get(i)).as("echoes of peer %d", i).isEqualTo(expected);
        }
    }
}
