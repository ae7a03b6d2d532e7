package dev.remotemedia.interop;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeKind;
import dev.remotemedia.pipeline.node.NodeProvider;
import dev.remotemedia.pipeline.node.ParamSpec;
import dev.remotemedia.pipeline.node.SinkNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A test node type for the server process (which runs on the tests' classpath): {@code
 * test.TimelineRecorder} writes the mono audio it is given to a 16-bit WAV file at the place its
 * timestamp says, silence where nothing came, so that sample {@code i} of the file is the audio at
 * {@code i / rate} seconds of the pipeline's timeline (the built-in Recorder writes items back to
 * back, which a jitter buffer's time-stretching moves off the timeline).
 */
public final class TimelineRecorderNodes implements NodeProvider {
    @Override
    public List<NodeDescriptor> nodes() {
        return List.of(NodeDescriptor.builder("test.TimelineRecorder", NodeKind.SINK)
                                     .description("Writes mono audio where its timestamps place it (tests).")
                                     .param(ParamSpec.string("file", null, "The WAV file to write."))
                                     .factory(ctx -> new Recorder(Path.of(ctx.params().getString("file"))))
                                     .build());
    }

    private static final class Recorder implements SinkNode {
        private final Path file;
        private float[] samples = new float[48_000];
        private int length;
        private int rate;

        Recorder(Path file) {
            this.file = file;
        }

        @Override
        public void consume(dev.remotemedia.pipeline.data.RuntimeData data) {
            if (!(data instanceof AudioData audio) || audio.channels() != 1) {
                return;
            }
            rate = audio.sampleRate();
            final long at = Math.max(0, Math.round(audio.timestampUs() * (double) rate / 1e6));
            final int end = Math.toIntExact(at + audio.frames());
            if (end > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(end, samples.length * 2));
            }
            for (int i = 0; i < audio.frames(); i++) {
                samples[(int) at + i] = audio.sample(i);
            }
            length = Math.max(length, end);
        }

        @Override
        public void flush() throws Exception {
            SpeechFile.writeWav(file, Arrays.copyOf(samples, length), rate);
        }
    }
}
