package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.ControlData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.manifest.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VAD node on real speech from espeak-ng (how accurately the boundaries are found is tested
 * with the detector itself, in the dsp package): control events come out, and gating passes the
 * speech and nothing else.
 */
class VoiceActivityDetectionNodeTest {
    private static final int FRAME_US = 20_000;
    private static float[] scene;
    private static int rate;
    private static long onsetUs;
    private static long offsetUs;

    /** 1 s of faint noise, the sentence, 1.5 s of faint noise. */
    @BeforeAll
    static void speak() throws Exception {
        final Path wav = Files.createTempFile("vad-node", ".wav");
        try {
            final Process p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(),
                                                 "The quick brown fox jumps over the lazy dog")
                    .redirectErrorStream(true).start();
            final String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("espeak-ng: " + log).isTrue();
            final RecorderNodeTest.Wav speech = RecorderNodeTest.Wav.parse(Files.readAllBytes(wav));
            rate = speech.sampleRate;
            final float[] s = speech.samples;
            int first = 0;
            while (Math.abs(s[first]) < 0.01) {
                first++;
            }
            int last = s.length - 1;
            while (Math.abs(s[last]) < 0.01) {
                last--;
            }
            final Random noise = new Random(7);
            scene = new float[rate + (last + 1 - first) + rate * 3 / 2];
            for (int i = 0; i < scene.length; i++) {
                scene[i] = (float) (noise.nextGaussian() * 0.001);
            }
            for (int i = first; i <= last; i++) {
                scene[rate + i - first] += s[i];
            }
            onsetUs = 1_000_000;
            offsetUs = 1_000_000 + (last + 1 - first) * 1_000_000L / rate;
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    @Test
    void emits_speech_start_and_end_around_the_sentence_and_passes_all_audio() throws Exception {
        final List<RuntimeData> out = run(scene, false);
        final List<ControlData> controls = controls(out);
        assertThat(controls).extracting(ControlData::controlKind)
                            .containsExactly(ControlData.SPEECH_START, ControlData.SPEECH_END);
        assertThat(controls.get(0).timestampUs()).isBetween(onsetUs - 100_000, onsetUs + 100_000);
        assertThat(controls.get(1).timestampUs()).isBetween(offsetUs - 100_000, offsetUs + 100_000);
        assertThat(Signals.concat(out).length).isEqualTo(scene.length / (rate / 50) * (rate / 50));
        // Each event comes out before the audio frame that settled it, and after the audio before its time.
        final int startAt = out.indexOf(controls.get(0));
        final AudioData next = (AudioData) out.get(startAt + 1);
        assertThat(next.timestampUs()).isGreaterThan(controls.get(0).timestampUs());
    }

    @Test
    void gating_passes_the_speech_from_its_onset_and_nothing_else() throws Exception {
        final List<RuntimeData> out = run(scene, true);
        final List<ControlData> controls = controls(out);
        assertThat(controls).hasSize(2);
        final List<AudioData> audio = new ArrayList<>();
        out.stream().filter(AudioData.class::isInstance).forEach(d -> audio.add((AudioData) d));
        final long firstUs = audio.get(0).timestampUs();
        final AudioData lastFrame = audio.get(audio.size() - 1);
        final long endUs = lastFrame.timestampUs() + lastFrame.durationUs();
        // From the frame holding the start to where the end was decided (min_silence_duration_ms of
        // hang-over after it); none of the leading second and the last second of noise.
        assertThat(firstUs).isBetween(controls.get(0).timestampUs() - FRAME_US, controls.get(0).timestampUs());
        assertThat(endUs).isBetween(controls.get(1).timestampUs() + 500_000,
                                    controls.get(1).timestampUs() + 500_000 + 2 * FRAME_US);
        long expectedTs = firstUs;
        for (AudioData a : audio) {
            assertThat(a.timestampUs()).isEqualTo(expectedTs);
            expectedTs += FRAME_US;
        }
    }

    @Test
    void stays_quiet_on_noise_alone() throws Exception {
        final Random r = new Random(3);
        final float[] noise = new float[rate * 3];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (r.nextGaussian() * 0.05);
        }
        assertThat(controls(run(noise, false))).isEmpty();
        assertThat(run(noise, true)).isEmpty();
    }

    @Test
    void the_shipped_vad_manifest_runs() throws Exception {
        final List<RuntimeData> out = run(Manifests.builtIn("vad"), scene);
        assertThat(controls(out)).extracting(ControlData::controlKind)
                                 .containsExactly(ControlData.SPEECH_START, ControlData.SPEECH_END);
    }

    private static List<RuntimeData> run(float[] audio, boolean gate) throws Exception {
        return run(Manifest.builder().node("input", "Input")
                           .node("vad", "VoiceActivityDetection", Map.of("gate_audio", gate))
                           .node("output", "Output").chain("input", "vad", "output").build(), audio);
    }

    private static List<RuntimeData> run(Manifest m, float[] audio) throws Exception {
        final int frame = rate / 50;
        final List<RuntimeData> in = new ArrayList<>();
        for (int f = 0; (f + 1) * frame <= audio.length; f++) {
            in.add(AudioData.wrap(java.util.Arrays.copyOfRange(audio, f * frame, (f + 1) * frame), rate, 1,
                                  (long) f * FRAME_US));
        }
        return Sessions.stream(m, in);
    }

    private static List<ControlData> controls(List<RuntimeData> out) {
        final List<ControlData> c = new ArrayList<>();
        out.stream().filter(ControlData.class::isInstance).forEach(d -> c.add((ControlData) d));
        return c;
    }
}
