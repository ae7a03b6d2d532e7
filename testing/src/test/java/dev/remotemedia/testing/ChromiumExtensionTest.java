package dev.remotemedia.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The failure path of the harness: a failing browser test leaves a screenshot and its console. */
class ChromiumExtensionTest {

    /** Run only through the engine test kit below (surefire skips nested classes). */
    static class FailingBrowserCase {
        @RegisterExtension
        static final ChromiumExtension chromium = new ChromiumExtension();

        @Test
        void opensAPageAndFails() {
            final BrowserPage page = chromium.harness().open(
                    "data:text/html,<h1 style='color:red'>failing page</h1><script>console.error('boom')</script>");
            assertThat(page.errors()).containsExactly("error: boom");
            assertThat(page.console()).contains("error: boom");
            throw new AssertionError("deliberate failure");
        }
    }

    @Test
    void aFailingTestLeavesAScreenshotOfItsPages() throws Exception {
        final Path screenshot = ChromiumExtension.screenshotDirectory()
                                                 .resolve("FailingBrowserCase-opensAPageAndFails-0.png");
        Files.deleteIfExists(screenshot);

        EngineTestKit.engine("junit-jupiter")
                     .selectors(selectClass(FailingBrowserCase.class))
                     .execute()
                     .testEvents()
                     .assertStatistics(stats -> stats.started(1).failed(1).succeeded(0));

        assertThat(screenshot).exists();
        final byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).isGreaterThan(1_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
