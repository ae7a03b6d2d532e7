package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.node.TransformNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints the median time each video node takes per 640×360 I420 frame, called directly (no
 * session). Not a test; run by hand from the repository root:
 * <pre>
 * ./mvnw -B -o -q -pl pipeline test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/pipeline-cp.txt -Dmdep.includeScope=test
 * java -cp pipeline/target/test-classes:pipeline/target/classes:$(cat /tmp/pipeline-cp.txt) \
 *     dev.remotemedia.pipeline.nodes.VideoNodesTiming
 * </pre>
 */
public final class VideoNodesTiming {
    private static final int WARMUP = 300;
    private static final int FRAMES = 300;

    private VideoNodesTiming() {}

    public static void main(String[] args) {
        final VideoData frame = Pictures.gradient(PixelFormat.I420, 640, 360);
        final Map<String, TransformNode> nodes = new LinkedHashMap<>();
        nodes.put("Grayscale", GrayscaleNode.INSTANCE);
        nodes.put("Invert", InvertNode.INSTANCE);
        nodes.put("Blur radius 2", new BlurNode(2, 1));
        nodes.put("Blur radius 8", new BlurNode(8, 1));
        nodes.put("Blur radius 4", new BlurNode(4, 1));
        nodes.put("Blur radius 4 passes 3", new BlurNode(4, 3));
        nodes.put("Scale to 320x180", new ScaleNode(320, 180));
        nodes.put("Scale to 1280x720", new ScaleNode(1280, 720));
        nodes.put("Overlay timestamp scale 2", new OverlayNode("", 8, 8, 2));
        for (Map.Entry<String, TransformNode> e : nodes.entrySet()) {
            final long[] nanos = new long[FRAMES];
            for (int i = 0; i < WARMUP; i++) {
                Pictures.one(e.getValue(), frame);
            }
            for (int i = 0; i < FRAMES; i++) {
                final long t0 = System.nanoTime();
                Pictures.one(e.getValue(), frame);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("%-28s median %.3f ms, p90 %.3f ms%n", e.getKey(), nanos[FRAMES / 2] / 1e6,
                              nanos[FRAMES * 9 / 10] / 1e6);
        }
    }
}
