package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.VideoData;

/**
 * Where each channel of a {@link VideoData}'s pixels lies, so the video nodes can treat I420
 * (three planes), NV12 (a luma plane and an interleaved UV plane) and RGB24 (three interleaved
 * channels) with one loop: sample {@code (x, y)} of a channel is at
 * {@code offset + y * rowStride + x * pixelStride}.
 *
 * <p>Ownership follows {@link VideoData}: a node never writes to its input's pixels (other branches
 * of the graph may hold the same frame); it works on a copy or a new array and wraps that.
 */
final class VideoPlanes {
    private VideoPlanes() {}

    /** One channel of a frame's pixel array. */
    record Channel(int offset, int width, int height, int rowStride, int pixelStride) {
        int index(int x, int y) {
            return offset + y * rowStride + x * pixelStride;
        }
    }

    /**
     * The channels of a {@code width} × {@code height} frame in {@code format}: Y, U, V or R, G, B.
     *
     * @throws IllegalArgumentException naming the format if it is not one of these three
     */
    static Channel[] channels(PixelFormat format, int width, int height) {
        final int luma = width * height;
        final int cw = chromaWidth(width);
        final int ch = chromaHeight(height);
        switch (format) {
            case I420:
                return new Channel[] {
                        new Channel(0, width, height, width, 1),
                        new Channel(luma, cw, ch, cw, 1),
                        new Channel(luma + cw * ch, cw, ch, cw, 1)};
            case NV12:
                return new Channel[] {
                        new Channel(0, width, height, width, 1),
                        new Channel(luma, cw, ch, 2 * cw, 2),
                        new Channel(luma + 1, cw, ch, 2 * cw, 2)};
            case RGB24:
                return new Channel[] {
                        new Channel(0, width, height, 3 * width, 3),
                        new Channel(1, width, height, 3 * width, 3),
                        new Channel(2, width, height, 3 * width, 3)};
            default:
                throw unsupported(format);
        }
    }

    /** Chroma planes of I420 and NV12 are half the luma size, rounded up. */
    static int chromaWidth(int width) {
        return (width + 1) / 2;
    }

    static int chromaHeight(int height) {
        return (height + 1) / 2;
    }

    /** A copy of the pixels of {@code frame} that the caller owns and may write to. */
    static byte[] copyOf(VideoData frame) {
        return frame.toByteArray();
    }

    /** A frame of the same size and format as {@code like}, with its timestamp, keyframe flag, number and metadata. */
    static VideoData sameShape(VideoData like, byte[] pixels) {
        return resized(like, pixels, like.width(), like.height());
    }

    /** A {@code width} × {@code height} frame with the timestamp, keyframe flag, number and metadata of {@code like}. */
    static VideoData resized(VideoData like, byte[] pixels, int width, int height) {
        final VideoData out = VideoData.wrap(pixels, width, height, like.format(), like.timestampUs(),
                                             like.keyframe(), like.frameNumber());
        return like.metadata().isEmpty() ? out : out.withMetadata(like.metadata());
    }

    static IllegalArgumentException unsupported(PixelFormat format) {
        return new IllegalArgumentException("pixel format: " + format + " (expected: I420, NV12 or RGB24)");
    }
}
