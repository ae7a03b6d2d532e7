package dev.remotemedia.pipeline.data;

import static java.util.Objects.requireNonNull;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Interleaved 32-bit float PCM: {@link #frames()} frames of {@link #channels()} samples each, at
 * {@link #sampleRate()} Hz, starting at {@link #timestampUs()}.
 *
 * <p>The samples are never copied while the item moves between nodes: {@link #of} copies the
 * caller's array once, {@link #wrap} takes ownership of it, and every accessor reads without handing
 * out the array itself ({@link #sample}, {@link #copyTo}, a read-only {@link #asBuffer()} view).
 */
public final class AudioData implements RuntimeData {
    private final float[] samples;
    private final int sampleRate;
    private final int channels;
    private final long timestampUs;
    private final Map<String, String> metadata;

    private AudioData(float[] samples, int sampleRate, int channels, long timestampUs, Map<String, String> metadata) {
        requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: > 0)");
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels: " + channels + " (expected: > 0)");
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException("samples.length: " + samples.length
                                               + " (expected: a multiple of channels, " + channels + ')');
        }
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.timestampUs = timestampUs;
        this.metadata = Metadata.copy(metadata);
    }

    /** Returns audio holding a copy of {@code interleaved}. */
    public static AudioData of(float[] interleaved, int sampleRate, int channels, long timestampUs) {
        return new AudioData(interleaved.clone(), sampleRate, channels, timestampUs, Map.of());
    }

    /**
     * Returns audio that owns {@code interleaved} without copying it. The caller hands the array over
     * and must not write to it afterwards: nodes downstream share it.
     */
    public static AudioData wrap(float[] interleaved, int sampleRate, int channels, long timestampUs) {
        return new AudioData(interleaved, sampleRate, channels, timestampUs, Map.of());
    }

    /** Like {@link #wrap(float[], int, int, long)}, with metadata. */
    public static AudioData wrap(float[] interleaved, int sampleRate, int channels, long timestampUs,
                                 Map<String, String> metadata) {
        return new AudioData(interleaved, sampleRate, channels, timestampUs, metadata);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Presentation time of the first frame, in microseconds. */
    public long timestampUs() {
        return timestampUs;
    }

    /** Samples per channel. */
    public int frames() {
        return samples.length / channels;
    }

    /** Samples over all channels ({@code frames() * channels()}). */
    public int sampleCount() {
        return samples.length;
    }

    /** How long the audio lasts, in microseconds (rounded down). */
    public long durationUs() {
        return frames() * 1_000_000L / sampleRate;
    }

    /** The interleaved sample at {@code index} ({@code frame * channels + channel}). */
    public float sample(int index) {
        return samples[index];
    }

    /** Copies every interleaved sample into {@code dst} from {@code offset}. */
    public void copyTo(float[] dst, int offset) {
        System.arraycopy(samples, 0, dst, offset, samples.length);
    }

    /** Returns a fresh copy of the interleaved samples. */
    public float[] toArray() {
        return samples.clone();
    }

    /** A read-only view of the interleaved samples; no copy. */
    public FloatBuffer asBuffer() {
        return FloatBuffer.wrap(samples).asReadOnlyBuffer();
    }

    /** Returns audio with the same samples (shared) and another timestamp. */
    public AudioData withTimestampUs(long timestampUs) {
        return new AudioData(samples, sampleRate, channels, timestampUs, metadata);
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public AudioData withMetadata(Map<String, String> metadata) {
        return new AudioData(samples, sampleRate, channels, timestampUs, metadata);
    }

    @Override
    public String kind() {
        return "audio";
    }

    /** Equal when every field matches and the samples are bit-for-bit the same. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AudioData)) {
            return false;
        }
        final AudioData that = (AudioData) o;
        return sampleRate == that.sampleRate && channels == that.channels && timestampUs == that.timestampUs
               && Arrays.equals(samples, that.samples) && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(samples) * 31 + sampleRate) * 31 + channels) * 31 + Long.hashCode(timestampUs);
    }

    @Override
    public String toString() {
        return "AudioData{" + frames() + " frames, " + sampleRate + " Hz, " + channels + " ch, ts=" + timestampUs
               + "us" + (metadata.isEmpty() ? "" : ", metadata=" + metadata) + '}';
    }
}
