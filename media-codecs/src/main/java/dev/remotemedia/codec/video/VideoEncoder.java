package dev.remotemedia.codec.video;

import java.util.List;

/**
 * Encodes {@link VideoFrame}s with one codec. Get one from {@link VideoCodecs#encoder(VideoEncoderSettings)}.
 *
 * <p>The encoder has no look-ahead: each call returns what that frame encodes to, normally one
 * frame, at once. Its first frame, and the first after a change of size or bitrate, is a keyframe.
 *
 * <p>Not thread-safe: use an encoder serially from one thread, normally the codec executor of its
 * track (DESIGN.md §4), never a network loop. {@link #close()} frees its native state at once; it is
 * idempotent, and every other method but {@link #settings()} throws {@link IllegalStateException}
 * after it.
 */
public interface VideoEncoder extends AutoCloseable {

    /** The settings in force, with the changes made by the setters. */
    VideoEncoderSettings settings();

    /**
     * Encodes {@code frame}, scaled first if its size is not {@link VideoEncoderSettings#width()} ×
     * {@link VideoEncoderSettings#height()}.
     *
     * @param forceKeyframe whether this frame must be a keyframe (a receiver asked for one)
     * @return the encoded frames, in order: one, or none if the encoder dropped the frame
     * @throws IllegalStateException if closed, or if the library fails
     */
    List<EncodedVideoFrame> encode(VideoFrame frame, boolean forceKeyframe);

    /**
     * Sets the target bitrate ({@link VideoEncoderSettings#MIN_BITRATE}..{@link
     * VideoEncoderSettings#MAX_BITRATE} bits per second) from the next frame on. That frame is a
     * keyframe: FFmpeg's wrappers of these libraries read rate control only when they open (none
     * followed a bitrate changed in place, tested here), so the encoder reopens. Change it when the
     * estimate moves enough to be worth a keyframe, not on every report.
     */
    void setBitrate(int bitrate);

    /**
     * Sets the encoded size (even, 16..{@link VideoFrame#MAX_DIMENSION} each way) from the next frame on,
     * which is a keyframe of the new size.
     */
    void setResolution(int width, int height);

    /** Frees the encoder. Idempotent. */
    @Override
    void close();
}
