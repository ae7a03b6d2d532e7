package dev.remotemedia.pipeline.dsp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads the 16-bit PCM RIFF/WAVE files that espeak-ng writes; only what the tests need. */
final class WavReader {

    /** Mono samples in [-1, 1) and their rate. */
    record Wav(float[] samples, int sampleRate) {}

    private WavReader() {}

    static Wav read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF/WAVE file (" + file.length + " bytes)");
        }
        int pos = 12;
        int rate = 0;
        int channels = 0;
        while (pos + 8 <= file.length) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id == 0x20746d66) {          // "fmt "
                int format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14);
                if (format != 1 || bits != 16) {
                    throw new IllegalArgumentException("format " + format + ", " + bits + " bits (expected: PCM, 16 bits)");
                }
            } else if (id == 0x61746164) {   // "data"; a streamed file may leave the size unset
                if (rate == 0 || channels < 1) {
                    throw new IllegalArgumentException("data chunk before fmt chunk");
                }
                int bytes = (int) Math.min(size, file.length - body);
                int frames = bytes / 2 / channels;
                float[] mono = new float[frames];
                for (int i = 0; i < frames; i++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(body + 2 * (i * channels + c)) / 32768f;
                    }
                    mono[i] = sum / channels;
                }
                return new Wav(mono, rate);
            }
            pos = body + (int) size + (int) (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }
}
