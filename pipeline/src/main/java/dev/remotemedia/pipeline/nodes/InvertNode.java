package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;

/**
 * Turns video into its negative: every sample {@code v} of every channel becomes {@code 255 - v}
 * (for I420 and NV12 that inverts the luma and mirrors the chroma around 128, giving the
 * complementary hue). Applying it twice gives the original back. Other data passes unchanged.
 */
final class InvertNode implements TransformNode {
    static final InvertNode INSTANCE = new InvertNode();

    private InvertNode() {}

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof VideoData)) {
            out.emit(data);
            return;
        }
        final VideoData frame = (VideoData) data;
        VideoPlanes.channels(frame.format(), frame.width(), frame.height()); // rejects an unknown format
        final byte[] px = VideoPlanes.copyOf(frame);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ~px[i];
        }
        out.emit(VideoPlanes.sameShape(frame, px));
    }
}
