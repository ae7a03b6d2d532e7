package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.node.SinkNode;
import dev.remotemedia.rtc.common.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Records the audio it receives to a WAV file in {@code directory}, named {@code file_name} or, when
 * that is empty, {@code <session id>-<node id>.wav}. The first audio item fixes the rate and channel
 * count; a later item with another format is an error. Other data is ignored. An existing file is
 * never overwritten.
 */
final class RecorderNode implements SinkNode {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final Path directory;
    private final String fileName;
    private final boolean float32;
    private @Nullable WavWriter writer;
    private int sampleRate;
    private int channels;

    RecorderNode(String directory, String fileName, String sessionId, String nodeId, boolean float32) {
        this.directory = Path.of(directory);
        this.fileName = fileName.isEmpty() ? sessionId + '-' + nodeId + ".wav" : fileName;
        this.float32 = float32;
        // A manifest must not be able to write outside its directory.
        if (!FILE_NAME.matcher(this.fileName).matches() || this.fileName.startsWith(".")) {
            throw new IllegalArgumentException("file_name: \"" + this.fileName + "\" (expected: 1 to 128 letters, "
                                               + "digits, '_', '-' or '.', not starting with '.')");
        }
    }

    /** Where the recording is written. */
    Path file() {
        return directory.resolve(fileName);
    }

    @Override
    public void open() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("directory: " + directory + " (expected: an existing directory)");
        }
        if (Files.exists(file())) {
            throw new IOException("file " + file() + " already exists (expected: a new file)");
        }
    }

    @Override
    public void consume(RuntimeData data) throws IOException {
        if (!(data instanceof AudioData)) {
            return;
        }
        final AudioData audio = (AudioData) data;
        if (writer == null) {
            sampleRate = audio.sampleRate();
            channels = audio.channels();
            writer = new WavWriter(file(), sampleRate, channels, float32);
        } else if (audio.sampleRate() != sampleRate || audio.channels() != channels) {
            throw new IllegalArgumentException("audio of " + audio.sampleRate() + " Hz, " + audio.channels()
                                               + " channels (expected: " + sampleRate + " Hz, " + channels
                                               + " channels, as the recording began)");
        }
        writer.write(audio);
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
