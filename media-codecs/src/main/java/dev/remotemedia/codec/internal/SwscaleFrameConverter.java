package dev.remotemedia.codec.internal;

import static java.util.Objects.requireNonNull;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import dev.remotemedia.codec.video.RgbFormat;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.codec.video.VideoFrameConverter;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A {@link VideoFrameConverter} on swscale. Every conversion goes the same way: the Java planes are
 * copied into native planes, swscale converts into native planes, and those are copied out. The scaler
 * context is kept while the formats and sizes stay the same. Each method keeps {@code this} reachable
 * until swscale is done, so that the cleaner cannot free the state under it.
 */
public final class SwscaleFrameConverter implements VideoFrameConverter {
    // Bilinear, rounded accurately (a round trip lands back on the same values), chroma interpolated
    // to full width on the way to RGB.
    private static final int FLAGS = SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT;

    private final State state = new State();
    private final Cleaner.Cleanable cleanable;
    private boolean closed;

    public SwscaleFrameConverter() {
        cleanable = NativeCleaner.CLEANER.register(this, state);
    }

    @Override
    public VideoFrame fromNv12(int width, int height, byte[] y, int strideY, byte[] uv, int strideUv,
                               long timestampMicros) {
        checkOpen();
        checkSize(width, height);
        final int cw = (width + 1) / 2;
        final int ch = (height + 1) / 2;
        checkPlane("y", requireNonNull(y, "y"), strideY, width, height);
        checkPlane("uv", requireNonNull(uv, "uv"), strideUv, cw * 2, ch);
        final VideoFrame out = VideoFrame.allocate(width, height, timestampMicros);
        state.convert(AV_PIX_FMT_NV12, width, height, new byte[][] { y, uv }, new int[] { strideY, strideUv },
                      new int[] { height, ch }, AV_PIX_FMT_YUV420P, width, height, i420Planes(out),
                      new int[] { width, cw, cw }, new int[] { height, ch, ch });
        Reference.reachabilityFence(this);
        return out;
    }

    @Override
    public byte[] toNv12(VideoFrame frame) {
        checkOpen();
        final int w = frame.width();
        final int h = frame.height();
        final int cw = frame.chromaWidth();
        final int ch = frame.chromaHeight();
        final byte[] y = new byte[w * h];
        final byte[] uv = new byte[cw * 2 * ch];
        state.convert(AV_PIX_FMT_YUV420P, w, h, i420Planes(frame), i420Strides(frame), new int[] { h, ch, ch },
                      AV_PIX_FMT_NV12, w, h, new byte[][] { y, uv }, new int[] { w, cw * 2 }, new int[] { h, ch });
        Reference.reachabilityFence(this);
        final byte[] nv12 = new byte[y.length + uv.length];
        System.arraycopy(y, 0, nv12, 0, y.length);
        System.arraycopy(uv, 0, nv12, y.length, uv.length);
        return nv12;
    }

    @Override
    public VideoFrame fromRgb(RgbFormat format, int width, int height, byte[] pixels, int stride,
                              long timestampMicros) {
        checkOpen();
        requireNonNull(format, "format");
        checkSize(width, height);
        checkPlane("pixels", requireNonNull(pixels, "pixels"), stride, width * format.bytesPerPixel(), height);
        final VideoFrame out = VideoFrame.allocate(width, height, timestampMicros);
        final int cw = out.chromaWidth();
        final int ch = out.chromaHeight();
        state.convert(pixelFormat(format), width, height, new byte[][] { pixels }, new int[] { stride },
                      new int[] { height }, AV_PIX_FMT_YUV420P, width, height, i420Planes(out),
                      new int[] { width, cw, cw }, new int[] { height, ch, ch });
        Reference.reachabilityFence(this);
        return out;
    }

    @Override
    public byte[] toRgb(VideoFrame frame, RgbFormat format) {
        checkOpen();
        requireNonNull(format, "format");
        final int w = frame.width();
        final int h = frame.height();
        final int stride = w * format.bytesPerPixel();
        final byte[] rgb = new byte[stride * h];
        state.convert(AV_PIX_FMT_YUV420P, w, h, i420Planes(frame), i420Strides(frame),
                      new int[] { h, frame.chromaHeight(), frame.chromaHeight() }, pixelFormat(format), w, h,
                      new byte[][] { rgb }, new int[] { stride }, new int[] { h });
        Reference.reachabilityFence(this);
        return rgb;
    }

    @Override
    public VideoFrame scale(VideoFrame frame, int width, int height) {
        checkOpen();
        requireNonNull(frame, "frame");
        checkSize(width, height);
        final VideoFrame out = VideoFrame.allocate(width, height, frame.timestampMicros());
        final int ch = frame.chromaHeight();
        state.convert(AV_PIX_FMT_YUV420P, frame.width(), frame.height(), i420Planes(frame), i420Strides(frame),
                      new int[] { frame.height(), ch, ch }, AV_PIX_FMT_YUV420P, width, height, i420Planes(out),
                      i420Strides(out), new int[] { height, out.chromaHeight(), out.chromaHeight() });
        Reference.reachabilityFence(this);
        return out;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the converter is closed");
        }
    }

    private static byte[][] i420Planes(VideoFrame frame) {
        return new byte[][] { frame.dataY(), frame.dataU(), frame.dataV() };
    }

    private static int[] i420Strides(VideoFrame frame) {
        return new int[] { frame.strideY(), frame.strideU(), frame.strideV() };
    }

    private static int pixelFormat(RgbFormat format) {
        switch (format) {
            case RGB24:
                return AV_PIX_FMT_RGB24;
            case BGR24:
                return AV_PIX_FMT_BGR24;
            case RGBA:
                return AV_PIX_FMT_RGBA;
            default:
                return AV_PIX_FMT_BGRA;
        }
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || width > VideoFrame.MAX_DIMENSION || height < 1 || height > VideoFrame.MAX_DIMENSION) {
            throw new IllegalArgumentException("size: " + width + 'x' + height + " (expected: 1.."
                                               + VideoFrame.MAX_DIMENSION + " each way)");
        }
    }

    private static void checkPlane(String name, byte[] plane, int stride, int rowBytes, int rows) {
        if (stride < rowBytes) {
            throw new IllegalArgumentException(name + " stride: " + stride + " (expected: >= " + rowBytes + ')');
        }
        final long needed = (long) stride * (rows - 1) + rowBytes;
        if (plane.length < needed) {
            throw new IllegalArgumentException(name + ": " + plane.length + " bytes (expected: >= " + needed + ')');
        }
    }

    /**
     * The scaler context and native planes. {@link #run()} frees them exactly once, from {@code close()}
     * or, for a converter dropped unclosed, from the cleaner.
     */
    private static final class State implements Runnable {
        // swscale's SIMD code may read and write a little past a row's end; every native plane gets
        // this much room after it.
        private static final int SLACK = 64;

        private SwsContext context;
        private final BytePointer[] source = new BytePointer[3];
        private final BytePointer[] destination = new BytePointer[3];
        private final PointerPointer<BytePointer> sourcePointers = new PointerPointer<>(4);
        private final PointerPointer<BytePointer> destinationPointers = new PointerPointer<>(4);
        private final IntPointer sourceStrides = new IntPointer(4);
        private final IntPointer destinationStrides = new IntPointer(4);
        private boolean freed;

        synchronized void convert(int srcFormat, int srcWidth, int srcHeight, byte[][] src, int[] srcStride,
                                  int[] srcRows, int dstFormat, int dstWidth, int dstHeight, byte[][] dst,
                                  int[] dstStride, int[] dstRows) {
            context = sws_getCachedContext(context, srcWidth, srcHeight, srcFormat, dstWidth, dstHeight, dstFormat,
                                           FLAGS, null, null, (DoublePointer) null);
            if (context == null || context.isNull()) {
                context = null;
                throw new IllegalStateException("swscale cannot convert " + srcWidth + 'x' + srcHeight + " format "
                                                + srcFormat + " to " + dstWidth + 'x' + dstHeight + " format "
                                                + dstFormat);
            }
            // Planes a format does not have are null, strides 0.
            sourcePointers.position(0).fill(0);
            destinationPointers.position(0).fill(0);
            sourceStrides.position(0).fill(0);
            destinationStrides.position(0).fill(0);
            for (int i = 0; i < src.length; i++) {
                final long size = (long) srcStride[i] * srcRows[i];
                source[i] = ensure(source[i], size);
                source[i].position(0).put(src[i], 0, (int) Math.min(size, src[i].length));
                sourcePointers.put(i, source[i]);
                sourceStrides.put(i, srcStride[i]);
            }
            for (int i = 0; i < dst.length; i++) {
                destination[i] = ensure(destination[i], (long) dstStride[i] * dstRows[i]);
                destinationPointers.put(i, destination[i]);
                destinationStrides.put(i, dstStride[i]);
            }
            final int rows = sws_scale(context, sourcePointers, sourceStrides, 0, srcHeight, destinationPointers,
                                       destinationStrides);
            if (rows <= 0) {
                throw new IllegalStateException("swscale failed: " + Libav.describe(rows));
            }
            for (int i = 0; i < dst.length; i++) {
                final int length = (int) Math.min((long) dstStride[i] * dstRows[i], dst[i].length);
                destination[i].position(0).get(dst[i], 0, length);
            }
        }

        private static BytePointer ensure(BytePointer plane, long size) {
            if (plane != null && plane.capacity() >= size + SLACK) {
                return plane;
            }
            if (plane != null) {
                plane.deallocate();
            }
            return new BytePointer(size + SLACK);
        }

        @Override
        public synchronized void run() {
            if (freed) {
                return;
            }
            freed = true;
            if (context != null) {
                sws_freeContext(context);
                context = null;
            }
            for (int i = 0; i < 3; i++) {
                if (source[i] != null) {
                    source[i].deallocate();
                    source[i] = null;
                }
                if (destination[i] != null) {
                    destination[i].deallocate();
                    destination[i] = null;
                }
            }
            sourcePointers.deallocate();
            destinationPointers.deallocate();
            sourceStrides.deallocate();
            destinationStrides.deallocate();
        }
    }
}
