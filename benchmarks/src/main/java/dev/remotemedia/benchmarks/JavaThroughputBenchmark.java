package dev.remotemedia.benchmarks;

import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.server.ServerLogging;
import dev.remotemedia.transport.LogLevel;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Java↔Java data channel throughput over UDP on 127.0.0.1: a reliable ordered channel, 64 KiB
 * binary messages, {@code --total-mib} (64) per run after an 8 MiB warm-up transfer, sent as the
 * Chromium loopback page sends them: while {@code bufferedAmount} is under 4 MiB, then waiting for
 * {@code bufferedamountlow} at 1 MiB. A run lasts from its first send to the last byte received.
 * The receiver checks each message's size and its sequence number (its first 8 bytes), so a lost,
 * duplicated or reordered message fails the run.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Pjava-throughput}
 */
public final class JavaThroughputBenchmark {
    private static final int MESSAGE_BYTES = 65_536;
    private static final long HIGH_WATER_BYTES = 4 << 20;
    private static final long LOW_WATER_BYTES = 1 << 20;

    private JavaThroughputBenchmark() {}

    public static void main(String[] args) throws InterruptedException {
        ServerLogging.apply(LogLevel.WARN);
        final int runs = Args.intArg(args, "--runs", 7);
        final int totalMib = Args.intArg(args, "--total-mib", 64);
        try (PeerConnectionFactory offering = JavaPeers.factory(1);
             PeerConnectionFactory answering = JavaPeers.factory(1);
             JavaPeers.Pair pair = JavaPeers.connect(offering, answering, "bulk")) {
            JavaPeers.await(pair.open, "setup");
            final Receiver receiver = new Receiver(JavaPeers.await(pair.remoteChannel, "remote channel"));
            final RTCDataChannel channel = pair.channel;
            channel.setBufferedAmountLowThreshold(LOW_WATER_BYTES);
            final Object low = new Object();
            channel.onBufferedAmountLow(() -> {
                synchronized (low) {
                    low.notifyAll();
                }
            });

            send(channel, receiver, low, 8L << 20);
            final double[] megabytesPerSecond = new double[runs];
            final long cpuBefore = processCpuNanos();
            for (int i = 0; i < runs; i++) {
                megabytesPerSecond[i] = send(channel, receiver, low, (long) totalMib << 20);
            }
            final double gigabytes = runs * (double) (totalMib << 20) / 1e9;
            final double cpuSecondsPerGigabyte = (processCpuNanos() - cpuBefore) / 1e9 / gigabytes;
            final Percentiles p = Percentiles.of(megabytesPerSecond);
            System.out.println("Java↔Java on " + MachineInfo.describe());
            System.out.printf("| Java↔Java throughput, reliable ordered, 64 KiB messages "
                              + "(loopback, %d MiB × %d runs) | median %.1f MB/s | min %.1f MB/s | max %.1f MB/s |%n",
                              totalMib, p.count(), p.median(), p.min(), p.max());
            System.out.printf("| CPU time, all threads of the process (both peers, GC, JIT) | %.1f s per GB | ceiling "
                              + "on %d cores: %.0f MB/s |%n", cpuSecondsPerGigabyte,
                              Runtime.getRuntime().availableProcessors(),
                              1000 * Runtime.getRuntime().availableProcessors() / cpuSecondsPerGigabyte);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Sends {@code totalBytes} with 1–4 MiB buffered; MB/s (10^6 bytes) until all were received. */
    private static double send(RTCDataChannel channel, Receiver receiver, Object low, long totalBytes)
            throws InterruptedException {
        final long messages = totalBytes / MESSAGE_BYTES;
        final CompletableFuture<Void> done = receiver.expect(messages);
        final byte[] payload = new byte[MESSAGE_BYTES];
        final ByteBuffer header = ByteBuffer.wrap(payload);
        final long start = System.nanoTime();
        long next = receiver.receivedCount(); // the previous transfer has been received in full
        final long end = next + messages;
        while (next < end) {
            while (next < end && channel.bufferedAmount() < HIGH_WATER_BYTES) {
                header.putLong(0, next++);
                channel.send(payload); // copies the array
            }
            synchronized (low) {
                if (next < end && channel.bufferedAmount() >= HIGH_WATER_BYTES) {
                    low.wait(100); // woken by bufferedamountlow; the bound only guards a lost wake-up
                }
            }
        }
        JavaPeers.await(done, "transfer of " + totalBytes + " bytes");
        return totalBytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    /** Counts messages on the answerer's channel, checking their size and order. */
    private static final class Receiver {
        private final AtomicLong received = new AtomicLong();
        private final AtomicReference<CompletableFuture<Void>> waiter = new AtomicReference<>();
        private volatile long target;

        Receiver(RTCDataChannel channel) {
            channel.onMessage(message -> {
                final byte[] data = message.data();
                final long expected = received.get();
                final CompletableFuture<Void> w = waiter.get();
                if (!message.binary() || data.length != MESSAGE_BYTES
                    || ByteBuffer.wrap(data).getLong(0) != expected) {
                    if (w != null) {
                        w.completeExceptionally(new IllegalStateException(
                                "message " + expected + ": got " + data.length + " bytes with sequence number "
                                + (data.length >= 8 ? ByteBuffer.wrap(data).getLong(0) : -1)));
                    }
                    return;
                }
                if (received.incrementAndGet() == target && w != null) {
                    w.complete(null);
                }
            });
        }

        long receivedCount() {
            return received.get();
        }

        CompletableFuture<Void> expect(long messages) {
            final CompletableFuture<Void> done = new CompletableFuture<>();
            target = received.get() + messages;
            waiter.set(done);
            return done;
        }
    }
}
