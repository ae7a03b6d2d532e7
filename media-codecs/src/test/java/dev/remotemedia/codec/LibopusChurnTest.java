package dev.remotemedia.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.testing.ToneGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Native contexts are freed on close: opening and closing many leaves resident memory where it was. */
class LibopusChurnTest {

    @Test
    void openingAndClosingAThousandLibopusEncodersAndDecodersDoesNotGrowResidentMemory() throws IOException {
        final short[] pcm = ToneGenerator.sine(440, 48_000, 2, 0.5, 960);
        final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        final short[] out = new short[960 * 2];
        churn(100, pcm, packet, out); // warm up: JIT, libavcodec's one-time tables, malloc arenas
        final long before = residentKib();
        churn(1000, pcm, packet, out);
        final long after = residentKib();
        System.out.printf("libopus churn: VmRSS %d KiB before, %d KiB after 1,000 encoders+decoders (%+d KiB)%n",
                          before, after, after - before);
        // A leak of one encoder and decoder state each (about 60 KiB together in libopus) would be
        // 60 MB here; allow 24 MiB for the heap and allocator noise.
        assertThat(after - before).isLessThan(24 * 1024);
    }

    private static void churn(int times, short[] pcm, byte[] packet, short[] out) {
        final OpusConfig config = OpusConfig.builder().channels(2).inbandFec(true).expectedPacketLossPercent(5).build();
        for (int i = 0; i < times; i++) {
            try (OpusEncoder encoder = OpusCodecs.encoder(config, OpusImplementation.LIBOPUS);
                 OpusDecoder decoder = OpusCodecs.decoder(2, OpusImplementation.LIBOPUS)) {
                final int length = encoder.encode(pcm, 0, packet, 0, packet.length);
                decoder.decode(packet, 0, length, out, 0);
                decoder.conceal(out, 0, 960);
                encoder.setBitrate(48_000); // reopens the native encoder before the next frame
                encoder.encode(pcm, 0, packet, 0, packet.length);
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
