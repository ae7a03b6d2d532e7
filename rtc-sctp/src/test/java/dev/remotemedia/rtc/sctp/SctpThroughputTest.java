package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of the data path's speed in memory: 64 MiB of 64 KiB messages, reliable and ordered,
 * over a loss-free link without delay. It asserts only that everything arrives intact; the MB/s
 * figure in the output catches pathological slowness (benchmarks are the {@code benchmarks}
 * module's job).
 */
class SctpThroughputTest {

    private static final int MESSAGE_SIZE = 64 * 1024;
    private static final int MESSAGES = 1024;

    @Test
    void sixtyFourMebibytesGoThroughALossFreeLink() {
        final SctpPair pair = new SctpPair(1);
        pair.log.disable();
        pair.connectBoth();
        final byte[][] payloads = new byte[4][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = TestMessages.payload(0, i, MESSAGE_SIZE);
        }
        final int[] sent = {0};
        final long[] receivedBytes = {0};
        final int[] received = {0};
        pair.z.listener = event -> {
            if (event instanceof SctpEvent.MessageReceived message) {
                // Check every message, then forget it: 64 MiB need not stay on the heap.
                if (!Arrays.equals(message.payload(), payloads[received[0] % payloads.length])) {
                    throw new AssertionError("message " + received[0] + " corrupted");
                }
                received[0]++;
                receivedBytes[0] += message.payload().length;
            }
        };
        pair.beforeStep = () -> {
            while (sent[0] < MESSAGES && pair.a.sctp.bufferedAmount(0) < 4 * MESSAGE_SIZE) {
                final SendStatus status = pair.a.sctp.send(
                        new SctpMessage(0, 53, payloads[sent[0] % payloads.length]), SendOptions.DEFAULT);
                if (status != SendStatus.OK) {
                    throw new AssertionError("send " + sent[0] + ": " + status + ", " + pair.diagnostics());
                }
                sent[0]++;
            }
        };

        final long start = System.nanoTime();
        pair.runUntil(() -> received[0] == MESSAGES, 3_600_000_000_000L);
        final long elapsed = System.nanoTime() - start;
        pair.z.messages.clear();

        final double megabytes = receivedBytes[0] / 1e6;
        System.out.printf("SCTP in-memory throughput: %.1f MB in %.2f s = %.1f MB/s (%d packets A→Z, %d Z→A, "
                          + "%.1f ms of fake time)%n", megabytes, elapsed / 1e9, megabytes / (elapsed / 1e9),
                          pair.link.from(dev.remotemedia.testing.InMemoryDatagramLink.Side.A).stats().sent(),
                          pair.link.from(dev.remotemedia.testing.InMemoryDatagramLink.Side.Z).stats().sent(),
                          (pair.clock.nowNanos() - dev.remotemedia.testing.FakeTimeSource.DEFAULT_START_NANOS) / 1e6);
        assertThat(receivedBytes[0]).isEqualTo((long) MESSAGES * MESSAGE_SIZE);
    }
}
