package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.pipeline.nodes.VideoPlanes.Channel;

/**
 * Resizes video to {@code width} × {@code height} by bilinear interpolation, each channel on its own
 * (I420 and NV12 chroma at half the new size). Sample centres are aligned, as in swscale and
 * libyuv: output sample {@code x} reads the input at {@code (x + 0.5) * in / out - 0.5}, clamped to
 * the picture, with 8-bit weights. Both sizes are even so that a 4:2:0 frame's chroma covers its
 * luma exactly. A frame already of that size passes as it is, and so does other data.
 */
final class ScaleNode implements TransformNode {
    private final int width;
    private final int height;
    /** One source row blended between two, kept between frames: a node serves one item at a time. */
    private int[] blended = new int[0];

    ScaleNode(int width, int height) {
        this.width = checkEven("width", width);
        this.height = checkEven("height", height);
    }

    private static int checkEven(String name, int value) {
        if (value < 2 || value > VideoData.MAX_DIMENSION || value % 2 != 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: an even number in [2, "
                                               + VideoData.MAX_DIMENSION + "])");
        }
        return value;
    }

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof VideoData)) {
            out.emit(data);
            return;
        }
        final VideoData frame = (VideoData) data;
        final Channel[] from = VideoPlanes.channels(frame.format(), frame.width(), frame.height());
        if (frame.width() == width && frame.height() == height) {
            out.emit(frame);
            return;
        }
        final Channel[] to = VideoPlanes.channels(frame.format(), width, height);
        final byte[] src = VideoPlanes.copyOf(frame);
        final byte[] dst = new byte[Math.toIntExact(frame.format().frameSize(width, height))];
        // The chroma channels of a format share one geometry, so the tables are built once per geometry.
        Axis xs = null;
        Axis ys = null;
        for (int i = 0; i < from.length; i++) {
            if (i == 0 || i == 1 && frame.format() != PixelFormat.RGB24) {
                xs = Axis.of(from[i].width(), to[i].width());
                ys = Axis.of(from[i].height(), to[i].height());
            }
            scale(src, from[i], dst, to[i], xs, ys);
        }
        out.emit(VideoPlanes.resized(frame, dst, width, height));
    }

    /** Blends the two source rows vertically first, then along the row: fewer reads when enlarging. */
    private void scale(byte[] src, Channel s, byte[] dst, Channel d, Axis xs, Axis ys) {
        if (blended.length < s.width()) {
            blended = new int[s.width()];
        }
        final int[] row = blended;
        final int ps = s.pixelStride();
        for (int y = 0; y < d.height(); y++) {
            final int row0 = s.offset() + ys.lo[y] * s.rowStride();
            final int row1 = s.offset() + ys.hi[y] * s.rowStride();
            final int fy = ys.weight[y];
            final int gy = 256 - fy;
            for (int x = 0, i = 0; x < s.width(); x++, i += ps) {
                row[x] = (src[row0 + i] & 0xff) * gy + (src[row1 + i] & 0xff) * fy;
            }
            int out = d.index(0, y);
            for (int x = 0; x < d.width(); x++, out += d.pixelStride()) {
                final int fx = xs.weight[x];
                dst[out] = (byte) ((row[xs.lo[x]] * (256 - fx) + row[xs.hi[x]] * fx + (1 << 15)) >> 16);
            }
        }
    }

    /**
     * For each output sample along one axis: the two input samples it lies between and the weight
     * of the second, in 1/256.
     */
    private static final class Axis {
        final int[] lo;
        final int[] hi;
        final int[] weight;

        private Axis(int n) {
            lo = new int[n];
            hi = new int[n];
            weight = new int[n];
        }

        static Axis of(int in, int out) {
            final Axis a = new Axis(out);
            for (int i = 0; i < out; i++) {
                // Position in 1/256 of an input sample: (i + 0.5) * in / out - 0.5.
                final long pos = (2L * i + 1) * in * 128 / out - 128;
                final long clamped = Math.max(0, Math.min(pos, (in - 1) * 256L));
                a.lo[i] = (int) (clamped >> 8);
                a.hi[i] = Math.min(a.lo[i] + 1, in - 1);
                a.weight[i] = (int) (clamped & 0xff);
            }
            return a;
        }
    }
}
