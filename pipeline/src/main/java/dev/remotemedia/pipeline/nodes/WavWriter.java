package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.AudioData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a RIFF/WAVE file of interleaved audio, as 32-bit IEEE float ({@code WAVE_FORMAT_IEEE_FLOAT},
 * with the {@code fact} chunk non-PCM formats need) or 16-bit PCM. The sizes in the header are
 * written as 0 first and filled in by {@link #close()}. Layout as in the Multimedia Programming
 * Interface and Data Specifications 1.0 (IBM/Microsoft, 1991), "WAVE Form".
 */
final class WavWriter implements AutoCloseable {
    /** RIFF sizes are 32-bit. */
    static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 64;
    private static final short FORMAT_PCM = 1;
    private static final short FORMAT_IEEE_FLOAT = 3;

    private final FileChannel channel;
    private final boolean float32;
    private final int channels;
    private final int headerSize;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private boolean closed;

    WavWriter(Path file, int sampleRate, int channels, boolean float32) throws IOException {
        this.float32 = float32;
        this.channels = channels;
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        final int bytesPerSample = float32 ? 4 : 2;
        final ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(float32 ? 18 : 16)
         .putShort(float32 ? FORMAT_IEEE_FLOAT : FORMAT_PCM)
         .putShort((short) channels)
         .putInt(sampleRate)
         .putInt(sampleRate * channels * bytesPerSample)
         .putShort((short) (channels * bytesPerSample))
         .putShort((short) (bytesPerSample * 8));
        if (float32) {
            h.putShort((short) 0); // cbSize: no extension
            h.put(ascii("fact")).putInt(4).putInt(0);
        }
        h.put(ascii("data")).putInt(0);
        headerSize = h.position();
        h.flip();
        write(h);
    }

    /** Appends the interleaved samples of {@code audio}. */
    void write(AudioData audio) throws IOException {
        final long bytes = (long) audio.sampleCount() * (float32 ? 4 : 2);
        if (dataBytes + bytes > MAX_DATA_BYTES) {
            throw new IOException("recording reached the 4 GiB limit of a WAV file");
        }
        for (int i = 0, n = audio.sampleCount(); i < n; i++) {
            final float v = audio.sample(i);
            if (buffer.remaining() < 4) {
                flushBuffer();
            }
            if (float32) {
                buffer.putFloat(v);
            } else {
                final float clamped = Math.max(-1f, Math.min(1f, v));
                // Round half to even, which is symmetric around 0 (Math.round is not).
                buffer.putShort((short) Math.rint(clamped * 32767.0));
            }
        }
        dataBytes += bytes;
    }

    /** Writes what is buffered and fills in the sizes. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushBuffer();
            final ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            writeAt(4, size.putInt(0, (int) (headerSize - 8 + dataBytes)));
            writeAt(headerSize - 4, size.putInt(0, (int) dataBytes));
            if (float32) {
                // fact: sample frames, at offset 12 + 8 + 18 + 8.
                writeAt(46, size.putInt(0, (int) (dataBytes / 4 / channels)));
            }
        } finally {
            channel.close();
        }
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        write(buffer);
        buffer.clear();
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void writeAt(long position, ByteBuffer b) throws IOException {
        b.clear();
        while (b.hasRemaining()) {
            channel.write(b, position + b.position());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
