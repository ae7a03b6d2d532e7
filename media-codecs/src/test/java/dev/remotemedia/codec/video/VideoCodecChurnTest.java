package dev.remotemedia.codec.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Native contexts are freed on close: opening and closing a thousand encoders and decoders, 250 of each
 * codec, leaves the process's resident memory where it was.
 */
class VideoCodecChurnTest {
    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;

    @Test
    void openingAndClosingAThousandEncodersAndDecodersDoesNotGrowResidentMemory() throws IOException {
        final VideoFrame frame = NumberedPattern.frame(3, WIDTH, HEIGHT, 0);
        churn(200, frame); // warm up: JIT, the libraries' one-time tables, malloc arenas
        final long before = residentKib();
        final long heapBefore = heapCommittedKib();
        final long start = System.nanoTime();
        churn(1000, frame);
        final long after = residentKib();
        final long heapAfter = heapCommittedKib();
        // What the Java heap gives back or takes after a full GC moves VmRSS by tens of MiB either way
        // (earlier tests in this JVM leave it large); native memory is VmRSS less the committed heap.
        final long nativeGrowth = (after - heapAfter) - (before - heapBefore);
        System.out.printf("video churn: VmRSS %d KiB before, %d KiB after 1,000 encoders+decoders (%+d KiB); "
                          + "committed heap %d -> %d KiB; outside the heap %+d KiB; %d ms%n", before, after,
                          after - before, heapBefore, heapAfter, nativeGrowth,
                          (System.nanoTime() - start) / 1_000_000);
        // A context is megabytes: checked once by leaving H.264 encoder contexts unfreed, VmRSS grew by
        // 2.7 GiB over 500 of them. Allow 32 MiB for the heap and allocator noise (seen: -22 to +6 MiB).
        assertThat(after - before).isLessThan(32 * 1024);
        assertThat(nativeGrowth).isLessThan(32 * 1024);
    }

    private static void churn(int times, VideoFrame frame) {
        final VideoCodecType[] codecs = VideoCodecType.values();
        for (int i = 0; i < times; i++) {
            final VideoCodecType codec = codecs[i % codecs.length];
            final VideoEncoderSettings settings =
                    VideoEncoderSettings.builder(codec).size(WIDTH, HEIGHT).bitrate(200_000).build();
            try (VideoEncoder encoder = VideoCodecs.encoder(settings);
                 VideoDecoder decoder = VideoCodecs.decoder(codec)) {
                final EncodedVideoFrame encoded = encoder.encode(frame, false).get(0);
                assertThat(NumberedPattern.read(decoder.decode(encoded.data(), 0).get(0))).isEqualTo(3);
                if (i % 10 == 0) {
                    // A second context (the change of size reopens the encoder) and the scaler.
                    encoder.setResolution(WIDTH / 2, HEIGHT / 2);
                    decoder.decode(encoder.encode(frame, false).get(0).data(), 1);
                }
            }
            if (i % 10 == 5) {
                try (VideoFrameConverter converter = VideoCodecs.converter()) {
                    converter.toRgb(converter.scale(frame, WIDTH * 2, HEIGHT * 2), RgbFormat.RGBA);
                }
            }
        }
    }

    private static long heapCommittedKib() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
    }

    private static long residentKib() throws IOException {
        // Twice: what a collection finds unreachable is freed afterwards, on the cleaners' threads.
        // Then malloc_trim, so that a leak cannot hide in memory that earlier tests freed and the
        // churn reuses.
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            org.bytedeco.javacpp.Pointer.trimMemory();
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
