package dev.remotemedia.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JavaScript that tests and benchmarks inject into Chromium pages. */
public final class BrowserScripts {
    private BrowserScripts() {}

    /**
     * Defines {@code window.browserPeers}: RTCPeerConnections in the page driven from Java (create,
     * offer, answer, trickle candidates, channels, sends) with every event recorded for polling.
     * Binary data crosses as base64.
     */
    public static String browserPeers() {
        return load("browser-peers.js");
    }

    /** Injects {@link #browserPeers()} into {@code page}. */
    public static void installBrowserPeers(BrowserPage page) {
        page.evaluate("script => eval(script)", browserPeers());
    }

    private static String load(String name) {
        try (InputStream in = BrowserScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the testing module's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
