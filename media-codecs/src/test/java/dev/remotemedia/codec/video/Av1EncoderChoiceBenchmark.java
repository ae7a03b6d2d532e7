package dev.remotemedia.codec.video;

import com.sun.management.OperatingSystemMXBean;
import dev.remotemedia.codec.internal.LibavVideoEncoder;
import java.lang.management.ManagementFactory;

/**
 * The measurement behind AV1's encoder, SVT-AV1 rather than libaom (see {@link LibavVideoEncoder}):
 * CPU and wall time a frame at 640×360, 30 fps, 500 kb/s, on the numbered pattern. A harness with a
 * main (not part of the test run); run it with
 *
 * <pre>
 * ./mvnw -B -o -q -pl media-codecs test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/codecs-cp.txt -Dmdep.includeScope=test
 * SVT_LOG=1 java -cp media-codecs/target/test-classes:media-codecs/target/classes:$(cat /tmp/codecs-cp.txt) \
 *     dev.remotemedia.codec.video.Av1EncoderChoiceBenchmark
 * </pre>
 */
public final class Av1EncoderChoiceBenchmark {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int FRAMES = 150;

    private Av1EncoderChoiceBenchmark() {}

    public static void main(String[] args) {
        final VideoFrame[] frames = new VideoFrame[FRAMES];
        for (int n = 0; n < FRAMES; n++) {
            frames[n] = NumberedPattern.frame(n, WIDTH, HEIGHT, n * 33_333L);
        }
        final VideoEncoderSettings settings = VideoEncoderSettings.builder(VideoCodecType.AV1)
                                                                  .size(WIDTH, HEIGHT).bitrate(500_000).build();
        final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (String library : new String[] { "libsvtav1", "libaom-av1" }) {
                long bytes = 0;
                final long cpu0 = os.getProcessCpuTime();
                final long wall0 = System.nanoTime();
                try (VideoEncoder encoder = new LibavVideoEncoder(settings, library)) {
                    for (int n = 0; n < FRAMES; n++) {
                        for (EncodedVideoFrame packet : encoder.encode(frames[n], n == 60)) {
                            if (packet.isKeyframe() != (n == 0 || n == 60)) {
                                throw new AssertionError(library + ": frame " + n + " keyframe " + packet.isKeyframe());
                            }
                            bytes += packet.data().length;
                        }
                    }
                }
                System.out.printf("round %d %s: %.2f ms CPU, %.2f ms wall a frame, %d kb/s%n", round, library,
                                  (os.getProcessCpuTime() - cpu0) / 1e6 / FRAMES,
                                  (System.nanoTime() - wall0) / 1e6 / FRAMES, bytes * 8 * 30 / FRAMES / 1000);
            }
        }
    }
}
