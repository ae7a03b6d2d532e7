package dev.remotemedia.testing;

import static java.util.Objects.requireNonNull;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import dev.remotemedia.rtc.common.Nullable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One page open in {@link ChromiumHarness}: runs scripts in it, and keeps every console error and
 * uncaught page error so a test can assert there were none and a failure report can show them.
 * With {@link ChromiumExtension}, let the extension close pages after each test (so a failing test's
 * pages can still be photographed) rather than closing them in the test.
 */
public final class BrowserPage implements AutoCloseable {
    private final BrowserContext context;
    private final Page page;
    private final List<String> errors = new ArrayList<>();
    private final List<String> console = new ArrayList<>();
    private boolean closed;

    private BrowserPage(BrowserContext context, Page page) {
        this.context = context;
        this.page = page;
    }

    static BrowserPage open(BrowserContext context, String url) {
        final BrowserPage result = new BrowserPage(context, context.newPage());
        result.page.onConsoleMessage(message -> {
            final String line = message.type() + ": " + message.text();
            synchronized (result) {
                result.console.add(line);
                if ("error".equals(message.type())) {
                    result.errors.add(line);
                }
            }
        });
        result.page.onPageError(error -> {
            synchronized (result) {
                result.errors.add("uncaught: " + error);
            }
        });
        try {
            result.page.navigate(requireNonNull(url, "url"));
            result.page.waitForLoadState(LoadState.LOAD);
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        return result;
    }

    /**
     * Evaluates a JavaScript function expression with one argument and returns its result; a
     * returned promise is awaited. Results come back as Playwright maps them: numbers as
     * {@link Number}, objects as {@link java.util.Map}, arrays as {@link List}.
     */
    public @Nullable Object evaluate(String function, @Nullable Object arg) {
        return page.evaluate(function, arg);
    }

    /**
     * Imports the ES module at {@code modulePath} (served by the page's origin) and calls its export
     * {@code function} with {@code arg}.
     */
    public @Nullable Object callModule(String modulePath, String function, @Nullable Object arg) {
        return page.evaluate("async ([path, name, arg]) => (await import(path))[name](arg)",
                             java.util.Arrays.asList(modulePath, function, arg));
    }

    /** Console errors and uncaught exceptions seen so far. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    /** Every console message seen so far, as {@code type: text}. */
    public synchronized List<String> console() {
        return List.copyOf(console);
    }

    /** Saves a full-page screenshot to {@code file}. */
    public Path screenshot(Path file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** The Playwright page, for what this class does not cover. */
    public Page page() {
        return page;
    }

    public String url() {
        return page.url();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.close();
        }
    }
}
