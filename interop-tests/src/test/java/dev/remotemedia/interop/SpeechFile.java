package dev.remotemedia.interop;

import dev.remotemedia.pipeline.dsp.Resampler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A WAV file of real speech (espeak-ng) with silence around each utterance, whose speech
 * boundaries are known by construction: each utterance is cut to where its samples first and last
 * exceed 2 % of its peak. A missing espeak-ng fails the test with a message (.ci/run installs it).
 */
final class SpeechFile {
    static final int RATE = 48_000;

    /** The samples (mono, {@value #RATE} Hz) and the [start, end) of each utterance in seconds. */
    record Speech(float[] samples, List<double[]> utterances) {}

    private SpeechFile() {}

    /** {@code leadSeconds} of silence, then the utterances of {@code texts} each followed by {@code gapSeconds}. */
    static Speech compose(double leadSeconds, double gapSeconds, String... texts) throws IOException, InterruptedException {
        final int lead = (int) (leadSeconds * RATE);
        final int gap = (int) (gapSeconds * RATE);
        final List<float[]> parts = new ArrayList<>();
        final List<double[]> utterances = new ArrayList<>();
        int at = lead;
        for (String text : texts) {
            final float[] u = trim(speak(text));
            parts.add(u);
            utterances.add(new double[] {at / (double) RATE, (at + u.length) / (double) RATE});
            at += u.length + gap;
        }
        final float[] all = new float[at];
        int pos = lead;
        for (float[] u : parts) {
            System.arraycopy(u, 0, all, pos, u.length);
            pos += u.length + gap;
        }
        return new Speech(all, utterances);
    }

    /** espeak-ng's voice for {@code text}, at {@value #RATE} Hz, peak 0.5. */
    private static float[] speak(String text) throws IOException, InterruptedException {
        final Path wav = Files.createTempFile("speech", ".wav");
        try {
            final List<String> command = List.of("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(), text);
            final Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("espeak-ng makes the test speech but could not be run (" + e.getMessage()
                                         + "): apt-get install -y espeak-ng", e);
            }
            final String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("espeak-ng failed: " + command + ": " + output);
            }
            final Wav speech = read(Files.readAllBytes(wav));
            final Resampler resampler = Resampler.of(speech.rate, RATE, 1);
            final float[] body = resampler.process(speech.samples);
            final float[] tail = resampler.flush();
            final int skip = (int) resampler.latencyFrames(); // the filter's delay, so boundaries stay put
            final float[] out = new float[body.length + tail.length - skip];
            System.arraycopy(body, skip, out, 0, body.length - skip);
            System.arraycopy(tail, 0, out, body.length - skip, tail.length);
            final float peak = peak(out);
            for (int i = 0; i < out.length; i++) {
                out[i] *= 0.5f / peak;
            }
            return out;
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private static float[] trim(float[] x) {
        final double limit = 0.02 * peak(x);
        int start = 0;
        while (Math.abs(x[start]) <= limit) {
            start++;
        }
        int end = x.length;
        while (Math.abs(x[end - 1]) <= limit) {
            end--;
        }
        return java.util.Arrays.copyOfRange(x, start, end);
    }

    private static float peak(float[] x) {
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    /** Writes 16-bit PCM mono WAV (RIFF, format 1). */
    static void writeWav(Path file, float[] samples, int rate) throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
         .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (float v : samples) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
        }
        Files.write(file, b.array());
    }

    /** Mono WAV samples and their rate. */
    record Wav(float[] samples, int rate) {}

    /** Reads mono WAV: 16-bit PCM (format 1) or 32-bit float (format 3); other chunks are skipped. */
    static Wav read(byte[] bytes) {
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        int format = 0;
        int rate = 0;
        int bits = 0;
        while (b.remaining() >= 8) {
            final String id = new String(bytes, b.position(), 4);
            b.position(b.position() + 4);
            long size = b.getInt() & 0xFFFF_FFFFL;
            final int start = b.position();
            if (id.equals("fmt ")) {
                format = b.getShort();
                b.getShort(); // channels: mono expected
                rate = b.getInt();
                b.position(start + 14);
                bits = b.getShort();
            } else if (id.equals("data")) {
                if (size > b.remaining() || size == 0xFFFF_FFFFL) {
                    size = b.remaining(); // a stream's header written before its length was known
                }
                final int bytesPerSample = bits / 8;
                final float[] out = new float[(int) (size / bytesPerSample)];
                for (int i = 0; i < out.length; i++) {
                    out[i] = format == 3 ? b.getFloat() : b.getShort() / 32768f;
                }
                return new Wav(out, rate);
            }
            b.position(start + (int) size + (int) (size & 1));
        }
        throw new IllegalArgumentException("no data chunk in " + bytes.length + " bytes of WAV");
    }
}
