package dev.remotemedia.interop;

import static dev.remotemedia.interop.BrowserPeers.await;
import static dev.remotemedia.interop.BrowserPeers.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceCandidatePair;
import dev.remotemedia.rtc.pc.RTCIceServer;
import dev.remotemedia.rtc.pc.RTCIceTransportPolicy;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.TurnServerProcess;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our RTCPeerConnection and Chromium's, both with {@code iceTransportPolicy: 'relay'}, through a
 * real TURN server (coturn on 127.0.0.1): every datagram goes Java → coturn → coturn → Chromium,
 * the way users check TURN in browsers.
 */
class JavaChromiumTurnTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private TurnServerProcess turn;
    private PeerConnectionFactory factory;
    private BrowserPeers browser;
    private BrowserPage page;

    @BeforeEach
    void setUp() {
        turn = TurnServerProcess.start("carol", "chromium-Pa55");
        factory = PeerConnectionFactory.builder()
                .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                .iceServers(List.of(RTCIceServer.turn(turn.url(), turn.username(), turn.password())))
                .iceTransportPolicy(RTCIceTransportPolicy.RELAY)
                .build();
        page = chromium.harness().open("about:blank");
        browser = new BrowserPeers(page);
        // The page's peers are made with `new RTCPeerConnection()`: give them this configuration,
        // and keep them for getStats.
        page.evaluate("config => { const Native = window.RTCPeerConnection; window.relayTestPeers = [];"
                      + " window.RTCPeerConnection = class extends Native {"
                      + " constructor() { super(config); window.relayTestPeers.push(this); } }; }",
                      Map.of("iceServers", List.of(Map.of("urls", turn.url(), "username", turn.username(),
                                                          "credential", turn.password())),
                             "iceTransportPolicy", "relay"));
    }

    @AfterEach
    void tearDown() {
        if (factory != null) {
            factory.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    @Test
    void javaAndChromiumBothRelayOnlyConnectThroughTurnAndEchoMessagesByContent() {
        final RTCPeerConnection java = factory.createPeerConnection();
        final RTCDataChannel channel = java.createDataChannel("echo");
        final List<Object> echoed = Collections.synchronizedList(new ArrayList<>());
        channel.onMessage(m -> echoed.add(text(m.text())));
        final CompletableFuture<Void> open = new CompletableFuture<>();
        channel.onOpen(() -> open.complete(null));

        browser.create("p", true);
        browser.connectJavaOffering("p", java);
        BrowserPeers.get(open);

        final List<Object> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(text("through TURN #" + i + " Grüße"));
            channel.send("through TURN #" + i + " Grüße");
        }
        await(() -> echoed.size() >= sent.size(), "all echoes");
        assertThat(echoed).isEqualTo(sent);
        assertThat(browser.received("p", "echo")).isEqualTo(sent);

        final RTCIceCandidatePair pair = java.getSelectedCandidatePair();
        assertThat(pair).isNotNull();
        assertThat(pair.local().candidate()).as("Java's side of the pair").contains(" typ relay ");
        assertThat(pair.remote().candidate()).as("Chromium's side of the pair").contains(" typ relay");
        // Chromium's own view (W3C stats): its selected pair is relay on both ends too.
        assertThat(page.evaluate("async () => { const pc = window.relayTestPeers[0]; const stats = await pc.getStats();"
                                 + " let pairId; stats.forEach(s => { if (s.type === 'transport') pairId = s.selectedCandidatePairId; });"
                                 + " const pair = stats.get(pairId);"
                                 + " return [stats.get(pair.localCandidateId).candidateType,"
                                 + " stats.get(pair.remoteCandidateId).candidateType]; }", null))
                .isEqualTo(List.of("relay", "relay"));
    }
}
