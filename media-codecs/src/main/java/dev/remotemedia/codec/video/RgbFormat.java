package dev.remotemedia.codec.video;

/** Packed 8-bit RGB layouts that {@link VideoFrameConverter} converts to and from I420. */
public enum RgbFormat {
    /** R, G, B: 3 bytes a pixel. */
    RGB24(3),
    /** B, G, R: 3 bytes a pixel. */
    BGR24(3),
    /** R, G, B, A: 4 bytes a pixel; alpha is ignored on the way in and 255 on the way out. */
    RGBA(4),
    /** B, G, R, A: 4 bytes a pixel (Java's {@code TYPE_4BYTE_ABGR} is this in little-endian ints). */
    BGRA(4);

    private final int bytesPerPixel;

    RgbFormat(int bytesPerPixel) {
        this.bytesPerPixel = bytesPerPixel;
    }

    /** Bytes a pixel takes. */
    public int bytesPerPixel() {
        return bytesPerPixel;
    }
}
