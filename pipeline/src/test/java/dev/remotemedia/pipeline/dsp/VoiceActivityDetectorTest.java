package dev.remotemedia.pipeline.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The detector on real speech from espeak-ng, placed at known offsets in noise. True boundaries
 * are where the clean speech first and last exceeds 1 % of its peak (-40 dB); reported boundaries
 * must be within 100 ms of them. (In digital silence the quieter edges are audible too, e.g. the
 * 110 ms of breath at -49 dB that the female variant leaves after a sentence; there the boundaries
 * are taken at 0.1 % of the peak.)
 */
class VoiceActivityDetectorTest {

    private static final long TOLERANCE_US = 100_000;
    private static final long BASE_US = 1_700_000_000_000_000L;
    private static final Map<String, float[]> SPEECH = new HashMap<>();

    private static final String FIRST = "Good morning, how are you today?";
    private static final String SECOND = "Please send the report before noon.";

    /** A test signal: the noisy mix and the true speech boundaries in samples. */
    private record Scene(float[] audio, int rate, List<int[]> truth) {
        long onsetUs(int i) {
            return truth.get(i)[0] * 1_000_000L / rate;
        }

        long offsetUs(int i) {
            return truth.get(i)[1] * 1_000_000L / rate;
        }
    }

    private static float[] speech(String text, String voice, int wordsPerMinute, int rate) throws Exception {
        String key = text + "|" + voice + "|" + wordsPerMinute + "|" + rate;
        float[] cached = SPEECH.get(key);
        if (cached == null) {
            cached = SpeechSynthesizer.speak(text, voice, wordsPerMinute, rate);
            SPEECH.put(key, cached);
        }
        return cached;
    }

    /**
     * 1.5 s of noise, the first sentence (en-us, 175 wpm), 1.2 s of noise, the second sentence (a
     * female variant, 230 wpm), 1 s of noise; the noise is {@code snrDb} below the speech's RMS.
     */
    private static Scene scene(int rate, String noise, double snrDb, long seed) throws Exception {
        return scene(rate, noise, snrDb, seed, 0.01);
    }

    private static Scene scene(int rate, String noise, double snrDb, long seed, double edge) throws Exception {
        float[] first = speech(FIRST, "en-us", 175, rate);
        float[] second = speech(SECOND, "en+f3", 230, rate);
        List<int[]> truth = new ArrayList<>();
        float[] audio = new float[rate * 3 / 2];
        double speechPower = 0;
        long speechSamples = 0;
        for (float[] clip : List.of(first, second)) {
            int on = SpeechSynthesizer.onset(clip, edge);
            int off = SpeechSynthesizer.offset(clip, edge);
            truth.add(new int[] {audio.length + on, audio.length + off});
            double rms = Signals.rms(clip, on, off);
            speechPower += rms * rms * (off - on);
            speechSamples += off - on;
            audio = Signals.concat(audio, clip);
            audio = Signals.concat(audio, new float[clip == first ? rate * 6 / 5 : rate]);
        }
        double noiseRms = Math.sqrt(speechPower / speechSamples) * Math.pow(10, -snrDb / 20);
        float[] n = noise(noise, seed, noiseRms, rate, audio.length);
        for (int i = 0; i < audio.length; i++) {
            audio[i] += n[i];
        }
        return new Scene(audio, rate, truth);
    }

    private static float[] noise(String kind, long seed, double rms, int rate, int frames) {
        return switch (kind) {
            case "white" -> Signals.whiteNoise(seed, rms, frames);
            case "pink" -> Signals.pinkNoise(seed, rms, frames);
            case "hum" -> Signals.hum(seed, rms, rate, frames);
            case "none" -> new float[frames];
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Feeds the audio in chunks of {@code chunk} samples, timestamped from {@code baseUs}. */
    private static List<VadEvent> run(VoiceActivityDetector vad, float[] audio, int rate, int chunk, long baseUs) {
        List<VadEvent> events = new ArrayList<>();
        for (int i = 0; i < audio.length; i += chunk) {
            float[] part = java.util.Arrays.copyOfRange(audio, i, Math.min(audio.length, i + chunk));
            events.addAll(vad.process(part, baseUs + i * 1_000_000L / rate));
        }
        return events;
    }

    private static void assertBoundaries(List<VadEvent> events, Scene scene, long baseUs) {
        assertThat(events).hasSize(4);
        for (int i = 0; i < 2; i++) {
            assertThat(events.get(2 * i)).isInstanceOf(VadEvent.SpeechStart.class);
            assertThat(events.get(2 * i + 1)).isInstanceOf(VadEvent.SpeechEnd.class);
            assertThat(events.get(2 * i).timestampUs() - baseUs).as("start of sentence %d", i + 1)
                    .isCloseTo(scene.onsetUs(i), within(TOLERANCE_US));
            assertThat(events.get(2 * i + 1).timestampUs() - baseUs).as("end of sentence %d", i + 1)
                    .isCloseTo(scene.offsetUs(i), within(TOLERANCE_US));
        }
    }

    @ParameterizedTest(name = "{0} Hz, {1} noise at {2} dB SNR")
    @CsvSource({
            "16000, white, 20",
            "16000, pink, 20",
            "16000, white, 10",
            "48000, pink, 10",
            "48000, white, 5",
            "16000, white, 5",
            "16000, pink, 10",
            "8000, white, 10",
            "16000, hum, 10",
    })
    void reportsTheTrueBoundariesOfTwoVoicesAtTwoSpeeds(int rate, String noise, double snrDb) throws Exception {
        Scene scene = scene(rate, noise, snrDb, 42);
        VoiceActivityDetector vad = VoiceActivityDetector.of(rate, 0.5, 250, 500);

        List<VadEvent> events = run(vad, scene.audio(), rate, rate / 50, BASE_US);

        assertBoundaries(events, scene, BASE_US);
        assertThat(vad.inSpeech()).isFalse();
    }

    @Test
    void reportsTheEdgesOfSpeechInDigitalSilence() throws Exception {
        Scene scene = scene(16_000, "none", 0, 0, 0.001);
        VoiceActivityDetector vad = VoiceActivityDetector.of(16_000, 0.5, 250, 500);

        assertBoundaries(run(vad, scene.audio(), 16_000, 320, BASE_US), scene, BASE_US);
    }

    @ParameterizedTest(name = "{0} noise at {1} Hz")
    @CsvSource({"white, 16000", "pink, 16000", "hum, 16000", "white, 48000", "pink, 48000", "hum, 8000"})
    void staysSilentOnSecondsOfNoiseAlone(String kind, int rate) {
        for (double rms : new double[] {0.001, 0.05, 0.3}) {
            float[] audio = noise(kind, 9, rms, rate, 10 * rate);
            // The most trigger-happy settings: any single frame over the threshold would count.
            VoiceActivityDetector vad = VoiceActivityDetector.of(rate, 0.5, 0, 0);

            assertThat(run(vad, audio, rate, rate / 50, 0)).as("%s at rms %s", kind, rms).isEmpty();
            assertThat(vad.inSpeech()).isFalse();
        }
    }

    @Test
    void eventsDoNotDependOnChunkSizes() throws Exception {
        Scene scene = scene(16_000, "white", 10, 7);
        List<VadEvent> reference = run(VoiceActivityDetector.of(16_000, 0.5, 250, 500), scene.audio(), 16_000, 320, 0);

        for (int chunk : new int[] {1, 7, 160, 1000, 16_000}) {
            assertThat(run(VoiceActivityDetector.of(16_000, 0.5, 250, 500), scene.audio(), 16_000, chunk, 0))
                    .as("chunks of %d", chunk).isEqualTo(reference);
        }
        Random random = new Random(3);
        VoiceActivityDetector vad = VoiceActivityDetector.of(16_000, 0.5, 250, 500);
        List<VadEvent> events = new ArrayList<>();
        for (int i = 0; i < scene.audio().length; ) {
            int n = Math.min(scene.audio().length - i, random.nextInt(700));
            events.addAll(vad.process(java.util.Arrays.copyOfRange(scene.audio(), i, i + n), i * 1_000_000L / 16_000));
            i += n;
        }
        assertThat(events).isEqualTo(reference);
        assertBoundaries(reference, scene, 0);
    }

    @Test
    void timestampsFollowTheChunksEvenAcrossAJump() throws Exception {
        Scene scene = scene(16_000, "pink", 20, 5);
        float[] audio = scene.audio();
        int split = 16_000 * 4;                      // between the sentences
        VoiceActivityDetector vad = VoiceActivityDetector.of(16_000, 0.5, 250, 500);
        List<VadEvent> events = new ArrayList<>(vad.process(java.util.Arrays.copyOf(audio, split), 5_000_000));
        // The sender's clock jumps by 10 s between the two chunks.
        events.addAll(vad.process(java.util.Arrays.copyOfRange(audio, split, audio.length), 19_000_000));

        assertThat(events).hasSize(4);
        assertThat(events.get(0).timestampUs() - 5_000_000).isCloseTo(scene.onsetUs(0), within(TOLERANCE_US));
        assertThat(events.get(1).timestampUs() - 5_000_000).isCloseTo(scene.offsetUs(0), within(TOLERANCE_US));
        assertThat(events.get(2).timestampUs() - 15_000_000).isCloseTo(scene.onsetUs(1), within(TOLERANCE_US));
        assertThat(events.get(3).timestampUs() - 15_000_000).isCloseTo(scene.offsetUs(1), within(TOLERANCE_US));
    }

    @Test
    void speechShorterThanMinSpeechIsIgnored() throws Exception {
        float[] word = speech(FIRST, "en-us", 175, 16_000);
        int on = SpeechSynthesizer.onset(word, 0.01);
        float[] blip = java.util.Arrays.copyOfRange(word, on, on + 16_000 * 15 / 100);   // 150 ms of speech
        float[] audio = Signals.concat(Signals.concat(new float[16_000], blip), new float[16_000]);
        float[] hiss = Signals.whiteNoise(1, 0.002, audio.length);
        for (int i = 0; i < audio.length; i++) {
            audio[i] += hiss[i];
        }

        assertThat(run(VoiceActivityDetector.of(16_000, 0.5, 300, 200), audio, 16_000, 320, 0)).isEmpty();
        List<VadEvent> events = run(VoiceActivityDetector.of(16_000, 0.5, 50, 200), audio, 16_000, 320, 0);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).timestampUs()).isCloseTo(1_000_000, within(TOLERANCE_US));
        assertThat(events.get(1).timestampUs()).isCloseTo(1_150_000, within(TOLERANCE_US));
    }

    @Test
    void pausesShorterThanMinSilenceDoNotEndSpeech() throws Exception {
        float[] first = speech(FIRST, "en-us", 175, 16_000);
        float[] second = speech(SECOND, "en-us", 175, 16_000);
        float[] a = java.util.Arrays.copyOfRange(first, SpeechSynthesizer.onset(first, 0.01), SpeechSynthesizer.offset(first, 0.01));
        float[] b = java.util.Arrays.copyOfRange(second, SpeechSynthesizer.onset(second, 0.01), SpeechSynthesizer.offset(second, 0.01));
        int pause = 16_000 * 4 / 10;                               // 400 ms
        float[] audio = Signals.concat(Signals.concat(Signals.concat(Signals.concat(
                new float[16_000], a), new float[pause]), b), new float[16_000]);
        float[] hiss = Signals.pinkNoise(2, 0.003, audio.length);
        for (int i = 0; i < audio.length; i++) {
            audio[i] += hiss[i];
        }
        long endOfA = (16_000L + a.length) * 1_000_000 / 16_000;

        List<VadEvent> joined = run(VoiceActivityDetector.of(16_000, 0.5, 250, 600), audio, 16_000, 320, 0);
        List<VadEvent> split = run(VoiceActivityDetector.of(16_000, 0.5, 250, 250), audio, 16_000, 320, 0);

        assertThat(joined).extracting(e -> e.getClass().getSimpleName()).containsExactly("SpeechStart", "SpeechEnd");
        assertThat(split).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("SpeechStart", "SpeechEnd", "SpeechStart", "SpeechEnd");
        assertThat(split.get(1).timestampUs()).isCloseTo(endOfA, within(TOLERANCE_US));
        assertThat(split.get(2).timestampUs()).isCloseTo(endOfA + 400_000, within(TOLERANCE_US));
    }

    @Test
    void inSpeechIsTrueBetweenStartAndEnd() throws Exception {
        Scene scene = scene(16_000, "white", 20, 1);
        VoiceActivityDetector vad = VoiceActivityDetector.of(16_000, 0.5, 250, 500);
        float[] audio = scene.audio();
        boolean sawSpeech = false;
        for (int i = 0; i < audio.length; i += 320) {
            List<VadEvent> events = vad.process(java.util.Arrays.copyOfRange(audio, i, Math.min(audio.length, i + 320)), 0);
            if (!events.isEmpty()) {
                assertThat(vad.inSpeech()).isEqualTo(events.get(events.size() - 1) instanceof VadEvent.SpeechStart);
                sawSpeech |= vad.inSpeech();
            }
        }
        assertThat(sawSpeech).isTrue();
    }

    @Test
    void lastProbabilityIsHighInSpeechAndLowInNoise() throws Exception {
        Scene scene = scene(16_000, "white", 20, 3);
        VoiceActivityDetector vad = VoiceActivityDetector.of(16_000, 0.5, 250, 500);
        assertThat(vad.lastProbability()).isZero();
        int middleOfFirst = (scene.truth().get(0)[0] + scene.truth().get(0)[1]) / 2;
        double inSpeech = 0;
        double inNoise = 0;
        int speechFrames = 0;
        int noiseFrames = 0;
        for (int i = 0; i + 160 <= scene.audio().length; i += 160) {
            vad.process(java.util.Arrays.copyOfRange(scene.audio(), i, i + 160), 0);
            if (i >= 16_000 / 2 && i < 16_000) {                                   // noise, after learning
                inNoise += vad.lastProbability();
                noiseFrames++;
            } else if (Math.abs(i - middleOfFirst) < 16_000 / 2) {                   // a second of speech
                inSpeech += vad.lastProbability();
                speechFrames++;
            }
        }
        assertThat(inNoise / noiseFrames).isLessThan(0.1);
        assertThat(inSpeech / speechFrames).isGreaterThan(0.7);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> VoiceActivityDetector.of(4_000, 0.5, 250, 100))
                .hasMessage("sampleRate: 4000 (expected: 8000..192000)");
        assertThatThrownBy(() -> VoiceActivityDetector.of(16_000, 1.5, 250, 100))
                .hasMessage("threshold: 1.5 (expected: 0..1)");
        assertThatThrownBy(() -> VoiceActivityDetector.of(16_000, Double.NaN, 250, 100))
                .hasMessage("threshold: NaN (expected: 0..1)");
        assertThatThrownBy(() -> VoiceActivityDetector.of(16_000, 0.5, -1, 100))
                .hasMessage("minSpeechMs: -1 (expected: 0..10000)");
        assertThatThrownBy(() -> VoiceActivityDetector.of(16_000, 0.5, 250, 10_001))
                .hasMessage("minSilenceMs: 10001 (expected: 0..10000)");
    }
}
