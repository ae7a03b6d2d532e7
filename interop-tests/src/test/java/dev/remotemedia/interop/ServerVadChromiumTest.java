package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.remotemedia.server.Main;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.ChromiumHarness;
import dev.remotemedia.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chromium's microphone plays a file of espeak-ng speech (a fake capture device); the demo page
 * sends it to the real server process's VAD pipeline and gets {@code speech_start} /
 * {@code speech_end} back on the {@code remotemedia} channel. The pipeline also records the audio
 * it was given where its timestamps place it ({@link TimelineRecorderNodes}), which places the
 * file on the pipeline's timeline (by the envelopes' cross-correlation), so each event is checked
 * against the file's known speech boundaries.
 */
class ServerVadChromiumTest {
    private static final double TOLERANCE_MS = 100;
    private static final int PIPELINE_RATE = 16_000;

    @TempDir
    static Path dir;

    private static SpeechFile.Speech speech;
    private static ServerProcess server;
    private static String origin;
    private static ChromiumHarness chromium;

    @BeforeAll
    static void setUp() throws Exception {
        speech = SpeechFile.compose(5.0, 1.2, "The quick brown fox jumps over the lazy dog.",
                                    "Speech goes to the server and comes back.");
        final Path wav = dir.resolve("speech.wav");
        SpeechFile.writeWav(wav, speech.samples(), SpeechFile.RATE);
        // The built-in vad pipeline's VAD, at 16 kHz, and a Recorder of what the pipeline was given.
        Files.writeString(dir.resolve("vad-recorded.yaml"), """
                version: v1
                metadata: { name: vad-recorded, description: vad plus a recording of its input. }
                nodes:
                  - { id: input,  node_type: Input, params: { sample_rate: 16000, channels: 1 } }
                  - { id: vad,    node_type: VoiceActivityDetection, params: { threshold: 0.5, min_speech_duration_ms: 300 } }
                  - { id: rec,    node_type: test.TimelineRecorder, params: { file: "%s" } }
                  - { id: output, node_type: Output }
                connections:
                  - { from: input, to: vad }
                  - { from: input, to: rec }
                  - { from: vad,   to: output }
                """.formatted(dir.resolve("seen.wav").toString().replace("\\", "/")));
        server = ServerProcess.start(Main.class.getName(),
                                     List.of("--http-port", "0", "--udp-port", "0", "--ice-addresses", "127.0.0.1",
                                             "--manifests-dir", dir.toString()),
                                     Map.of());
        origin = "http://localhost:" + server.awaitHttpPort(Duration.ofSeconds(30));
        // %noloop: the file plays once from the start of capture, then silence.
        chromium = ChromiumHarness.launch(List.of("--use-file-for-fake-audio-capture=" + wav + "%noloop"));
    }

    @AfterAll
    static void tearDown() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void speechStartAndEndComeWithinAHundredMillisecondsOfTheFilesBoundaries() throws Exception {
        final BrowserPage page = chromium.open(origin + "/");
        page.evaluate("() => window.demo.ready", null);
        page.evaluate("() => window.demo.enableMicrophone({ echoCancellation: false, noiseSuppression: false,"
                      + " autoGainControl: false })", null);
        page.evaluate("() => window.demo.connect('vad-recorded')", null);
        final int expected = 2 * speech.utterances().size();
        try {
            page.page().waitForFunction("n => window.demo.state.audio.vadEvents.length >= n", expected,
                                        new Page.WaitForFunctionOptions().setTimeout(30_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            throw new AssertionError("fewer than " + expected + " VAD events: "
                                     + page.evaluate("() => JSON.stringify(window.demo.state.audio)", null), e);
        }
        // A second of silence more, so that no further event is on its way, then the session ends
        // and the recorder closes its file.
        page.page().waitForFunction("() => window.demo.state.audio.levelDb < -60", null,
                                    new Page.WaitForFunctionOptions().setTimeout(30_000));
        final List<Map<String, Object>> events =
                (List<Map<String, Object>>) page.evaluate("() => window.demo.state.audio.vadEvents", null);
        // After the file: the round trip of a 100 ms beep (too short to count as speech), a few
        // messages beside the audio, and the picture of the demo page (docs/demo.png).
        final double roundTripMs = ((Number) page.evaluate("() => window.demo.measureLatency()", null)).doubleValue();
        System.out.printf("[vad] page -> server vad pipeline -> page: %.0f ms%n", roundTripMs);
        assertThat(roundTripMs).isBetween(1.0, 1000.0);
        page.evaluate("() => { for (const t of ['hello', 'text beside the audio']) window.demo.sendText(t); }", null);
        page.page().waitForFunction("() => window.demo.state.replies.filter(r => r.kind === 'text').length >= 2", null,
                                    new Page.WaitForFunctionOptions().setTimeout(30_000));
        saveScreenshot(page);
        page.evaluate("() => window.demo.disconnect()", null);
        awaitNoSessions();

        final SpeechFile.Wav seen = SpeechFile.read(Files.readAllBytes(dir.resolve("seen.wav")));
        assertThat(seen.rate()).isEqualTo(PIPELINE_RATE);
        final double offsetSeconds = offsetOfFileIn(seen);
        // Capture (and so the file) starts before the connection: the lead-in silence must cover that.
        assertThat(offsetSeconds + speech.utterances().get(0)[0]).as("the first speech on the pipeline's timeline, s")
                                                                  .isGreaterThan(0.5);
        assertThat(events).extracting(e -> e.get("kind"))
                          .containsExactly("speech_start", "speech_end", "speech_start", "speech_end");
        for (int i = 0; i < events.size(); i++) {
            final double[] utterance = speech.utterances().get(i / 2);
            final double expectedMs = (offsetSeconds + utterance[i % 2]) * 1000;
            final double actualMs = ((Number) events.get(i).get("timestampUs")).doubleValue() / 1000;
            System.out.printf("[vad] %s %d: %.1f ms, the file says %.1f ms (%+.1f ms)%n", events.get(i).get("kind"),
                              i / 2, actualMs, expectedMs, actualMs - expectedMs);
            assertThat(actualMs).as("%s of utterance %d (file at %.3f s of the pipeline's %.3f s; events %s)",
                                    events.get(i).get("kind"), i / 2, offsetSeconds,
                                    seen.samples().length / (double) seen.rate(), events)
                                .isBetween(expectedMs - TOLERANCE_MS, expectedMs + TOLERANCE_MS);
        }
        assertThat(page.errors()).isEmpty();
    }

    /** docs/demo.png in the repository, taken on every run. */
    private static void saveScreenshot(BrowserPage page) throws Exception {
        Path docs = Path.of("").toAbsolutePath();
        while (docs != null && !Files.isDirectory(docs.resolve("docs"))) {
            docs = docs.getParent();
        }
        assertThat(docs).as("the repository's docs/ folder above " + Path.of("").toAbsolutePath()).isNotNull();
        page.page().setViewportSize(1280, 1000);
        assertThat(Files.size(page.screenshot(docs.resolve("docs").resolve("demo.png")))).isPositive();
    }

    /**
     * Where the file starts on the pipeline's timeline, in seconds, from 10 ms RMS envelopes; negative
     * when the capture (which starts the file) began before the connection did.
     */
    private static double offsetOfFileIn(SpeechFile.Wav seen) {
        // Zero-mean envelopes: raw (positive) ones would favour the lag with the most overlap.
        final double[] file = envelope(speech.samples(), SpeechFile.RATE / 100);
        final double[] got = envelope(seen.samples(), seen.rate() / 100);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -file.length / 2; lag < got.length; lag++) {
            double score = 0;
            for (int i = Math.max(0, -lag); i < file.length && lag + i < got.length; i++) {
                score += file[i] * got[lag + i];
            }
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        assertThat(bestScore).as("the file's speech in the pipeline's recording").isPositive();
        System.out.printf("[vad] the file starts at %.2f s of the pipeline's timeline%n", best / 100.0);
        return best / 100.0;
    }

    private static double[] envelope(float[] x, int frame) {
        final double[] out = new double[x.length / frame];
        for (int f = 0; f < out.length; f++) {
            double sum = 0;
            for (int i = 0; i < frame; i++) {
                sum += x[f * frame + i] * x[f * frame + i];
            }
            out[f] = Math.sqrt(sum / frame);
        }
        final double mean = java.util.Arrays.stream(out).average().orElse(0);
        for (int f = 0; f < out.length; f++) {
            out[f] -= mean;
        }
        return out;
    }

    private static void awaitNoSessions() throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            final String health = http.send(HttpRequest.newBuilder(URI.create(origin + "/health")).build(),
                                            HttpResponse.BodyHandlers.ofString()).body();
            if (health.contains("\"sessions\":0")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the session did not end: " + health + "\n" + server.transcript());
            }
        }
    }
}
