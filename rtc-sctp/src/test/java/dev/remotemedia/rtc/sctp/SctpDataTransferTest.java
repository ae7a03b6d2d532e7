package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Messages over impaired links: loss, reordering (jitter), duplication; ordered and unordered;
 * reliable and partially reliable; across TSN and SSN wraparound. Every message is checked by
 * content.
 */
class SctpDataTransferTest {

    private static final long SECOND = 1_000_000_000L;
    /** On a link losing 30 % each way, ten unanswered retransmissions in a row do happen. */
    private static final SctpOptions LOSSY = SctpOptions.builder().maxRetransmissions(100).build();

    @ParameterizedTest(name = "loss {0}, seed {1}")
    @CsvSource({"0.0, 1", "0.05, 2", "0.1, 3", "0.2, 4", "0.3, 5", "0.3, 6"})
    void reliableOrderedStreamsDeliverEveryMessageOnceAndInOrder(double loss, long seed) {
        final SctpPair pair = impairedPair(seed, loss);
        final StreamSender fromA = new StreamSender(pair.a, new int[] {0, 1, 2}, 60, SendOptions.DEFAULT, seed);
        final StreamSender fromZ = new StreamSender(pair.z, new int[] {5}, 60, SendOptions.DEFAULT, seed + 100);
        pair.beforeStep = () -> {
            fromA.feed();
            fromZ.feed();
        };

        pair.runUntil(() -> fromA.isDone() && fromZ.isDone() && pair.z.messages.size() == fromA.total()
                            && pair.a.messages.size() == fromZ.total(), 3_600 * SECOND);
        pair.runFor(10 * SECOND);

        assertInOrderByPosition(fromA, pair.z.messages);
        assertInOrderByPosition(fromZ, pair.a.messages);
        if (loss > 0) {
            assertThat(pair.a.sctp.metrics().retransmittedDataChunks()).isPositive();
        }
        assertThat(pair.a.eventsOf(SctpEvent.Error.class)).isEmpty();
        assertThat(pair.z.eventsOf(SctpEvent.Error.class)).isEmpty();
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CONNECTED);
    }

    @ParameterizedTest(name = "loss {0}, seed {1}")
    @CsvSource({"0.0, 11", "0.1, 12", "0.3, 13"})
    void reliableUnorderedStreamsDeliverEveryMessageExactlyOnce(double loss, long seed) {
        final SctpPair pair = impairedPair(seed, loss);
        final StreamSender fromA = new StreamSender(pair.a, new int[] {0, 7}, 100, SendOptions.reliable(true), seed)
                .withIndexedMessages();
        pair.beforeStep = fromA::feed;

        pair.runUntil(() -> fromA.isDone() && pair.z.messages.size() >= fromA.total(), 3_600 * SECOND);
        pair.runFor(10 * SECOND);

        final Map<Integer, Set<Integer>> seen = new HashMap<>();
        for (SctpEvent.MessageReceived message : pair.z.messages) {
            final int index = TestMessages.check(message);
            assertThat(seen.computeIfAbsent(message.streamId(), s -> new HashSet<>()).add(index))
                    .as("message %d on stream %d delivered once", index, message.streamId()).isTrue();
        }
        assertThat(seen.get(0)).hasSize(100);
        assertThat(seen.get(7)).hasSize(100);
    }

    @ParameterizedTest(name = "{0}, loss {1}")
    @CsvSource({
            "ordered maxRetransmits 0, 0.2, false, 0, -1",
            "ordered maxRetransmits 1, 0.3, false, 1, -1",
            "unordered maxRetransmits 0, 0.2, true, 0, -1",
            "unordered maxRetransmits 1, 0.3, true, 1, -1",
            "ordered lifetime 150 ms, 0.2, false, -1, 150",
            "unordered lifetime 150 ms, 0.2, true, -1, 150",
    })
    void partiallyReliableStreamsMayDropButNeverDuplicateOrReorder(String name, double loss, boolean unordered,
                                                                 int maxRetransmits, long lifetimeMillis) {
        final SctpPair pair = impairedPair(name.hashCode(), loss);
        final SendOptions lossy = new SendOptions(unordered, maxRetransmits, lifetimeMillis);
        final StreamSender partial = new StreamSender(pair.a, new int[] {3}, 300, lossy, 21).withIndexedMessages();
        final StreamSender reliable = new StreamSender(pair.a, new int[] {4}, 40, SendOptions.DEFAULT, 22);
        pair.beforeStep = () -> {
            partial.feed();
            reliable.feed();
        };

        pair.runUntil(() -> partial.isDone() && reliable.isDone()
                            && pair.z.messages.stream().filter(m -> m.streamId() == 4).count() == 40,
                      3_600 * SECOND);
        pair.runFor(30 * SECOND);

        final List<Integer> delivered = new ArrayList<>();
        for (SctpEvent.MessageReceived message : pair.z.messages) {
            if (message.streamId() == 3) {
                delivered.add(TestMessages.check(message));
            }
        }
        assertThat(delivered).doesNotHaveDuplicates();
        if (!unordered) {
            assertThat(delivered).isSorted();
        }
        assertThat(delivered.size()).as("delivered of 300").isBetween(1, 300);
        if (maxRetransmits == 0) {
            assertThat(delivered.size()).as("some lost for good").isLessThan(300);
        }
        assertInOrderByPosition(reliable, pair.z.messages.stream().filter(m -> m.streamId() == 4).toList());
        // Both sides are still in sync: a final reliable message gets through.
        SctpConnectTest.assertMessagesFlowBothWays(pair);
    }

    @ParameterizedTest(name = "loss {0}")
    @CsvSource({"0.0", "0.2"})
    void tsnsWrapAroundFrom4294967295ToZero(double loss) {
        final SctpPair pair = new SctpPair(31, LOSSY, b -> b.initialTsn(0xFFFF_FFFFL - 40));
        impair(pair, loss);
        pair.connectBoth();
        final StreamSender fromA = new StreamSender(pair.a, new int[] {0, 1}, 100, SendOptions.DEFAULT, 31);
        final StreamSender fromZ = new StreamSender(pair.z, new int[] {2}, 100, SendOptions.reliable(false), 32);
        pair.beforeStep = () -> {
            fromA.feed();
            fromZ.feed();
        };

        pair.runUntil(() -> fromA.isDone() && fromZ.isDone() && pair.z.messages.size() == fromA.total()
                            && pair.a.messages.size() == fromZ.total(), 3_600 * SECOND);

        assertInOrderByPosition(fromA, pair.z.messages);
        assertInOrderByPosition(fromZ, pair.a.messages);
    }

    @Test
    void partialReliabilityWorksAcrossTheTsnWrap() {
        final SctpPair pair = new SctpPair(33, LOSSY, b -> b.initialTsn(0xFFFF_FFFFL - 10));
        impair(pair, 0.2);
        pair.connectBoth();
        final StreamSender partial = new StreamSender(pair.a, new int[] {1}, 200, new SendOptions(false, 0, -1), 33)
                .withIndexedMessages();
        pair.beforeStep = partial::feed;
        pair.runUntil(partial::isDone, 600 * SECOND);
        pair.runFor(30 * SECOND);

        final List<Integer> delivered = pair.z.messages.stream().map(TestMessages::check).toList();
        assertThat(delivered).doesNotHaveDuplicates().isSorted().isNotEmpty();
        SctpConnectTest.assertMessagesFlowBothWays(pair);
    }

    @Test
    void ssnsWrapAroundFrom65535ToZero() {
        final SctpPair pair = impairedPair(41, 0.02);
        final int count = 70_000;
        final int[] next = {0};
        pair.beforeStep = () -> {
            while (next[0] < count && pair.a.sctp.bufferedAmount(9) < 64 * 1024) {
                final byte[] payload = TestMessages.payload(9, next[0], 8 + next[0] % 5);
                assertThat(pair.a.sctp.send(new SctpMessage(9, 53, payload), SendOptions.DEFAULT))
                        .isEqualTo(SendStatus.OK);
                next[0]++;
            }
        };

        pair.runUntil(() -> pair.z.messages.size() == count, 36_000 * SECOND);

        for (int i = 0; i < count; i++) {
            assertThat(TestMessages.check(pair.z.messages.get(i))).isEqualTo(i);
        }
    }

    @Test
    void largestMessagesTravelUnderLoss() {
        final SctpPair pair = impairedPair(51, 0.1);
        final byte[] big = TestMessages.payload(1, 0, TestMessages.MAX_SIZE);
        for (int i = 0; i < 4; i++) {
            assertThat(pair.a.sctp.send(new SctpMessage(1, 53, TestMessages.payload(1, i, TestMessages.MAX_SIZE)),
                                        SendOptions.DEFAULT)).isEqualTo(SendStatus.OK);
        }
        pair.runUntil(() -> pair.z.messages.size() == 4, 600 * SECOND);
        assertThat(pair.z.messages.get(0).payload()).isEqualTo(big);
        assertThat(pair.z.messages).extracting(TestMessages::check).containsExactly(0, 1, 2, 3);
    }

    @Test
    void packetsStayWithinTheMtuAndBundleSmallMessages() {
        final SctpPair pair = new SctpPair(63);
        pair.connectBoth();
        final int[] largest = {0};
        final int[] dataChunksInLargestCount = {0};
        pair.link.from(dev.remotemedia.testing.InMemoryDatagramLink.Side.A).dropIf(bytes -> {
            largest[0] = Math.max(largest[0], bytes.length);
            final long dataChunks = dev.remotemedia.rtc.sctp.packet.SctpPacket.parse(bytes, 0, bytes.length)
                    .orElseThrow().chunks().stream()
                    .filter(dev.remotemedia.rtc.sctp.packet.DataChunk.class::isInstance).count();
            dataChunksInLargestCount[0] = Math.max(dataChunksInLargestCount[0], (int) dataChunks);
            return false;
        });
        for (int i = 0; i < 200; i++) {
            pair.a.sctp.send(new SctpMessage(i % 4, 51, TestMessages.payload(i % 4, i, 20 + i % 50)), SendOptions.DEFAULT);
        }
        pair.a.sctp.send(new SctpMessage(5, 53, TestMessages.payload(5, 0, 100_000)), SendOptions.DEFAULT);
        pair.runUntil(() -> pair.z.messages.size() == 201, 10 * SECOND);

        assertThat(largest[0]).isEqualTo(SctpOptions.defaults().mtu());
        assertThat(dataChunksInLargestCount[0]).as("DATA chunks bundled in one packet").isGreaterThan(10);
    }

    @Test
    void sendRefusesEmptyTooLargeAndUnconnected() {
        final SctpPair pair = new SctpPair(61);
        assertThat(pair.a.sctp.send(new SctpMessage(0, 51, new byte[] {1}), SendOptions.DEFAULT))
                .isEqualTo(SendStatus.NOT_CONNECTED);
        pair.connectBoth();
        assertThat(pair.a.sctp.send(new SctpMessage(0, 51, new byte[0]), SendOptions.DEFAULT))
                .isEqualTo(SendStatus.MESSAGE_EMPTY);
        assertThat(pair.a.sctp.send(new SctpMessage(0, 51, new byte[TestMessages.MAX_SIZE + 1]), SendOptions.DEFAULT))
                .isEqualTo(SendStatus.MESSAGE_TOO_LARGE);
    }

    @Test
    void aFullSendBufferIsRefusedAndBufferedAmountLowFollows() {
        final SctpPair pair = new SctpPair(62, SctpOptions.builder().maxSendBufferBytes(512 * 1024).build(), b -> {});
        pair.connectBoth();
        pair.a.sctp.setBufferedAmountLowThreshold(1, 100_000);
        int sent = 0;
        while (pair.a.sctp.send(new SctpMessage(1, 53, new byte[100_000]), SendOptions.DEFAULT) == SendStatus.OK) {
            sent++;
        }
        assertThat(sent).isBetween(5, 6);
        assertThat(pair.a.sctp.bufferedAmount(1)).isGreaterThan(400_000);

        pair.runUntil(() -> pair.a.has(SctpEvent.BufferedAmountLow.class), 60 * SECOND);
        assertThat(pair.a.eventsOf(SctpEvent.BufferedAmountLow.class)).first().isEqualTo(new SctpEvent.BufferedAmountLow(1));
        assertThat(pair.a.sctp.bufferedAmount(1)).isLessThanOrEqualTo(100_000);
        final int expected = sent;
        pair.runUntil(() -> pair.z.messages.size() == expected, 60 * SECOND);
    }

    static SctpPair impairedPair(long seed, double loss) {
        final SctpPair pair = new SctpPair(seed, LOSSY, b -> {});
        pair.connectBoth();
        impair(pair, loss);
        return pair;
    }

    static void impair(SctpPair pair, double loss) {
        pair.link.forBoth(d -> d.delay(Duration.ofMillis(20)).jitter(Duration.ofMillis(10))
                                .dropProbability(loss).duplicateProbability(loss > 0 ? 0.05 : 0));
    }

    /** The i-th message received on a stream is the i-th one sent on it, byte for byte. */
    static void assertInOrderByPosition(StreamSender sender, List<SctpEvent.MessageReceived> received) {
        final Map<Integer, Integer> position = new HashMap<>();
        for (SctpEvent.MessageReceived message : received) {
            final int s = sender.streamIndex(message.streamId());
            final int index = position.merge(message.streamId(), 1, Integer::sum) - 1;
            assertThat(index).as("more messages than sent on stream %d", message.streamId())
                             .isLessThan(sender.sizes.get(s).size());
            assertThat(message.payload()).as("message %d on stream %d", index, message.streamId())
                    .isEqualTo(TestMessages.payload(message.streamId(), index, sender.sizes.get(s).get(index)));
        }
        for (int s = 0; s < sender.sizes.size(); s++) {
            final int expected = sender.sizes.get(s).size();
            assertThat(position.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(sender.total());
            assertThat(expected).isPositive();
        }
    }
}
