package dev.remotemedia.rtc.sctp.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.sctp.rx.DataFragment;
import dev.remotemedia.rtc.sctp.rx.DataTracker;
import dev.remotemedia.rtc.sctp.rx.ForwardTsn;
import dev.remotemedia.rtc.sctp.rx.ReassemblyEvent;
import dev.remotemedia.rtc.sctp.rx.ReassemblyQueue;
import dev.remotemedia.rtc.sctp.rx.SelectiveAck;
import dev.remotemedia.rtc.sctp.timer.Timer;
import dev.remotemedia.rtc.sctp.timer.TimerManager;
import dev.remotemedia.rtc.sctp.timer.TimerOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sending and receiving halves of the data path wired back to back over a link that drops,
 * duplicates and reorders, with a fake clock that jumps to the next event: what the association
 * will do, minus the chunk codecs and the handshake.
 */
class DataPathLoopbackTest {

    private static final long MS = 1_000_000L;
    private static final int PACKET = 1188;
    private static final long PPID = 53;
    private static final long SENDER_INITIAL_TSN = 0xFFFF_FF00L;

    private static final int ORDERED = 1;
    private static final int UNORDERED = 2;
    private static final int NO_RETRANSMITS = 3;
    private static final int SHORT_LIFETIME = 4;

    private static byte[] payload(int stream, int index, int length) {
        final ByteBuffer buffer = ByteBuffer.allocate(Math.max(length, 6));
        buffer.putShort((short) stream).putInt(index);
        while (buffer.hasRemaining()) {
            buffer.put((byte) (index * 31 + buffer.position()));
        }
        return buffer.array();
    }

    private sealed interface Packet {}

    private record DataPacket(List<ChunkToSend> chunks) implements Packet {}

    private record ForwardTsnPacket(ForwardTsn forwardTsn) implements Packet {}

    /** One direction of the link: loss, duplication and 5..25 ms delay (so reordering). */
    private static final class Link<T> {
        private record InFlight<T>(long arrivalNanos, long order, T packet) {}

        private final PriorityQueue<InFlight<T>> inFlight = new PriorityQueue<>(
                Comparator.comparingLong((InFlight<T> p) -> p.arrivalNanos).thenComparingLong(p -> p.order));
        private final Random random;
        private final double loss;
        private long order;

        Link(Random random, double loss) {
            this.random = random;
            this.loss = loss;
        }

        void send(long nowNanos, T packet) {
            if (random.nextDouble() < loss) {
                return;
            }
            final int copies = random.nextDouble() < 0.05 ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                inFlight.add(new InFlight<>(nowNanos + 5 * MS + random.nextInt(20) * MS, order++, packet));
            }
        }

        long nextArrivalNanos() {
            return inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().arrivalNanos;
        }

        T pollDue(long nowNanos) {
            return inFlight.isEmpty() || inFlight.peek().arrivalNanos > nowNanos ? null : inFlight.poll().packet;
        }
    }

    /** One sender and one receiver, back to back. */
    private static final class Harness {
        private final SctpOptions options = SctpOptions.defaults();
        private final TimerManager senderTimers = new TimerManager();
        private final TimerManager receiverTimers = new TimerManager();
        private final SendQueue sendQueue = new SendQueue(options.maxMessageSize(), options.maxSendBufferBytes());
        private final RetransmissionTimeout rto = new RetransmissionTimeout(options);
        private final Timer t3 = senderTimers.create("t3-rtx", TimerOptions.periodic(rto.rtoNanos()), this::onT3);
        private final RetransmissionQueue sender =
                new RetransmissionQueue(options, SENDER_INITIAL_TSN, options.receiveWindowBytes(), true, sendQueue,
                                        rto, t3);
        private final Timer delayedAck = receiverTimers.create(
                "delayed-ack", TimerOptions.oneShot(options.delayedAckTimeout().toNanos()), this::onDelayedAck);
        private final DataTracker tracker = new DataTracker(SENDER_INITIAL_TSN, delayedAck);
        private final ReassemblyQueue reassembly =
                new ReassemblyQueue(SENDER_INITIAL_TSN, options.receiveWindowBytes(), options.maxMessageSize());
        private final List<ReassemblyEvent.MessageReady> delivered = new ArrayList<>();
        private Link<Packet> dataLink;
        private Link<SelectiveAck> sackLink;
        private long now = 1_000 * MS;
        /** FORWARD TSNs go out at most every 50 ms, or at once after a T3-rtx expiry. */
        private long forwardTsnAllowedNanos;

        private void run(double loss, long seed) {
            final Random random = new Random(seed);
            dataLink = new Link<>(random, loss);
            sackLink = new Link<>(random, loss);
            pump();
            for (int step = 0; !(sendQueue.isEmpty() && sender.outstandingChunkCount() == 0); step++) {
                if (step > 3_000_000) {
                    fail("no progress at " + now + ": " + t3 + ", " + sender + ", " + tracker + ", " + reassembly);
                }
                final long next = Math.min(
                        Math.min(dataLink.nextArrivalNanos(), sackLink.nextArrivalNanos()),
                        Math.min(senderTimers.nextDeadlineNanos(), receiverTimers.nextDeadlineNanos()));
                assertThat(next).as("something must be pending").isNotEqualTo(Long.MAX_VALUE);
                now = Math.max(now, next);
                for (Packet packet; (packet = dataLink.pollDue(now)) != null; ) {
                    receive(packet);
                }
                for (SelectiveAck sack; (sack = sackLink.pollDue(now)) != null; ) {
                    sender.handleSack(now, sack);
                    pump();
                }
                senderTimers.advanceTime(now);
                receiverTimers.advanceTime(now);
            }
        }

        private void pump() {
            if (sender.hasDataToFastRetransmit()) {
                dataLink.send(now, new DataPacket(sender.getChunksForFastRetransmit(now, PACKET)));
            }
            if (sender.shouldSendForwardTsn(now) && now >= forwardTsnAllowedNanos) {
                dataLink.send(now, new ForwardTsnPacket(sender.createForwardTsn()));
                forwardTsnAllowedNanos = now + 50 * MS;
            }
            for (int burst = 0; burst < options.maxBurst() && sender.canSendData(); burst++) {
                final List<ChunkToSend> chunks = sender.getChunksToSend(now, PACKET);
                if (chunks.isEmpty()) {
                    break;
                }
                dataLink.send(now, new DataPacket(chunks));
            }
        }

        private void onT3(Timer timer, long nowNanos) {
            sender.handleT3RtxTimerExpiry(nowNanos);
            forwardTsnAllowedNanos = nowNanos;
            pump();
        }

        private void receive(Packet packet) {
            if (packet instanceof DataPacket data) {
                for (ChunkToSend sent : data.chunks()) {
                    final OutgoingChunk chunk = sent.chunk();
                    if (!tracker.isTsnValid(sent.tsn())) {
                        continue;
                    }
                    final ReassemblyQueue.Admission admission = reassembly.admit(
                            chunk.payload().length(), tracker.willIncreaseCumulativeTsnAck(sent.tsn()));
                    assertThat(admission).isNotEqualTo(ReassemblyQueue.Admission.EXHAUSTED);
                    if (admission == ReassemblyQueue.Admission.ACCEPT && tracker.observe(sent.tsn(), false)) {
                        reassembly.add(new DataFragment(sent.tsn(), chunk.streamId(), chunk.ssn(), chunk.ppid(),
                                                        chunk.payload(), chunk.beginning(), chunk.ending(),
                                                        chunk.unordered()));
                    }
                }
            } else {
                final ForwardTsn forwardTsn = ((ForwardTsnPacket) packet).forwardTsn();
                if (tracker.handleForwardTsn(forwardTsn.newCumulativeTsn())) {
                    reassembly.handleForwardTsn(forwardTsn);
                }
            }
            tracker.observePacketEnd(now);
            for (ReassemblyEvent event; (event = reassembly.poll()) != null; ) {
                delivered.add((ReassemblyEvent.MessageReady) event);
            }
            maybeSack();
        }

        private void onDelayedAck(Timer timer, long nowNanos) {
            tracker.handleDelayedAckTimerExpiry();
            maybeSack();
        }

        private void maybeSack() {
            if (tracker.shouldSendSackNow()) {
                sackLink.send(now, tracker.createSack(reassembly.remainingBytes()));
            }
        }

        /** Returns the indexes delivered on {@code stream}, in delivery order, checking every payload. */
        private List<Integer> deliveredIndexes(int stream, boolean unordered) {
            final List<Integer> indexes = new ArrayList<>();
            for (ReassemblyEvent.MessageReady message : delivered) {
                if (message.streamId() != stream) {
                    continue;
                }
                assertThat(message.unordered()).isEqualTo(unordered);
                final int index = ByteBuffer.wrap(message.payload()).getInt(2);
                assertThat(message.payload()).isEqualTo(payload(stream, index, message.payload().length));
                indexes.add(index);
            }
            return indexes;
        }

        private void queueMixedTraffic(int perStream, Random sizes) {
            for (int i = 0; i < perStream; i++) {
                sendQueue.add(now, ORDERED, PPID, payload(ORDERED, i, 1 + sizes.nextInt(5000)),
                              SendOptions.reliable(false));
                sendQueue.add(now, UNORDERED, PPID, payload(UNORDERED, i, 1 + sizes.nextInt(5000)),
                              SendOptions.reliable(true));
                sendQueue.add(now, NO_RETRANSMITS, PPID, payload(NO_RETRANSMITS, i, 1 + sizes.nextInt(3000)),
                              SendOptions.withMaxRetransmits(false, 0));
                sendQueue.add(now, SHORT_LIFETIME, PPID, payload(SHORT_LIFETIME, i, 1 + sizes.nextInt(3000)),
                              SendOptions.withLifetime(true, 300 * MS));
            }
        }

        private void assertDeliveryPolicies(int perStream) {
            final List<Integer> all = new ArrayList<>();
            for (int i = 0; i < perStream; i++) {
                all.add(i);
            }
            assertThat(deliveredIndexes(ORDERED, false)).as("reliable ordered: all, once, in order").isEqualTo(all);
            assertThat(deliveredIndexes(UNORDERED, true)).as("reliable unordered: all, once")
                                                         .containsExactlyInAnyOrderElementsOf(all);
            assertThat(deliveredIndexes(NO_RETRANSMITS, false)).as("partially reliable ordered: in order, once")
                                                               .isSorted().doesNotHaveDuplicates();
            assertThat(deliveredIndexes(SHORT_LIFETIME, true)).as("partially reliable unordered: once")
                                                              .doesNotHaveDuplicates();
            assertThat(reassembly.bufferedBytes()).isZero();
        }
    }

    @Test
    void deliversEverythingOverAPerfectLink() {
        final Harness h = new Harness();
        h.queueMixedTraffic(150, new Random(1));

        h.run(0, 1);

        h.assertDeliveryPolicies(150);
        assertThat(h.deliveredIndexes(NO_RETRANSMITS, false)).hasSize(150);
        assertThat(h.sender.lastCumulativeTsnAck()).as("TSNs wrapped").isLessThan(SENDER_INITIAL_TSN);
    }

    @Test
    void honoursEveryChannelsPolicyWithTenPercentLoss() {
        for (long seed = 1; seed <= 3; seed++) {
            final Harness h = new Harness();
            h.queueMixedTraffic(150, new Random(seed));

            h.run(0.10, seed);

            h.assertDeliveryPolicies(150);
        }
    }

    @Test
    void honoursEveryChannelsPolicyWithThirtyPercentLoss() {
        for (long seed = 11; seed <= 13; seed++) {
            final Harness h = new Harness();
            h.queueMixedTraffic(100, new Random(seed));

            h.run(0.30, seed);

            h.assertDeliveryPolicies(100);
            assertThat(h.deliveredIndexes(NO_RETRANSMITS, false)).as("some abandoned").hasSizeLessThan(100);
        }
    }

    @Test
    void keepsOrderAcrossTheSsnWrapUnderLoss() {
        final Harness h = new Harness();
        final int count = 70_000;
        for (int i = 0; i < count; i++) {
            h.sendQueue.add(h.now, ORDERED, PPID, payload(ORDERED, i, 6), SendOptions.reliable(false));
        }

        h.run(0.05, 7);

        final List<Integer> indexes = h.deliveredIndexes(ORDERED, false);
        assertThat(indexes).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(indexes.get(i)).isEqualTo(i);
        }
    }
}
