package dev.remotemedia.pipeline.nodes;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.pipeline.nodes.VideoPlanes.Channel;

/**
 * Draws {@code text}, or the frame's timestamp as {@code h:mm:ss.mmm} when {@code text} is empty,
 * into video with {@link BitmapFont}: light glyphs on a dark box whose top-left corner is at
 * ({@code x}, {@code y}), every font pixel a {@code scale} × {@code scale} square. Each character
 * takes a cell of 6 × 9 units (the 5 × 7 glyph, a unit of space after it and a unit above and
 * below) and the box has one more unit on its left, so it is {@code (6 n + 1) scale} wide and
 * {@code 9 scale} high; what falls outside the picture is cut off.
 *
 * <p>Only luma changes: the Y plane of I420 and NV12 (glyphs at 235, the box at 16, the limits of
 * video range), all three channels of RGB24 (255 and 0). Other data passes unchanged.
 */
final class OverlayNode implements TransformNode {
    static final int CELL_WIDTH = BitmapFont.GLYPH_WIDTH + 1;
    static final int CELL_HEIGHT = BitmapFont.GLYPH_HEIGHT + 2;

    private final String text;
    private final int x;
    private final int y;
    private final int scale;

    OverlayNode(String text, int x, int y, int scale) {
        this.text = requireNonNull(text, "text");
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException((x < 0 ? "x: " + x : "y: " + y) + " (expected: >= 0)");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale: " + scale + " (expected: >= 1)");
        }
        this.x = x;
        this.y = y;
        this.scale = scale;
    }

    /** {@code timestampUs} as {@code h:mm:ss.mmm}, with a leading {@code -} before the stream's origin. */
    static String timestamp(long timestampUs) {
        final long ms = Math.abs(timestampUs / 1000);
        final long s = ms / 1000;
        return (timestampUs < 0 ? "-" : "") + s / 3600 + ':' + twoDigits(s / 60 % 60) + ':' + twoDigits(s % 60)
               + '.' + (ms % 1000 < 100 ? ms % 1000 < 10 ? "00" : "0" : "") + ms % 1000;
    }

    private static String twoDigits(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof VideoData)) {
            out.emit(data);
            return;
        }
        final VideoData frame = (VideoData) data;
        final Channel[] channels = VideoPlanes.channels(frame.format(), frame.width(), frame.height());
        final String shown = text.isEmpty() ? timestamp(frame.timestampUs()) : text;
        final byte[] px = VideoPlanes.copyOf(frame);
        if (frame.format() == PixelFormat.RGB24) {
            for (Channel c : channels) {
                draw(px, c, shown, (byte) 255, (byte) 0);
            }
        } else {
            draw(px, channels[0], shown, (byte) 235, (byte) 16);
        }
        out.emit(VideoPlanes.sameShape(frame, px));
    }

    private void draw(byte[] px, Channel c, String s, byte ink, byte box) {
        final long boxWidth = ((long) CELL_WIDTH * s.length() + 1) * scale;
        final int right = (int) Math.min(c.width(), x + boxWidth);
        final int bottom = (int) Math.min(c.height(), (long) y + (long) CELL_HEIGHT * scale);
        for (int py = y; py < bottom; py++) {
            final int row = (py - y) / scale - 1;
            final boolean glyphRow = row >= 0 && row < BitmapFont.GLYPH_HEIGHT;
            for (int pxX = x; pxX < right; pxX++) {
                final int unit = (pxX - x) / scale - 1;
                final int col = unit % CELL_WIDTH;
                final boolean on = glyphRow && unit >= 0 && col < BitmapFont.GLYPH_WIDTH
                                   && BitmapFont.ink(s.charAt(unit / CELL_WIDTH), col, row);
                px[c.index(pxX, py)] = on ? ink : box;
            }
        }
    }
}
