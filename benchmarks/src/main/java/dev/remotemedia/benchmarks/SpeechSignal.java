package dev.remotemedia.benchmarks;

import dev.remotemedia.codec.AudioResampler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Real (synthesised) speech for the codec benchmarks: espeak-ng speaks a fixed text into a 22.05 kHz
 * WAV file, which is resampled to 48 kHz mono with {@link AudioResampler}. The same text and voice
 * give the same samples on every run with the same espeak-ng.
 */
final class SpeechSignal {
    private SpeechSignal() {}

    static final String TEXT = "The quick brown fox jumps over the lazy dog. "
                               + "Real-time media needs low latency, steady pacing and codecs that keep up. "
                               + "Please call Stella and ask her to bring these things with her from the store: "
                               + "six spoons of fresh snow peas, five thick slabs of blue cheese, "
                               + "and maybe a snack for her brother Bob.";

    /** The speech as 48 kHz mono 16-bit PCM, trimmed to whole 20 ms frames. */
    static short[] mono48k() {
        final Path wav;
        try {
            wav = Files.createTempFile("remotemedia-speech", ".wav");
            try {
                final Process espeak = new ProcessBuilder("espeak-ng", "-w", wav.toString(), TEXT)
                        .redirectErrorStream(true).start();
                final String output = new String(espeak.getInputStream().readAllBytes());
                if (espeak.waitFor() != 0) {
                    throw new IllegalStateException("espeak-ng failed: " + output);
                }
                return toMono48k(Files.readAllBytes(wav));
            } finally {
                Files.deleteIfExists(wav);
            }
        } catch (IOException e) {
            throw new IllegalStateException("espeak-ng is needed for the speech signal (apt-get install espeak-ng)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // A PCM WAV file: RIFF chunks; "fmt " gives channels and rate, "data" the samples.
    private static short[] toMono48k(byte[] file) {
        final ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int rate = 0;
        int channels = 0;
        in.position(12);
        while (in.remaining() >= 8) {
            final String id = new String(file, in.position(), 4, java.nio.charset.StandardCharsets.US_ASCII);
            in.position(in.position() + 4);
            final int size = in.getInt();
            if (id.equals("fmt ")) {
                channels = in.getShort(in.position() + 2);
                rate = in.getInt(in.position() + 4);
            } else if (id.equals("data")) {
                final int samples = Math.min(size, in.remaining()) / 2;
                final short[] pcm = new short[samples];
                in.asShortBuffer().get(pcm);
                final AudioResampler resampler = AudioResampler.of(rate, channels, 1);
                final int frames = samples / channels;
                final short[] out = new short[resampler.maxOutputFrames(frames)];
                final int written = resampler.process(pcm, 0, frames, out, 0);
                return Arrays.copyOf(out, written / 960 * 960);
            }
            in.position(in.position() + size + (size & 1));
        }
        throw new IllegalStateException("espeak-ng wrote a WAV file without a data chunk");
    }
}
