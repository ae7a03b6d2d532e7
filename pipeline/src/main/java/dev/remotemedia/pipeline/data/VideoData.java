package dev.remotemedia.pipeline.data;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * One raw video frame. Like {@link AudioData}, the pixels are held without copying between nodes:
 * {@link #wrap} takes ownership of the array and accessors only hand out a read-only view or a copy.
 */
public final class VideoData implements RuntimeData {
    /** The largest frame accepted: 8K RGB24. */
    public static final int MAX_DIMENSION = 8192;

    private final byte[] pixels;
    private final int width;
    private final int height;
    private final PixelFormat format;
    private final long timestampUs;
    private final boolean keyframe;
    private final long frameNumber;
    private final Map<String, String> metadata;

    private VideoData(byte[] pixels, int width, int height, PixelFormat format, long timestampUs,
                      boolean keyframe, long frameNumber, Map<String, String> metadata) {
        requireNonNull(pixels, "pixels");
        requireNonNull(format, "format");
        if (width <= 0 || width > MAX_DIMENSION) {
            throw new IllegalArgumentException("width: " + width + " (expected: 1.." + MAX_DIMENSION + ')');
        }
        if (height <= 0 || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("height: " + height + " (expected: 1.." + MAX_DIMENSION + ')');
        }
        final long expected = format.frameSize(width, height);
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels.length: " + pixels.length + " (expected: " + expected
                                               + " for " + width + 'x' + height + ' ' + format + ')');
        }
        if (frameNumber < 0) {
            throw new IllegalArgumentException("frameNumber: " + frameNumber + " (expected: >= 0)");
        }
        this.pixels = pixels;
        this.width = width;
        this.height = height;
        this.format = format;
        this.timestampUs = timestampUs;
        this.keyframe = keyframe;
        this.frameNumber = frameNumber;
        this.metadata = Metadata.copy(metadata);
    }

    /**
     * Returns a frame that owns {@code pixels} without copying; the caller must not write to the
     * array afterwards.
     *
     * @throws IllegalArgumentException if the size does not match {@code format} and the dimensions
     */
    public static VideoData wrap(byte[] pixels, int width, int height, PixelFormat format, long timestampUs,
                                 boolean keyframe, long frameNumber) {
        return new VideoData(pixels, width, height, format, timestampUs, keyframe, frameNumber, Map.of());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PixelFormat format() {
        return format;
    }

    public long timestampUs() {
        return timestampUs;
    }

    /** Whether the frame was a keyframe when it was encoded (a hint for encoders downstream). */
    public boolean keyframe() {
        return keyframe;
    }

    /** The frame's position in its stream, from 0. */
    public long frameNumber() {
        return frameNumber;
    }

    /** A read-only view of the pixels; no copy. */
    public ByteBuffer pixels() {
        return ByteBuffer.wrap(pixels).asReadOnlyBuffer();
    }

    /** Returns a fresh copy of the pixels. */
    public byte[] toByteArray() {
        return pixels.clone();
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public VideoData withMetadata(Map<String, String> metadata) {
        return new VideoData(pixels, width, height, format, timestampUs, keyframe, frameNumber, metadata);
    }

    @Override
    public String kind() {
        return "video";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VideoData)) {
            return false;
        }
        final VideoData that = (VideoData) o;
        return width == that.width && height == that.height && format == that.format
               && timestampUs == that.timestampUs && keyframe == that.keyframe && frameNumber == that.frameNumber
               && Arrays.equals(pixels, that.pixels) && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(pixels) * 31 + format.hashCode()) * 31 + Long.hashCode(timestampUs);
    }

    @Override
    public String toString() {
        return "VideoData{" + width + 'x' + height + ' ' + format + ", ts=" + timestampUs + "us, #" + frameNumber
               + (keyframe ? ", keyframe" : "") + (metadata.isEmpty() ? "" : ", metadata=" + metadata) + '}';
    }
}
