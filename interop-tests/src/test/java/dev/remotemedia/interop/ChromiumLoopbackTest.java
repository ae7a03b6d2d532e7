package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.remotemedia.server.Main;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the Chromium harness end to end: a page served by the real server process runs two
 * {@code RTCPeerConnection}s in Chromium, opens a data channel and echoes messages, which are
 * checked by content here.
 */
class ChromiumLoopbackTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static ServerProcess server;
    private static String origin;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.start(Main.class.getName(), List.of("--http-port", "0"), Map.of());
        origin = "http://localhost:" + server.awaitHttpPort(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dataChannelEchoesTextAndBinaryMessagesByContent() {
        final Random random = new Random(20261121);
        final List<Map<String, String>> sent = new ArrayList<>();
        sent.add(Map.of("kind", "text", "data", "hello, world"));
        sent.add(Map.of("kind", "text", "data", "Grüße, 世界 🎧"));
        sent.add(Map.of("kind", "text", "data", "x".repeat(70_000)));
        for (int size : new int[] {1, 1_000, 65_536, 262_144}) {
            final byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            sent.add(Map.of("kind", "binary", "base64", Base64.getEncoder().encodeToString(bytes)));
        }

        final BrowserPage page = chromium.harness().open(origin + "/diagnostics/loopback.html");
        final Object received = page.callModule("/js/loopback.js", "echo", sent);

        assertThat(received).isEqualTo(sent);
        assertThat(page.errors()).isEmpty();
    }

    @Test
    void selfCheckPageShowsASuccessfulEcho() {
        final BrowserPage page = chromium.harness().open(origin + "/diagnostics/loopback.html");
        page.page().click("#echo");
        PlaywrightAssertions.assertThat(page.page().locator("#echo-result"))
                            .hasText("2 of 2 echoed", new com.microsoft.playwright.assertions.LocatorAssertions
                                    .HasTextOptions().setTimeout(20_000));
        assertThat(page.errors()).isEmpty();
    }

    @Test
    void startPageShowsTheServerIsUp() {
        final BrowserPage page = chromium.harness().open(origin + "/");
        PlaywrightAssertions.assertThat(page.page().locator("#status"))
                            .hasText("UP", new com.microsoft.playwright.assertions.LocatorAssertions
                                    .HasTextOptions().setTimeout(10_000));
        PlaywrightAssertions.assertThat(page.page().locator("#server-peers")).hasText("0");
        assertThat(page.errors()).isEmpty();
    }
}
