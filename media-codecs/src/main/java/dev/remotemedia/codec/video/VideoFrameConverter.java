package dev.remotemedia.codec.video;

/**
 * Converts pictures between I420 and the layouts cameras and screens use (NV12, packed RGB), and
 * scales I420, with FFmpeg's swscale (bilinear; BT.601 limited-range YUV, as WebRTC's I420 is). Get
 * one from {@link VideoCodecs#converter()}.
 *
 * <p>Not thread-safe: use one converter per thread (it keeps native buffers and scaler state between
 * calls). {@link #close()} frees them; it is idempotent, and every method throws {@link
 * IllegalStateException} after it.
 */
public interface VideoFrameConverter extends AutoCloseable {

    /**
     * Converts an NV12 picture (a Y plane, then a plane of interleaved U and V at half size) to I420.
     *
     * @param strideY bytes from one row of {@code y} to the next
     * @param strideUv bytes from one row of {@code uv} to the next
     */
    VideoFrame fromNv12(int width, int height, byte[] y, int strideY, byte[] uv, int strideUv, long timestampMicros);

    /**
     * Converts {@code frame} to NV12, tightly packed: {@code width × height} bytes of Y, then {@code
     * 2 × ceil(width/2) × ceil(height/2)} bytes of interleaved U and V.
     */
    byte[] toNv12(VideoFrame frame);

    /** Converts a packed RGB picture, {@code stride} bytes a row, to I420. */
    VideoFrame fromRgb(RgbFormat format, int width, int height, byte[] pixels, int stride, long timestampMicros);

    /** Converts {@code frame} to packed RGB, {@code width × format.bytesPerPixel()} bytes a row. */
    byte[] toRgb(VideoFrame frame, RgbFormat format);

    /** Scales {@code frame} to {@code width × height}, keeping its timestamp. */
    VideoFrame scale(VideoFrame frame, int width, int height);

    /** Frees the converter. Idempotent. */
    @Override
    void close();
}
