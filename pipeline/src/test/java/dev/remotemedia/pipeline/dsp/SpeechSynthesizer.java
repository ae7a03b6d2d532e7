package dev.remotemedia.pipeline.dsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real speech for the tests, from espeak-ng (Debian package {@code espeak-ng}; .ci/run installs
 * it). A missing espeak-ng fails the test with a message saying so: it is never skipped.
 */
final class SpeechSynthesizer {

    private SpeechSynthesizer() {}

    /**
     * Speaks {@code text} with {@code voice} (e.g. "en-us", "en+f3") at {@code wordsPerMinute} and
     * returns it resampled to {@code rate} with its filter delay removed, peak-normalised to 0.5.
     */
    static float[] speak(String text, String voice, int wordsPerMinute, int rate) throws IOException, InterruptedException {
        Path wav = Files.createTempFile("vad-speech", ".wav");
        try {
            List<String> command = new ArrayList<>(List.of("espeak-ng", "-v", voice, "-s",
                    Integer.toString(wordsPerMinute), "-w", wav.toString(), text));
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("espeak-ng is needed to synthesise test speech but could not be run ("
                        + e.getMessage() + "): install it with `apt-get install -y espeak-ng`", e);
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("espeak-ng failed for " + command + ": " + output);
            }
            WavReader.Wav speech = WavReader.read(Files.readAllBytes(wav));
            Resampler resampler = Resampler.of(speech.sampleRate(), rate, 1);
            float[] all = Signals.concat(resampler.process(speech.samples()), resampler.flush());
            float[] aligned = java.util.Arrays.copyOfRange(all, (int) resampler.latencyFrames(), all.length);
            float peak = 0;
            for (float v : aligned) {
                peak = Math.max(peak, Math.abs(v));
            }
            if (peak == 0) {
                throw new AssertionError("espeak-ng produced silence for " + command);
            }
            return Gain.apply(aligned, 0.5f / peak);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** Index of the first sample above {@code fraction} of the peak (the clean speech's onset). */
    static int onset(float[] clean, double fraction) {
        double limit = fraction * peak(clean);
        for (int i = 0; i < clean.length; i++) {
            if (Math.abs(clean[i]) > limit) {
                return i;
            }
        }
        throw new IllegalArgumentException("no sample above " + limit);
    }

    /** Index just after the last sample above {@code fraction} of the peak (the offset). */
    static int offset(float[] clean, double fraction) {
        double limit = fraction * peak(clean);
        for (int i = clean.length - 1; i >= 0; i--) {
            if (Math.abs(clean[i]) > limit) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no sample above " + limit);
    }

    private static double peak(float[] x) {
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }
}
