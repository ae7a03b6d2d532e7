package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.pipeline.nodes.VideoPlanes.Channel;

/**
 * Blurs video with a separable box filter of {@code radius}: each sample becomes the mean of the
 * {@code (2 radius + 1)²} square around it, edges extended by repeating the border sample. Every
 * channel is blurred (luma and both chroma planes, or R, G and B); the half-size chroma planes of
 * I420 and NV12 use {@link #chromaRadius} so the blur covers the same area of the picture.
 * {@code passes} repeats the filter; three passes are close to a Gaussian of standard deviation
 * {@code sqrt(radius (radius + 1))} (three boxes of variance {@code radius (radius + 1) / 3} each;
 * Wells, "Efficient synthesis of Gaussian filters by cascaded uniform filters", 1986). Each pass
 * costs the same whatever the radius: the window's sums run along rows, then down columns. Other
 * data passes unchanged.
 *
 * <p>The scratch sums are kept between frames; a node instance serves one session, one item at a
 * time.
 */
final class BlurNode implements TransformNode {
    private final int radius;
    private final int passes;
    private int[] rowSums = new int[0];
    private int[] columnSums = new int[0];

    BlurNode(int radius, int passes) {
        if (radius < 0) {
            throw new IllegalArgumentException("radius: " + radius + " (expected: >= 0)");
        }
        if (passes < 1) {
            throw new IllegalArgumentException("passes: " + passes + " (expected: >= 1)");
        }
        this.radius = radius;
        this.passes = passes;
    }

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof VideoData) || radius == 0) {
            out.emit(data);
            return;
        }
        final VideoData frame = (VideoData) data;
        final Channel[] channels = VideoPlanes.channels(frame.format(), frame.width(), frame.height());
        if (rowSums.length < frame.width() * frame.height()) {
            rowSums = new int[frame.width() * frame.height()];
            columnSums = new int[frame.width()];
        }
        byte[] src = VideoPlanes.copyOf(frame);
        byte[] dst = new byte[src.length];
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < channels.length; i++) {
                final boolean subsampled = i > 0 && frame.format() != PixelFormat.RGB24;
                blur(src, dst, channels[i], subsampled ? chromaRadius(radius) : radius);
            }
            final byte[] t = src;
            src = dst;
            dst = t;
        }
        out.emit(VideoPlanes.sameShape(frame, src));
    }

    /** The radius in half-resolution chroma samples matching {@code radius} luma pixels, rounded up. */
    static int chromaRadius(int radius) {
        return (radius + 1) / 2;
    }

    private void blur(byte[] src, byte[] dst, Channel c, int r) {
        final int w = c.width();
        final int h = c.height();
        final int ps = c.pixelStride();
        final int[] rows = rowSums;
        // Along each row: rows[y * w + x] = sum of src over x - r .. x + r.
        for (int y = 0; y < h; y++) {
            final int base = c.offset() + y * c.rowStride();
            int sum = (r + 1) * (src[base] & 0xff);
            for (int i = 1; i <= r; i++) {
                sum += src[base + Math.min(i, w - 1) * ps] & 0xff;
            }
            final int row = y * w;
            // Clamping is only needed where the window reaches past an edge; the middle runs without it.
            int x = 0;
            for (; x < Math.min(r, w); x++) {
                rows[row + x] = sum;
                sum += (src[base + Math.min(x + r + 1, w - 1) * ps] & 0xff) - (src[base] & 0xff);
            }
            for (int add = base + (x + r + 1) * ps, remove = base + (x - r) * ps; x < w - r - 1;
                 x++, add += ps, remove += ps) {
                rows[row + x] = sum;
                sum += (src[add] & 0xff) - (src[remove] & 0xff);
            }
            for (; x < w; x++) {
                rows[row + x] = sum;
                sum += (src[base + (w - 1) * ps] & 0xff) - (src[base + Math.max(x - r, 0) * ps] & 0xff);
            }
        }
        // Down the columns, a row at a time so memory is read in order.
        final int[] cols = columnSums;
        for (int x = 0; x < w; x++) {
            int sum = (r + 1) * rows[x];
            for (int i = 1; i <= r; i++) {
                sum += rows[Math.min(i, h - 1) * w + x];
            }
            cols[x] = sum;
        }
        final int area = (2 * r + 1) * (2 * r + 1);
        final int half = area / 2;
        // (sum + half) / area as a multiply and shift: exact because sum + half < 2^40 / (area - 1)
        // for every sum of at most 255 * area.
        final long reciprocal = ((1L << 40) + area - 1) / area;
        for (int y = 0; y < h; y++) {
            final int base = c.offset() + y * c.rowStride();
            final int add = Math.min(y + r + 1, h - 1) * w;
            final int remove = Math.max(y - r, 0) * w;
            for (int x = 0; x < w; x++) {
                dst[base + x * ps] = (byte) (((cols[x] + half) * reciprocal) >>> 40);
                cols[x] += rows[add + x] - rows[remove + x];
            }
        }
    }
}
