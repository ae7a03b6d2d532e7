package dev.remotemedia.codec.video;

import static java.util.Objects.requireNonNull;

/**
 * A picture in I420 (8-bit YUV 4:2:0, three planes: Y at full size, U and V at half width and half
 * height, rounded up), with its capture time. Each plane is a {@code byte[]} with a stride (bytes
 * from one row to the next, at least the plane's width).
 *
 * <p>The planes are not copied: whoever hands a frame on must not change its arrays afterwards. The
 * codecs never change a frame they are given, and a frame they return is the caller's.
 */
public final class VideoFrame {

    /** Returns a frame of {@code width × height} with tightly packed planes, all zero (a green picture). */
    public static VideoFrame allocate(int width, int height, long timestampMicros) {
        checkSize(width, height);
        final int chromaWidth = (width + 1) / 2;
        final int chromaHeight = (height + 1) / 2;
        return new VideoFrame(width, height, new byte[width * height], width,
                              new byte[chromaWidth * chromaHeight], chromaWidth,
                              new byte[chromaWidth * chromaHeight], chromaWidth, timestampMicros);
    }

    /**
     * Returns a frame on the given planes.
     *
     * @throws IllegalArgumentException if a stride is shorter than its plane's width or an array
     *         shorter than its plane
     */
    public static VideoFrame of(int width, int height, byte[] y, int strideY, byte[] u, int strideU, byte[] v,
                                int strideV, long timestampMicros) {
        checkSize(width, height);
        final int chromaWidth = (width + 1) / 2;
        final int chromaHeight = (height + 1) / 2;
        checkPlane("y", requireNonNull(y, "y"), strideY, width, height);
        checkPlane("u", requireNonNull(u, "u"), strideU, chromaWidth, chromaHeight);
        checkPlane("v", requireNonNull(v, "v"), strideV, chromaWidth, chromaHeight);
        return new VideoFrame(width, height, y, strideY, u, strideU, v, strideV, timestampMicros);
    }

    /** The largest width or height accepted (that of 8K video, and what every codec here can take). */
    public static final int MAX_DIMENSION = 8192;

    private final int width;
    private final int height;
    private final byte[] y;
    private final int strideY;
    private final byte[] u;
    private final int strideU;
    private final byte[] v;
    private final int strideV;
    private final long timestampMicros;

    private VideoFrame(int width, int height, byte[] y, int strideY, byte[] u, int strideU, byte[] v, int strideV,
                       long timestampMicros) {
        this.width = width;
        this.height = height;
        this.y = y;
        this.strideY = strideY;
        this.u = u;
        this.strideU = strideU;
        this.v = v;
        this.strideV = strideV;
        this.timestampMicros = timestampMicros;
    }

    static void checkSize(int width, int height) {
        if (width < 1 || width > MAX_DIMENSION || height < 1 || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("size: " + width + 'x' + height + " (expected: 1.." + MAX_DIMENSION
                                               + " each way)");
        }
    }

    private static void checkPlane(String name, byte[] plane, int stride, int width, int height) {
        if (stride < width) {
            throw new IllegalArgumentException("stride" + name.toUpperCase(java.util.Locale.ROOT) + ": " + stride
                                               + " (expected: >= " + width + ')');
        }
        final long needed = (long) stride * (height - 1) + width;
        if (plane.length < needed) {
            throw new IllegalArgumentException(name + ": " + plane.length + " bytes (expected: >= " + needed
                                               + " for " + width + 'x' + height + " at stride " + stride + ')');
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The width of the U and V planes: half the width, rounded up. */
    public int chromaWidth() {
        return (width + 1) / 2;
    }

    /** The height of the U and V planes: half the height, rounded up. */
    public int chromaHeight() {
        return (height + 1) / 2;
    }

    public byte[] dataY() {
        return y;
    }

    public int strideY() {
        return strideY;
    }

    public byte[] dataU() {
        return u;
    }

    public int strideU() {
        return strideU;
    }

    public byte[] dataV() {
        return v;
    }

    public int strideV() {
        return strideV;
    }

    /**
     * When the picture was captured (on an encoder's input) or presented (on a decoder's output, the
     * timestamp of the packet it came from), in microseconds on the caller's clock.
     */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** This picture, sharing its planes, with another timestamp. */
    public VideoFrame withTimestampMicros(long timestampMicros) {
        return new VideoFrame(width, height, y, strideY, u, strideU, v, strideV, timestampMicros);
    }

    /** The luma at column {@code x}, row {@code row}, 0..255. */
    public int lumaAt(int x, int row) {
        return y[row * strideY + x] & 0xff;
    }

    @Override
    public String toString() {
        return "VideoFrame(" + width + 'x' + height + " at " + timestampMicros + " µs)";
    }
}
