package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;
import java.util.Arrays;

/**
 * Removes the colour of video. I420 and NV12 keep their luma and get neutral chroma (128);
 * RGB24 pixels become their BT.601 luma {@code (77 R + 150 G + 29 B) / 256} in all three
 * channels. Other data passes unchanged.
 */
final class GrayscaleNode implements TransformNode {
    static final GrayscaleNode INSTANCE = new GrayscaleNode();

    private GrayscaleNode() {}

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof VideoData)) {
            out.emit(data);
            return;
        }
        final VideoData frame = (VideoData) data;
        out.emit(VideoPlanes.sameShape(frame, gray(frame)));
    }

    private static byte[] gray(VideoData frame) {
        switch (frame.format()) {
            case I420:
            case NV12: {
                // Only the luma is read; the chroma of the new array is written, never copied.
                final byte[] px = new byte[frame.pixels().remaining()];
                final int luma = frame.width() * frame.height();
                frame.pixels().get(px, 0, luma);
                Arrays.fill(px, luma, px.length, (byte) 128);
                return px;
            }
            case RGB24: {
                final byte[] px = VideoPlanes.copyOf(frame);
                for (int i = 0; i < px.length; i += 3) {
                    final int y = (77 * (px[i] & 0xff) + 150 * (px[i + 1] & 0xff) + 29 * (px[i + 2] & 0xff) + 128)
                                  >> 8;
                    px[i] = (byte) y;
                    px[i + 1] = (byte) y;
                    px[i + 2] = (byte) y;
                }
                return px;
            }
            default:
                throw VideoPlanes.unsupported(frame.format());
        }
    }
}
