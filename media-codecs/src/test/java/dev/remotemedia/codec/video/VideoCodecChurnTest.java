package dev.remotemedia.codec.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Native contexts are freed on close: opening and closing a thousand encoders and decoders, of every
 * codec, leaves the process's resident memory where it was.
 */
class VideoCodecChurnTest {
    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;

    @Test
    void openingAndClosingAThousandEncodersAndDecodersDoesNotGrowResidentMemory() throws IOException {
        final VideoFrame frame = NumberedPattern.frame(3, WIDTH, HEIGHT, 0);
        churn(100, frame); // warm up: JIT, the libraries' one-time tables, malloc arenas
        final long before = residentKib();
        final long start = System.nanoTime();
        churn(1000, frame);
        final long after = residentKib();
        System.out.printf("video churn: VmRSS %d KiB before, %d KiB after 1,000 encoders+decoders (%+d KiB) "
                          + "in %d ms%n", before, after, after - before, (System.nanoTime() - start) / 1_000_000);
        // A leaked encoder or decoder costs from about 100 KiB (a VP8 decoder at this size) to several MiB
        // (an SVT-AV1 encoder): a leak of even the smallest would be ~100 MiB here. Allow 32 MiB for the
        // heap and allocator noise.
        assertThat(after - before).isLessThan(32 * 1024);
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

    private static long residentKib() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
