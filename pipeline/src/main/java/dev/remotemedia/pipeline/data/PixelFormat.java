package dev.remotemedia.pipeline.data;

/** How the pixels of a {@link VideoData} are laid out. */
public enum PixelFormat {
    /** Planar Y, then U and V at half width and half height (rounded up). */
    I420,
    /** Planar Y, then interleaved UV at half width and half height (rounded up). */
    NV12,
    /** Packed 8-bit R, G, B per pixel. */
    RGB24;

    /** The bytes a {@code width} × {@code height} frame takes in this format. */
    public long frameSize(int width, int height) {
        final long luma = (long) width * height;
        final long chroma = (long) ((width + 1) / 2) * ((height + 1) / 2);
        switch (this) {
            case I420:
            case NV12:
                return luma + 2 * chroma;
            case RGB24:
                return luma * 3;
            default:
                throw new AssertionError(this);
        }
    }
}
