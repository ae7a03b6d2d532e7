package dev.remotemedia.codec.video;

import static java.util.Objects.requireNonNull;

/**
 * One encoded frame, as a {@link VideoEncoder} gives it: the bytes in the codec's own format (see
 * {@link VideoCodecType}), whether a decoder can start from it, and the capture time of the frame it
 * encodes. The array is the caller's.
 */
public final class EncodedVideoFrame {
    private final VideoCodecType codec;
    private final byte[] data;
    private final boolean keyframe;
    private final long timestampMicros;
    private final int width;
    private final int height;

    public EncodedVideoFrame(VideoCodecType codec, byte[] data, boolean keyframe, long timestampMicros, int width,
                             int height) {
        this.codec = requireNonNull(codec, "codec");
        this.data = requireNonNull(data, "data");
        this.keyframe = keyframe;
        this.timestampMicros = timestampMicros;
        this.width = width;
        this.height = height;
    }

    public VideoCodecType codec() {
        return codec;
    }

    /** The encoded bytes. */
    public byte[] data() {
        return data;
    }

    /** Whether a decoder can start here: an intra frame that refers to no earlier frame. */
    public boolean isKeyframe() {
        return keyframe;
    }

    /** The capture time of the frame this encodes, in microseconds. */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** The encoded width. */
    public int width() {
        return width;
    }

    /** The encoded height. */
    public int height() {
        return height;
    }

    @Override
    public String toString() {
        return "EncodedVideoFrame(" + codec + ' ' + width + 'x' + height + ", " + data.length + " bytes"
               + (keyframe ? ", key" : "") + " at " + timestampMicros + " µs)";
    }
}
