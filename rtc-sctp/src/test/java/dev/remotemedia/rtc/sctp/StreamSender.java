package dev.remotemedia.rtc.sctp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Feeds messages to one side of an {@link SctpPair}, round robin over its streams, keeping at most
 * {@code maxBufferedBytes} queued so memory stays small; remembers every size so the receiver can
 * regenerate the expected content by position.
 */
final class StreamSender {

    private final SctpPair.Peer peer;
    private final int[] streams;
    private final int messagesPerStream;
    private final SendOptions options;
    private final Random random;
    private final long maxBufferedBytes;
    final List<List<Integer>> sizes = new ArrayList<>();
    private int next;
    private int minSize = 1;

    StreamSender(SctpPair.Peer peer, int[] streams, int messagesPerStream, SendOptions options, long seed) {
        this.peer = peer;
        this.streams = streams;
        this.messagesPerStream = messagesPerStream;
        this.options = options;
        random = new Random(seed);
        maxBufferedBytes = 1 << 20;
        for (int ignored : streams) {
            sizes.add(new ArrayList<>());
        }
    }

    /** Makes every message at least 8 bytes, so it carries its own index. */
    StreamSender withIndexedMessages() {
        minSize = 8;
        return this;
    }

    int total() {
        return streams.length * messagesPerStream;
    }

    boolean isDone() {
        return next == total();
    }

    /** Sends until the queue holds {@code maxBufferedBytes} or everything is sent. */
    void feed() {
        while (next < total() && buffered() < maxBufferedBytes) {
            final int s = next % streams.length;
            final int index = next / streams.length;
            final int size = Math.max(minSize, TestMessages.randomSize(random));
            final SendStatus status = peer.sctp.send(
                    new SctpMessage(streams[s], 53, TestMessages.payload(streams[s], index, size)), options);
            if (status == SendStatus.QUEUE_FULL) {
                return;
            }
            if (status != SendStatus.OK) {
                throw new AssertionError("send returned " + status);
            }
            sizes.get(s).add(size);
            next++;
        }
    }

    private long buffered() {
        long total = 0;
        for (int stream : streams) {
            total += peer.sctp.bufferedAmount(stream);
        }
        return total;
    }

    int streamIndex(int streamId) {
        for (int i = 0; i < streams.length; i++) {
            if (streams[i] == streamId) {
                return i;
            }
        }
        throw new AssertionError("unexpected stream " + streamId);
    }
}
