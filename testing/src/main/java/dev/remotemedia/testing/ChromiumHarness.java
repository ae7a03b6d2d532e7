package dev.remotemedia.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright for Java: the reference WebRTC peer of the interop tests
 * and benchmarks. It never downloads a browser; it runs {@code /usr/bin/chromium} (or
 * {@code CHROMIUM_PATH}) with the flags of DESIGN.md §6, and fails with a clear message when the
 * browser is missing rather than skipping anything.
 *
 * <p>Not thread-safe: Playwright objects belong to the thread that made them.
 */
public final class ChromiumHarness implements AutoCloseable {
    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");

    /** DESIGN.md §6, plus what a closed network and loopback-only WebRTC need. */
    public static final List<String> FLAGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            // WebAudio (tone sources and analysers in audio tests) runs without a user gesture.
            "--autoplay-policy=no-user-gesture-required",
            // Offer real host addresses (not mDNS .local names) and loopback candidates, so peers
            // on 127.0.0.1 can reach each other.
            "--disable-features=WebRtcHideLocalIpsWithMdns",
            "--allow-loopback-in-peer-connection");

    private final Playwright playwright;
    private final Browser browser;
    private final List<BrowserPage> pages = new ArrayList<>();

    private ChromiumHarness(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches headless Chromium. */
    public static ChromiumHarness launch() {
        return launch(List.of());
    }

    /**
     * Launches headless Chromium with {@code extraFlags} after {@link #FLAGS}, e.g.
     * {@code --use-file-for-fake-audio-capture=speech.wav} for a microphone that plays a file.
     */
    public static ChromiumHarness launch(List<String> extraFlags) {
        final List<String> flags = new ArrayList<>(FLAGS);
        flags.addAll(extraFlags);
        final Path executable = executable();
        final Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            final Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(flags));
            return new ChromiumHarness(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** The browser executable: {@code CHROMIUM_PATH} if set, else {@link #DEFAULT_EXECUTABLE}. */
    public static Path executable() {
        final String configured = System.getenv("CHROMIUM_PATH");
        final Path path = configured == null || configured.isBlank() ? DEFAULT_EXECUTABLE : Path.of(configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(
                    path + " is missing: install Debian's chromium package (apt-get install -y chromium; "
                    + ".ci/run does this) or set CHROMIUM_PATH");
        }
        return path;
    }

    /** The browser's version, such as {@code 156.0.8078.79}. */
    public String version() {
        return browser.version();
    }

    /** Opens {@code url} in a new, isolated browser context and waits for it to load. */
    public BrowserPage open(String url) {
        final BrowserPage page = BrowserPage.open(browser.newContext(), url);
        pages.add(page);
        return page;
    }

    /** The pages opened so far and not yet closed. */
    public List<BrowserPage> openPages() {
        pages.removeIf(BrowserPage::isClosed);
        return List.copyOf(pages);
    }

    /** Closes every page opened so far; the browser stays up. */
    public void closePages() {
        pages.forEach(BrowserPage::close);
        pages.clear();
    }

    @Override
    public void close() {
        pages.forEach(BrowserPage::close);
        pages.clear();
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
