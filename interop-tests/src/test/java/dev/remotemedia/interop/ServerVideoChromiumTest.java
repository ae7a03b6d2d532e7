package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.remotemedia.server.Main;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.BrowserScripts;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo page sends a camera through the real server process's pipelines and shows what comes
 * back beside it (issue 13). The camera is a canvas of numbered pictures (Chromium encodes it as
 * it would a camera); what comes back is read in the page from the demo's own {@code <video>}: the
 * numbers, and how colourful each picture is — gray through {@code grayscale}, in colour through
 * {@code video-loopback}.
 */
class ServerVideoChromiumTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static final Duration START = Duration.ofSeconds(30);
    private static final double WAIT_MS = 30_000;
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

    /** The demo page with a numbered canvas as its camera, connected to {@code pipeline}, watching what comes back. */
    private static BrowserPage pageThrough(String pipeline) {
        final BrowserPage page = chromium.harness().open(origin + "/");
        page.evaluate("() => window.demo.ready", null);
        BrowserScripts.installBrowserPeers(page);
        page.evaluate("() => window.browserPeers.startNumberedTrack('camera', 320, 240, 30)", null);
        page.evaluate("() => window.demo.setVideoInput(window.browserPeers.track('camera'))", null);
        page.evaluate("() => window.browserPeers.watchVideoElement('remote-video')", null);
        page.evaluate("p => window.demo.connect(p)", pipeline);
        page.page().waitForFunction(
                "() => { const v = window.browserPeers.watchedVideo('remote-video'); return v && v.numbers.length >= 45; }",
                null, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        return page;
    }

    private static List<Integer> ints(Object list) {
        final List<Integer> out = new ArrayList<>();
        for (Object n : (List<?>) list) {
            out.add(((Number) n).intValue());
        }
        return out;
    }

    /** The numbers the page read back, checked, and the colourfulness of each picture after the first few. */
    private static List<Integer> watched(BrowserPage page) {
        final Map<?, ?> video = (Map<?, ?>) page.evaluate("() => window.browserPeers.watchedVideo('remote-video')", null);
        final List<Integer> numbers = ints(video.get("numbers"));
        assertThat(numbers).as("numbers read back from the pipeline's video").doesNotContain(-1);
        for (int i = 1; i < numbers.size(); i++) {
            // The element presents what the decoder has: a number may repeat, never go back.
            assertThat(numbers.get(i)).as("picture %d after %d", i, numbers.get(i - 1)).isGreaterThanOrEqualTo(numbers.get(i - 1));
        }
        assertThat(numbers.get(numbers.size() - 1) - numbers.get(0)).as("the numbers advance").isGreaterThanOrEqualTo(20);
        assertThat(((Number) video.get("width")).intValue()).isEqualTo(320);
        assertThat(((Number) video.get("height")).intValue()).isEqualTo(240);
        final List<Integer> colours = ints(video.get("colours"));
        return colours.subList(5, colours.size());
    }

    @Test
    void grayscaleSendsTheCameraBackInGrayAndTheStatsShowIt() {
        final BrowserPage page = pageThrough("grayscale");
        final List<Integer> colours = watched(page);
        // The canvas's background is strongly coloured (channels 60..255 apart); gray is within
        // a few levels after two encodings and the browser's YUV→RGB.
        assertThat(colours).as("how far each picture's channels differ").allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(12));
        page.page().waitForFunction("() => { const v = window.demo.state.video.stats; return v && v.framesDecoded > 0"
                                    + " && v.frameWidth === 320 && document.getElementById('video-size').textContent === '320×240'; }",
                                    null, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        assertThat(page.errors()).isEmpty();
    }

    @Test
    void theCameraButtonSendsChromiumsFakeCameraBackInGray() {
        final BrowserPage page = chromium.harness().open(origin + "/");
        page.evaluate("() => window.demo.ready", null);
        BrowserScripts.installBrowserPeers(page);
        page.evaluate("() => window.browserPeers.watchVideoElement('local-video')", null);
        page.evaluate("() => window.browserPeers.watchVideoElement('remote-video')", null);
        page.page().click("#camera"); // getUserMedia: Chromium's fake camera (--use-fake-device-for-media-stream)
        page.page().waitForFunction("() => window.demo.state.video.on", null,
                                    new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        page.evaluate("() => window.demo.connect('grayscale')", null);
        page.page().waitForFunction(
                "() => { const v = window.browserPeers.watchedVideo('remote-video'); return v && v.colours.length >= 30; }",
                null, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        final Map<?, ?> local = (Map<?, ?>) page.evaluate("() => window.browserPeers.watchedVideo('local-video')", null);
        final Map<?, ?> back = (Map<?, ?>) page.evaluate("() => window.browserPeers.watchedVideo('remote-video')", null);
        final List<Integer> sent = ints(local.get("colours"));
        final List<Integer> returned = ints(back.get("colours"));
        assertThat(sent.stream().mapToInt(Integer::intValue).max().orElse(0)).as("the fake camera is in colour").isGreaterThan(40);
        assertThat(returned.subList(5, returned.size())).as("what came back through grayscale")
                                                        .allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(12));
        assertThat(page.errors()).isEmpty();
    }

    @Test
    void videoLoopbackSendsTheCameraBackInColour() {
        final BrowserPage page = pageThrough("video-loopback");
        final List<Integer> colours = watched(page);
        assertThat(colours.stream().mapToInt(Integer::intValue).min().orElse(0)).as("the least colourful picture")
                                                                                 .isGreaterThan(40);
        assertThat(page.errors()).isEmpty();
    }
}
