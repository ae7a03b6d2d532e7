package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.Page;
import dev.remotemedia.server.Main;
import dev.remotemedia.testing.BrowserPage;
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
 * Chromium pages send audio through the real server process's pipelines and hear it back, driven
 * through the demo page: each page's track is a WebAudio tone (Opus encoded by Chromium), and what
 * comes back is measured in the page by frequency and level.
 */
class ServerAudioChromiumTest {
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

    /** The demo page, sending a {@code frequency} Hz sine of amplitude 0.5 (-9 dBFS RMS) from WebAudio. */
    private static BrowserPage pageWithTone(double frequency) {
        final BrowserPage page = chromium.harness().open(origin + "/");
        page.evaluate("() => window.demo.ready", null);
        page.evaluate("""
                async (frequency) => {
                  const ctx = window.demo.audioContext(); // one audio graph per page
                  const oscillator = ctx.createOscillator();
                  oscillator.frequency.value = frequency;
                  const gain = ctx.createGain();
                  gain.gain.value = 0.5;
                  const destination = ctx.createMediaStreamDestination();
                  oscillator.connect(gain).connect(destination);
                  oscillator.start();
                  await window.demo.setAudioInput(destination.stream.getAudioTracks()[0]);
                }""", frequency);
        return page;
    }

    /** Waits until the page has heard {@code frequency} back for a full second of level readings. */
    private static void awaitPitch(BrowserPage page, double frequency) {
        page.page().waitForFunction(
                "f => { const a = window.demo.state.audio; return a.pitchHz !== null && Math.abs(a.pitchHz - f) < 5; }",
                frequency, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        // The level is a one-second mean: wait for a second of readings taken while the tone is back.
        page.evaluate("() => new Promise((resolve) => { const a = window.demo.state.audio; let n = 0;"
                      + " const t = setInterval(() => { if (a.pitchHz !== null && ++n >= 25) { clearInterval(t); resolve(); } }, 50); })",
                      null);
    }

    /**
     * The page's one-second level, at its highest over two seconds of readings: a jitter buffer's
     * concealment under load only lowers a window's level, so the highest is the undisturbed one.
     */
    private static double steadyLevel(BrowserPage page) {
        return ((Number) page.evaluate("() => new Promise((resolve) => { let best = -Infinity, n = 0;"
                                       + " const t = setInterval(() => { best = Math.max(best, window.demo.state.audio.levelDb);"
                                       + " if (++n === 10) { clearInterval(t); resolve(best); } }, 200); })", null)).doubleValue();
    }

    @Test
    void aToneThroughGainComesBackSixDecibelsQuieterThanThroughLoopback() {
        final BrowserPage loud = pageWithTone(440);
        final BrowserPage quiet = pageWithTone(440);
        loud.evaluate("() => window.demo.connect('loopback')", null);
        quiet.evaluate("() => window.demo.connect('gain')", null);
        awaitPitch(loud, 440);
        awaitPitch(quiet, 440);
        final double loudDb = steadyLevel(loud);
        final double quietDb = steadyLevel(quiet);
        assertThat(loudDb).as("loopback's level").isCloseTo(-9.0, within(2.0));
        // ±1.5 dB: each path crosses Opus twice and two adaptive jitter buffers (the server's and
        // the page's), whose concealment and stretching under load move a page's level a little.
        assertThat(quietDb - loudDb).as("gain's level against loopback's").isCloseTo(-6.0, within(1.5));
        assertThat(loud.errors()).isEmpty();
        assertThat(quiet.errors()).isEmpty();
    }

    /**
     * A page with no UI (the JSON of {@code /api/pipelines}, same origin) that connects through the
     * browser client library alone, sending {@code frequency} Hz: ten demo pages with their charts
     * and meters cost a loaded two-core machine more than the media does.
     */
    private static BrowserPage bareToneClient(double frequency) {
        final BrowserPage page = chromium.harness().open(origin + "/api/pipelines");
        page.evaluate("""
                async (frequency) => {
                  const { SignalingClient, ServerConnection } = await import('/js/remotemedia.js');
                  const ctx = new AudioContext({ sampleRate: 48000 });
                  const oscillator = ctx.createOscillator();
                  oscillator.frequency.value = frequency;
                  const gain = ctx.createGain();
                  gain.gain.value = 0.5;
                  const destination = ctx.createMediaStreamDestination();
                  oscillator.connect(gain).connect(destination);
                  oscillator.start();
                  const signaling = new SignalingClient(`ws://${location.host}/ws`,
                      { peerId: 'tone-' + frequency, reconnect: { maxAttempts: 0 } });
                  await signaling.connect();
                  const connection = new ServerConnection(signaling,
                      { pipeline: 'loopback', audio: destination.stream.getAudioTracks()[0] });
                  const back = new Promise((resolve) => connection.addEventListener('track', (e) => resolve(e.detail.stream)));
                  await connection.connect(60000);
                  const analyser = ctx.createAnalyser();
                  analyser.fftSize = 8192;
                  analyser.smoothingTimeConstant = 0;
                  ctx.createMediaStreamSource(await back).connect(analyser);
                  // The strongest frequency coming back (parabolic fit around the peak bin), or null in silence.
                  window.pitch = () => {
                    const bins = new Float32Array(analyser.frequencyBinCount);
                    analyser.getFloatFrequencyData(bins);
                    let peak = 1;
                    for (let i = 2; i < bins.length - 1; i++) if (bins[i] > bins[peak]) peak = i;
                    if (!(bins[peak] > -70)) return null;
                    const a = bins[peak - 1], b = bins[peak], c = bins[peak + 1];
                    return (peak + 0.5 * (a - c) / (a - 2 * b + c)) * ctx.sampleRate / analyser.fftSize;
                  };
                }""", frequency);
        return page;
    }

    @Test
    void tenPagesAtOnceEachHearOnlyTheirOwnTone() {
        final List<BrowserPage> pages = new ArrayList<>();
        final List<Double> tones = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            tones.add(300.0 + 130 * k); // 300 .. 1470 Hz, far apart in a 5.9 Hz-bin FFT
            pages.add(bareToneClient(tones.get(k)));
        }
        // All ten stream at once; each hears its own tone back, none another's.
        for (int k = 0; k < pages.size(); k++) {
            // Its own tone comes back (within 15 Hz; the tones are 130 Hz apart) ...
            pages.get(k).page().waitForFunction(
                    "f => { const p = window.pitch(); return p !== null && Math.abs(p - f) < 15; }",
                    tones.get(k), new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        }
        for (int k = 0; k < pages.size(); k++) {
            // ... and over a second of readings its own tone is the typical one (the median within
            // 15 Hz) and no other page's tone ever shows (no reading within 15 Hz of one). Null is
            // a window of silence or of a concealed frame; under load a window holding concealment
            // or a stretch can put its peak elsewhere, which is neither.
            @SuppressWarnings("unchecked")
            final List<Object> readings = (List<Object>) pages.get(k).evaluate(
                    "() => new Promise((resolve) => { const r = []; const t = setInterval(() => {"
                    + " r.push(window.pitch()); if (r.length === 20) { clearInterval(t); resolve(r); } }, 50); })", null);
            final double own = tones.get(k);
            final double[] heard = readings.stream().filter(java.util.Objects::nonNull)
                                           .mapToDouble(p -> ((Number) p).doubleValue()).sorted().toArray();
            assertThat(heard).as("page %d's pitch readings", k).isNotEmpty();
            assertThat(heard[heard.length / 2]).as("page %d's median pitch of %s", k, readings)
                                               .isCloseTo(own, within(15.0));
            for (double other : tones) {
                if (other != own) {
                    assertThat(java.util.Arrays.stream(heard).noneMatch(p -> Math.abs(p - other) < 15))
                            .as("page %d hears page tone %.0f Hz in %s", k, other, readings).isTrue();
                }
            }
            // The JSON page has no icon link, so Chromium's request for /favicon.ico is a 404.
            assertThat(pages.get(k).errors()).allMatch(e -> e.contains("status of 404"));
        }
    }
}
