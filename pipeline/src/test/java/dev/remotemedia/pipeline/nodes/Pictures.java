package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.pipeline.nodes.VideoPlanes.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test pictures for the video nodes, drawn channel by channel, and ways to read them back. */
final class Pictures {
    static final long TIMESTAMP_US = 1_234_567;
    static final long FRAME_NUMBER = 42;
    static final Map<String, String> METADATA = Map.of("track", "camera");

    private Pictures() {}

    /** What channel {@code channel} (0 = Y or R, 1 = U or G, 2 = V or B) holds at {@code (x, y)}. */
    @FunctionalInterface
    interface Painter {
        int value(int channel, int x, int y);
    }

    /** A keyframe with {@link #TIMESTAMP_US}, {@link #FRAME_NUMBER} and {@link #METADATA}. */
    static VideoData draw(PixelFormat format, int width, int height, Painter painter) {
        final byte[] px = new byte[Math.toIntExact(format.frameSize(width, height))];
        final Channel[] channels = VideoPlanes.channels(format, width, height);
        for (int c = 0; c < channels.length; c++) {
            final Channel ch = channels[c];
            for (int y = 0; y < ch.height(); y++) {
                for (int x = 0; x < ch.width(); x++) {
                    px[ch.index(x, y)] = (byte) painter.value(c, x, y);
                }
            }
        }
        return VideoData.wrap(px, width, height, format, TIMESTAMP_US, true, FRAME_NUMBER).withMetadata(METADATA);
    }

    /** The same value everywhere in each channel. */
    static VideoData constant(PixelFormat format, int width, int height, int c0, int c1, int c2) {
        final int[] v = {c0, c1, c2};
        return draw(format, width, height, (c, x, y) -> v[c]);
    }

    /** Every channel a different diagonal gradient, so no two neighbouring samples are alike. */
    static VideoData gradient(PixelFormat format, int width, int height) {
        return draw(format, width, height, (c, x, y) -> (x * (3 + c) + y * (5 + 2 * c) + 40 * c) & 0xff);
    }

    static int sample(VideoData frame, int channel, int x, int y) {
        final Channel ch = VideoPlanes.channels(frame.format(), frame.width(), frame.height())[channel];
        return frame.pixels().get(ch.index(x, y)) & 0xff;
    }

    static Channel channel(int width, int height, PixelFormat format, int channel) {
        return VideoPlanes.channels(format, width, height)[channel];
    }

    static Channel channel(VideoData frame, int channel) {
        return VideoPlanes.channels(frame.format(), frame.width(), frame.height())[channel];
    }

    /** Runs one item through {@code node} directly, as the session's executor would. */
    static List<RuntimeData> run(TransformNode node, RuntimeData in) {
        final List<RuntimeData> out = new ArrayList<>();
        try {
            node.process(in, out::add);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The single video frame {@code node} makes of {@code in}. */
    static VideoData one(TransformNode node, VideoData in) {
        final List<RuntimeData> out = run(node, in);
        if (out.size() != 1) {
            throw new AssertionError("expected one frame, got " + out);
        }
        return (VideoData) out.get(0);
    }
}
