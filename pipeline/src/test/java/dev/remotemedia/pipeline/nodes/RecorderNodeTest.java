package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.pipeline.runtime.SessionEvent;
import dev.remotemedia.pipeline.runtime.StreamSession;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Recorder writes RIFF/WAVE; each test parses the file back with its own reader. */
class RecorderNodeTest {

    @Test
    void records_float32_exactly(@TempDir Path dir) throws Exception {
        final float[] a = Signals.sine(440, 0.7, 16_000, 320 * 2);
        final float[] b = Signals.sine(880, 0.3, 16_000, 320 * 2);
        record(dir, "float32", AudioData.of(a, 16_000, 2, 0), TextData.of("ignored"), AudioData.of(b, 16_000, 2, 20_000));
        final Wav wav = Wav.parse(Files.readAllBytes(dir.resolve("take.wav")));
        assertThat(wav.format).isEqualTo(3);
        assertThat(wav.channels).isEqualTo(2);
        assertThat(wav.sampleRate).isEqualTo(16_000);
        assertThat(wav.bitsPerSample).isEqualTo(32);
        assertThat(wav.factFrames).isEqualTo(640);
        assertThat(wav.samples).hasSize(a.length + b.length);
        for (int i = 0; i < a.length; i++) {
            assertThat(wav.samples[i]).isEqualTo(a[i]);
            assertThat(wav.samples[a.length + i]).isEqualTo(b[i]);
        }
    }

    @Test
    void records_pcm16_rounded_and_clipped(@TempDir Path dir) throws Exception {
        final float[] s = {0f, 0.5f, -0.5f, 1f, -1f, 1.7f, -3f, 1e-5f};
        record(dir, "pcm16", AudioData.of(s, 48_000, 1, 0));
        final Wav wav = Wav.parse(Files.readAllBytes(dir.resolve("take.wav")));
        assertThat(wav.format).isEqualTo(1);
        assertThat(wav.bitsPerSample).isEqualTo(16);
        assertThat(wav.byteRate).isEqualTo(96_000);
        assertThat(wav.samples).containsExactly(new float[] {0f, 16384 / 32767f, -16384 / 32767f, 1f, -1f, 1f, -1f, 0f},
                                                within(1e-6f));
    }

    @Test
    void a_missing_directory_fails_session_creation_naming_the_node(@TempDir Path dir) {
        final Manifest m = manifest(dir.resolve("nope"), "pcm16", "x.wav");
        try (PipelineRunner runner = PipelineRunner.of()) {
            assertThatThrownBy(() -> runner.createStreamSession(m)).isInstanceOf(RemoteMediaException.class)
                    .hasMessage("node \"rec\" (Recorder) failed in open: IOException: directory: " + dir.resolve("nope")
                                + " (expected: an existing directory)");
        }
    }

    @Test
    void a_file_name_cannot_leave_the_directory(@TempDir Path dir) {
        try (PipelineRunner runner = PipelineRunner.of()) {
            assertThatThrownBy(() -> runner.createStreamSession(manifest(dir, "pcm16", "../evil.wav")))
                    .hasMessageContaining("file_name: \"../evil.wav\" (expected:");
        }
    }

    @Test
    void a_change_of_format_fails_the_session_and_keeps_what_was_recorded(@TempDir Path dir) throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(manifest(dir, "float32", "take.wav"));
            s.sendInput(AudioData.of(new float[] {0.25f}, 8_000, 1, 0));
            s.sendInput(AudioData.of(new float[] {0.25f}, 16_000, 1, 0));
            final SessionEvent.Closed closed = s.closeFuture().get(5, TimeUnit.SECONDS);
            assertThat(closed.error()).isEqualTo("node \"rec\" (Recorder) failed in process: IllegalArgumentException: "
                                                 + "audio of 16000 Hz, 1 channels (expected: 8000 Hz, 1 channels, as "
                                                 + "the recording began)");
        }
        assertThat(Wav.parse(Files.readAllBytes(dir.resolve("take.wav"))).samples).containsExactly(0.25f);
    }

    private static void record(Path dir, String format, dev.remotemedia.pipeline.data.RuntimeData... items)
            throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(manifest(dir, format, "take.wav"));
            for (dev.remotemedia.pipeline.data.RuntimeData d : items) {
                assertThat(s.sendInput(d)).isTrue();
            }
            s.close();
            assertThat(s.closeFuture().get(5, TimeUnit.SECONDS).clean()).isTrue();
            // The recorder is a sink on a branch; the Output still gets everything.
            int outputs = 0;
            while (s.receiveOutput(0, TimeUnit.SECONDS) != null) {
                outputs++;
            }
            assertThat(outputs).isEqualTo(items.length);
        }
    }

    private static Manifest manifest(Path dir, String format, String fileName) {
        return Manifest.builder().node("input", "Input")
                       .node("rec", "Recorder", Map.of("directory", dir.toString(), "format", format,
                                                       "file_name", fileName))
                       .node("output", "Output").connect("input", "rec").connect("input", "output").build();
    }

    /** A minimal RIFF/WAVE reader: walks the chunks and decodes PCM 16 or IEEE float 32. */
    static final class Wav {
        int format;
        int channels;
        int sampleRate;
        int byteRate;
        int bitsPerSample;
        long factFrames = -1;
        float[] samples;

        static Wav parse(byte[] bytes) {
            final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(tag(b)).isEqualTo("RIFF");
            assertThat(b.getInt()).isEqualTo(bytes.length - 8);
            assertThat(tag(b)).isEqualTo("WAVE");
            final Wav w = new Wav();
            while (b.remaining() >= 8) {
                final String id = tag(b);
                final int size = b.getInt();
                final int next = b.position() + size + (size & 1);
                switch (id) {
                    case "fmt ":
                        w.format = b.getShort();
                        w.channels = b.getShort();
                        w.sampleRate = b.getInt();
                        w.byteRate = b.getInt();
                        final int blockAlign = b.getShort();
                        w.bitsPerSample = b.getShort();
                        assertThat(blockAlign).isEqualTo(w.channels * w.bitsPerSample / 8);
                        assertThat(w.byteRate).isEqualTo(w.sampleRate * blockAlign);
                        break;
                    case "fact":
                        w.factFrames = b.getInt() & 0xffffffffL;
                        break;
                    case "data":
                        assertThat(next).isEqualTo(bytes.length);
                        w.samples = new float[size / (w.bitsPerSample / 8)];
                        for (int i = 0; i < w.samples.length; i++) {
                            w.samples[i] = w.format == 3 ? b.getFloat() : b.getShort() / 32767f;
                        }
                        break;
                    default:
                        break;
                }
                b.position(next);
            }
            return w;
        }

        private static String tag(ByteBuffer b) {
            final byte[] t = new byte[4];
            b.get(t);
            return new String(t, StandardCharsets.US_ASCII);
        }
    }
}
