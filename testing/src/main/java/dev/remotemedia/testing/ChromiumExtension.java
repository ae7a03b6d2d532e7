package dev.remotemedia.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class one {@link ChromiumHarness} and, when a test fails, saves a screenshot of every
 * page the test opened to {@code target/screenshots/} and prints the pages' console messages and
 * errors. Pages are closed after each test, so each test starts with none.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ChromiumExtension chromium = new ChromiumExtension();
 * ...
 * BrowserPage page = chromium.harness().open(url);
 * }</pre>
 */
public final class ChromiumExtension
        implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback, AfterEachCallback {
    private ChromiumHarness harness;

    @Override
    public void beforeAll(ExtensionContext context) {
        harness = ChromiumHarness.launch();
    }

    /** The browser for this test class. */
    public ChromiumHarness harness() {
        if (harness == null) {
            throw new IllegalStateException("register ChromiumExtension on a static field");
        }
        return harness;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isEmpty() || harness == null) {
            return;
        }
        final Path dir = screenshotDirectory();
        Files.createDirectories(dir);
        final List<BrowserPage> pages = harness.openPages();
        for (int i = 0; i < pages.size(); i++) {
            final BrowserPage page = pages.get(i);
            final String name = context.getRequiredTestClass().getSimpleName() + '-'
                                + context.getRequiredTestMethod().getName() + '-' + i + ".png";
            try {
                final Path file = page.screenshot(dir.resolve(name));
                System.err.println("[chromium] screenshot of " + page.url() + ": " + file.toAbsolutePath());
            } catch (RuntimeException e) {
                System.err.println("[chromium] no screenshot of " + page.url() + ": " + e.getMessage());
            }
            page.console().forEach(line -> System.err.println("[chromium console] " + line));
            page.errors().forEach(line -> System.err.println("[chromium error] " + line));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (harness != null) {
            harness.closePages();
        }
    }

    /** Where failure screenshots go. */
    public static Path screenshotDirectory() {
        return Path.of("target", "screenshots");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }
}
