package dev.remotemedia.rtc.sctp.tx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.sctp.rx.ForwardTsn;
import dev.remotemedia.rtc.sctp.rx.ForwardTsn.SkippedStream;
import dev.remotemedia.rtc.sctp.rx.SelectiveAck;
import dev.remotemedia.rtc.sctp.rx.SelectiveAck.GapAckBlock;
import dev.remotemedia.rtc.sctp.timer.Timer;
import dev.remotemedia.rtc.sctp.timer.TimerManager;
import dev.remotemedia.rtc.sctp.timer.TimerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetransmissionQueueTest {

    private static final long MS = 1_000_000L;
    /** Close to the wrap, so most tests cross it. */
    private static final long INITIAL_TSN = 0xFFFF_FFFCL;
    private static final long A_RWND = 1 << 20;
    private static final long PPID = 53;
    /** A packet's room for chunks: MTU 1200 minus the 12-byte common header. */
    private static final int PACKET = 1188;
    /** A payload whose DATA chunk fills a packet. */
    private static final int FULL = PACKET - 16;
    /** A small payload: its DATA chunk takes 116 bytes. */
    private static final int SMALL = 100;

    private final SctpOptions options = SctpOptions.defaults();
    private final TimerManager timers = new TimerManager();
    private final SendQueue sendQueue = new SendQueue(options.maxMessageSize(), options.maxSendBufferBytes());
    private final RetransmissionTimeout rto = new RetransmissionTimeout(options);
    private RetransmissionQueue queue;
    private final Timer t3 = timers.create("t3-rtx", TimerOptions.periodic(options.rtoInitial().toNanos()),
                                           (t, now) -> queue.handleT3RtxTimerExpiry(now));
    private long now = 10_000 * MS;

    RetransmissionQueueTest() {
        queue = newQueue(A_RWND, true);
    }

    private RetransmissionQueue newQueue(long peerReceiverWindow, boolean partialReliability) {
        return new RetransmissionQueue(options, INITIAL_TSN, peerReceiverWindow, partialReliability, sendQueue,
                                       rto, t3);
    }

    private static long tsn(int index) {
        return SeqNum32.add(INITIAL_TSN, index);
    }

    private void queueMessages(int count, int payloadLength, SendOptions sendOptions) {
        for (int i = 0; i < count; i++) {
            sendQueue.add(now, 1, PPID, new byte[payloadLength], sendOptions);
        }
    }

    private List<Long> send(int room) {
        final List<Long> tsns = new ArrayList<>();
        for (ChunkToSend chunk : queue.getChunksToSend(now, room)) {
            tsns.add(chunk.tsn());
        }
        return tsns;
    }

    /** Sends packets until the windows or the send queue say stop; returns every TSN sent. */
    private List<Long> sendAll() {
        final List<Long> tsns = new ArrayList<>();
        List<Long> sent;
        while (queue.canSendData() && !(sent = send(PACKET)).isEmpty()) {
            tsns.addAll(sent);
        }
        return tsns;
    }

    private static long last(List<Long> tsns) {
        return tsns.get(tsns.size() - 1);
    }

    private SackResult sack(long cumulativeTsnAck, int... blockBounds) {
        return sackWithWindow(cumulativeTsnAck, A_RWND, blockBounds);
    }

    private SackResult sackWithWindow(long cumulativeTsnAck, long aRwnd, int... blockBounds) {
        final List<GapAckBlock> blocks = new ArrayList<>();
        for (int i = 0; i < blockBounds.length; i += 2) {
            blocks.add(new GapAckBlock(blockBounds[i], blockBounds[i + 1]));
        }
        return queue.handleSack(now, new SelectiveAck(cumulativeTsnAck, aRwnd, blocks, List.of()));
    }

    private void fireT3() {
        now = t3.deadlineNanos();
        timers.advanceTime(now);
    }

    @Test
    void assignsConsecutiveTsnsFromTheInitialTsnAcrossTheWrap() {
        queueMessages(6, SMALL, SendOptions.reliable(false));

        assertThat(send(PACKET)).containsExactly(tsn(0), tsn(1), tsn(2), tsn(3), tsn(4), tsn(5));
        assertThat(tsn(4)).isZero();
        assertThat(queue.lastAssignedTsn()).isEqualTo(1);
        assertThat(queue.nextTsn()).isEqualTo(2);

        assertThat(sack(tsn(5)).bytesAcked()).isEqualTo(6 * 116);
        assertThat(queue.unackedBytes()).isZero();
        assertThat(queue.outstandingChunkCount()).isZero();
        assertThat(queue.lastCumulativeTsnAck()).isEqualTo(1);
    }

    @Test
    void fillsExactlyTheInitialCongestionWindow() {
        queueMessages(10, FULL, SendOptions.reliable(false));

        final List<Long> sent = sendAll();

        // Three full chunks, then a fragment filling the rest of the 4380-byte window.
        assertThat(sent).hasSize(4);
        assertThat(queue.unackedBytes()).isEqualTo(4380);
        assertThat(queue.cwnd()).isEqualTo(4380);
        assertThat(queue.canSendData()).isFalse();
        assertThat(queue.getChunksToSend(now, PACKET)).isEmpty();
    }

    @Test
    void slowStartGrowsTheWindowByAtMostOneMtuPerSack() {
        queueMessages(20, FULL, SendOptions.reliable(false));
        sendAll();

        sack(tsn(0));
        assertThat(queue.cwnd()).isEqualTo(4380 + 1188);
        sendAll();
        assertThat(queue.unackedBytes()).isEqualTo(4380 + 1188);

        sack(tsn(2));
        assertThat(queue.cwnd()).isEqualTo(4380 + 1188 + 1200);
        assertThat(queue.partialBytesAcked()).isZero();
    }

    @Test
    void slowStartDoesNotGrowAWindowThatIsNotInUse() {
        queueMessages(1, SMALL, SendOptions.reliable(false));
        sendAll();

        sack(tsn(0));

        assertThat(queue.cwnd()).isEqualTo(4380);
    }

    @Test
    void congestionAvoidanceGrowsByOneMtuPerWindowOfAckedData() {
        // A small first a_rwnd makes ssthresh smaller than cwnd: congestion avoidance from the start.
        queue = newQueue(2000, true);
        queueMessages(200, SMALL, SendOptions.reliable(false));
        sack(last(sendAll()));
        assertThat(queue.ssthresh()).isEqualTo(2000);
        assertThat(queue.partialBytesAcked()).as("reset when everything is acked").isZero();

        final List<Long> window = sendAll();
        final long firstAcked = sack(window.get(window.size() / 2)).bytesAcked();
        assertThat(queue.partialBytesAcked()).isEqualTo(firstAcked);
        assertThat(queue.cwnd()).isEqualTo(4380);

        sendAll();
        final long secondAcked = sack(SeqNum32.add(queue.lastAssignedTsn(), -1)).bytesAcked();

        // pba >= cwnd on a full window: cwnd + MTU, pba - the old cwnd (RFC 9260 §7.2.2).
        assertThat(firstAcked + secondAcked).isGreaterThanOrEqualTo(4380);
        assertThat(queue.cwnd()).isEqualTo(4380 + 1200);
        assertThat(queue.partialBytesAcked()).isEqualTo(firstAcked + secondAcked - 4380);
    }

    @Test
    void dropsASackOlderThanTheLastOrAckingTsnsNeverSent() {
        queueMessages(4, SMALL, SendOptions.reliable(false));
        send(PACKET);
        sack(tsn(1));

        assertThat(sack(tsn(0))).isEqualTo(new SackResult(false, 0, false, false));
        assertThat(sack(tsn(4)).accepted()).isFalse();
        assertThat(sack(SeqNum32.add(tsn(1), 0x8000_0000L)).accepted()).isFalse();
        assertThat(queue.lastCumulativeTsnAck()).isEqualTo(tsn(1));
        assertThat(sack(tsn(1)).accepted()).as("same cumulative ack: gap info may be new").isTrue();
    }

    @Test
    void gapAckBlocksTakeChunksOutOfFlight() {
        queueMessages(6, SMALL, SendOptions.reliable(false));
        send(PACKET);

        final SackResult result = sack(tsn(0), 2, 3, 5, 5);

        assertThat(result.bytesAcked()).isEqualTo(4 * 116);
        assertThat(queue.outstandingChunkCount()).isEqualTo(5);
        // Missing below the highest TSN acked: nacked once, no longer counted in flight.
        assertThat(queue.unackedBytes()).isZero();
        assertThat(queue.outstandingForTesting().statesForTesting())
                .containsExactly("nacked", "acked", "acked", "nacked", "acked");

        sack(tsn(0), 2, 3);
        assertThat(queue.outstandingForTesting().statesForTesting())
                .as("a SACK that acks nothing new counts no miss")
                .containsExactly("nacked", "acked", "acked", "nacked", "acked");
    }

    @Test
    void fastRetransmitsAChunkMissedThreeTimes() {
        queueMessages(10, SMALL, SendOptions.reliable(false));
        send(PACKET);

        sack(tsn(0), 2, 2);
        sack(tsn(0), 2, 3);
        assertThat(queue.hasDataToFastRetransmit()).isFalse();
        final SackResult third = sack(tsn(0), 2, 4);

        assertThat(third.packetLossDetected()).isTrue();
        assertThat(queue.hasDataToFastRetransmit()).isTrue();
        assertThat(queue.isInFastRecovery()).isTrue();
        // RFC 9260 §7.2.3: ssthresh = max(cwnd / 2, 4 MTU), cwnd = ssthresh.
        assertThat(queue.ssthresh()).isEqualTo(4800);
        assertThat(queue.cwnd()).isEqualTo(4800);
        assertThat(queue.getChunksForFastRetransmit(now, PACKET)).extracting(ChunkToSend::tsn)
                                                                .containsExactly(tsn(1));
        assertThat(queue.hasDataToFastRetransmit()).isFalse();
    }

    @Test
    void countsMissesOnlyBelowTheHighestTsnNewlyAcked() {
        queueMessages(10, SMALL, SendOptions.reliable(false));
        send(PACKET);

        sack(tsn(0), 2, 2);
        sack(tsn(0), 2, 2);
        sack(tsn(0), 2, 2);
        sack(tsn(0), 2, 2);

        assertThat(queue.hasDataToFastRetransmit()).isFalse();
        assertThat(queue.outstandingForTesting().statesForTesting().get(0)).isEqualTo("nacked");
    }

    @Test
    void reducesTheWindowOnlyOncePerFastRecovery() {
        queueMessages(12, SMALL, SendOptions.reliable(false));
        send(12 * 116);
        sack(tsn(0), 2, 2);
        sack(tsn(0), 2, 3);
        sack(tsn(0), 2, 4);
        final long cwnd = queue.cwnd();

        // A second loss (tsn 6) during Fast Recovery changes neither cwnd nor ssthresh.
        sack(tsn(0), 2, 6, 8, 8);
        sack(tsn(0), 2, 6, 8, 9);
        sack(tsn(0), 2, 6, 8, 10);

        assertThat(queue.cwnd()).isEqualTo(cwnd);
        assertThat(queue.isInFastRecovery()).isTrue();
        sack(tsn(10));
        assertThat(queue.isInFastRecovery()).isTrue();
        sack(tsn(11));
        assertThat(queue.isInFastRecovery()).as("exit point acked").isFalse();
    }

    @Test
    void retransmitsChunksThatDidNotFitTheFastRetransmitPacketAsCwndAllows() {
        queueMessages(10, SMALL, SendOptions.reliable(false));
        send(PACKET);
        sack(tsn(0), 3, 3);
        sack(tsn(0), 3, 4);
        sack(tsn(0), 3, 5);

        assertThat(queue.getChunksForFastRetransmit(now, 116)).extracting(ChunkToSend::tsn).containsExactly(tsn(1));

        assertThat(queue.hasDataToFastRetransmit()).isFalse();
        assertThat(send(PACKET)).containsExactly(tsn(2));
    }

    @Test
    void t3ExpiryShrinksTheWindowBacksOffAndRetransmitsEverything() {
        queueMessages(20, SMALL, SendOptions.reliable(false));
        final List<Long> sent = sendAll();
        assertThat(t3.deadlineNanos()).isEqualTo(now + 500 * MS);

        fireT3();

        assertThat(queue.cwnd()).isEqualTo(1200);
        assertThat(queue.ssthresh()).isEqualTo(4800);
        assertThat(rto.rtoNanos()).isEqualTo(1000 * MS);
        assertThat(t3.deadlineNanos()).isEqualTo(now + 1000 * MS);
        assertThat(queue.unackedBytes()).isZero();
        // One MTU's worth, none new: the first packet again (ten chunks and a 12-byte fragment).
        assertThat(send(PACKET)).containsExactlyElementsOf(sent.subList(0, 11));
        assertThat(send(PACKET)).isEmpty();
    }

    @Test
    void t3RunsWhileDataIsOutstandingAndRestartsWhenTheAckPointMoves() {
        assertThat(t3.isRunning()).isFalse();
        queueMessages(3, SMALL, SendOptions.reliable(false));
        send(PACKET);
        assertThat(t3.deadlineNanos()).isEqualTo(now + 500 * MS);

        now += 100 * MS;
        sack(tsn(0));
        assertThat(t3.deadlineNanos()).isEqualTo(now + rto.rtoNanos());

        now += 100 * MS;
        sack(tsn(0), 2, 2);
        assertThat(t3.deadlineNanos()).as("no new cumulative ack: unchanged")
                                      .isEqualTo(now - 100 * MS + rto.rtoNanos());

        sack(tsn(2));
        assertThat(t3.isRunning()).isFalse();
    }

    @Test
    void samplesTheRttFromChunksSentOnceOnly() {
        queueMessages(1, SMALL, SendOptions.reliable(false));
        send(PACKET);
        fireT3();
        send(PACKET);
        now += 50 * MS;
        sack(tsn(0));
        assertThat(rto.hasMeasurement()).as("Karn: tsn 0 was retransmitted").isFalse();

        final long sentAt = now;
        queueMessages(1, SMALL, SendOptions.reliable(false));
        send(PACKET);
        now = sentAt + 80 * MS;
        sack(tsn(1));

        assertThat(rto.hasMeasurement()).isTrue();
        assertThat(rto.srttNanos()).isEqualTo(80 * MS);
    }

    @Test
    void sendsOnlyWholePacketsOnceTheWindowIsSixPacketsWide() {
        sendQueue.add(now, 1, PPID, new byte[100_000], SendOptions.reliable(false));
        // Slow start: each round fills the window exactly (fragments included) and is acked whole.
        while (queue.cwnd() < 6 * 1200) {
            sack(last(sendAll()));
        }
        assertThat(queue.cwnd()).isEqualTo(4380 + 3 * 1200);

        final List<ChunkToSend> round = new ArrayList<>();
        while (queue.canSendData()) {
            round.addAll(queue.getChunksToSend(now, PACKET));
        }

        assertThat(round).hasSize(6).allMatch(chunk -> chunk.chunk().serializedSize() == PACKET);
        assertThat(queue.maxBytesToSend()).as("room for a fragment, not for a packet").isEqualTo(7980 - 6 * PACKET);
        sack(round.get(0).tsn());
        assertThat(queue.canSendData()).isTrue();
        assertThat(queue.getChunksToSend(now, PACKET)).singleElement()
                                                      .matches(chunk -> chunk.chunk().serializedSize() == PACKET);
    }

    @Test
    void tracksThePeersReceiveWindow() {
        queue = newQueue(1500, true);
        queueMessages(10, FULL, SendOptions.reliable(false));

        // Nothing in flight: one packet may go whatever rwnd says (RFC 9260 §6.1 rule A).
        assertThat(send(PACKET)).hasSize(1);
        assertThat(queue.rwnd()).isEqualTo(1500 - 1188);
        assertThat(queue.maxBytesToSend()).isEqualTo(312);

        sackWithWindow(tsn(-1), 1188);
        assertThat(queue.rwnd()).isZero();
        assertThat(queue.canSendData()).isFalse();

        sackWithWindow(tsn(0), 0);
        assertThat(queue.rwnd()).isZero();
        assertThat(queue.maxBytesToSend()).as("zero window probe").isEqualTo(4380);
    }

    @Test
    void abandonsAMessageOutOfRetransmissionsAndSkipsItWithForwardTsn() {
        sendQueue.add(now, 3, PPID, new byte[SMALL], SendOptions.reliable(false));
        sendQueue.add(now, 1, PPID, new byte[SMALL], SendOptions.withMaxRetransmits(false, 0));
        sendQueue.add(now, 1, PPID, new byte[SMALL], SendOptions.withMaxRetransmits(false, 0));
        sendQueue.add(now, 2, PPID, new byte[SMALL], SendOptions.withMaxRetransmits(true, 0));
        send(PACKET);
        sack(tsn(0));
        assertThat(queue.shouldSendForwardTsn(now)).isFalse();

        fireT3();

        assertThat(queue.shouldSendForwardTsn(now)).isTrue();
        assertThat(queue.createForwardTsn()).isEqualTo(new ForwardTsn(tsn(3), List.of(new SkippedStream(1, 1))));
        assertThat(send(PACKET)).as("nothing left to retransmit").isEmpty();

        sack(tsn(3));
        assertThat(queue.shouldSendForwardTsn(now)).isFalse();
        assertThat(queue.outstandingChunkCount()).isZero();
    }

    @Test
    void abandonsAMessageWhoseLifetimeEndedOnceItIsMissing() {
        queueMessages(1, SMALL, SendOptions.withLifetime(false, 100 * MS));
        queueMessages(1, SMALL, SendOptions.reliable(false));
        send(PACKET);
        assertThat(queue.shouldSendForwardTsn(now + 200 * MS)).as("in flight: maybe received").isFalse();

        fireT3();

        assertThat(queue.shouldSendForwardTsn(now)).isTrue();
        assertThat(queue.createForwardTsn()).isEqualTo(new ForwardTsn(tsn(0), List.of(new SkippedStream(1, 0))));
        assertThat(send(PACKET)).containsExactly(tsn(1));
    }

    @Test
    void placesAnUnsentEndBehindAPartlySentAbandonedMessage() {
        sendQueue.add(now, 1, PPID, new byte[3000], SendOptions.withMaxRetransmits(false, 0));
        sendQueue.add(now, 1, PPID, new byte[SMALL], SendOptions.reliable(false));
        assertThat(send(PACKET)).containsExactly(tsn(0));
        assertThat(sendQueue.totalBufferedAmount()).isEqualTo(3000 - FULL + SMALL);

        fireT3();

        assertThat(sendQueue.totalBufferedAmount()).as("rest of the message discarded").isEqualTo(SMALL);
        assertThat(queue.createForwardTsn()).as("covers the placeholder end, tsn 1")
                                            .isEqualTo(new ForwardTsn(tsn(1), List.of(new SkippedStream(1, 0))));
        assertThat(send(PACKET)).containsExactly(tsn(2));
    }

    @Test
    void forwardTsnStopsAtAStreamReset() {
        sendQueue.add(now, 1, PPID, new byte[SMALL], SendOptions.withMaxRetransmits(false, 0));
        send(PACKET);
        queue.prepareResetStream(1);
        assertThat(queue.hasStreamsReadyToBeReset()).isTrue();
        assertThat(queue.beginResetStreams()).containsExactly(1);
        assertThat(queue.lastAssignedTsn()).isEqualTo(tsn(0));
        queue.commitResetStreams();
        sendQueue.add(now, 1, PPID, new byte[SMALL], SendOptions.withMaxRetransmits(false, 0));
        send(PACKET);

        fireT3();

        assertThat(queue.createForwardTsn()).isEqualTo(new ForwardTsn(tsn(0), List.of(new SkippedStream(1, 0))));
        sack(tsn(0));
        assertThat(queue.createForwardTsn()).isEqualTo(new ForwardTsn(tsn(1), List.of(new SkippedStream(1, 0))));
    }

    @Test
    void sendsEverythingReliablyWhenThePeerLacksForwardTsn() {
        queue = newQueue(A_RWND, false);
        queueMessages(1, SMALL, SendOptions.withMaxRetransmits(false, 0));
        send(PACKET);

        fireT3();

        assertThat(queue.shouldSendForwardTsn(now)).isFalse();
        assertThat(send(PACKET)).containsExactly(tsn(0));
    }

    @Test
    void doesNotSendAChunkWhoseMessageExpiredInTheSendQueueMidway() {
        sendQueue.add(now, 1, PPID, new byte[2000], SendOptions.withLifetime(false, 10 * MS));
        send(PACKET);
        now += 20 * MS;

        assertThat(send(PACKET)).as("second fragment too late: abandoned, not sent").isEmpty();
        assertThat(queue.unackedBytes()).isEqualTo(PACKET);
        fireT3();
        assertThat(queue.createForwardTsn()).isEqualTo(new ForwardTsn(tsn(1), List.of(new SkippedStream(1, 0))));
    }

    @Test
    void ignoresGapAckBlocksThatMakeNoSense() {
        queueMessages(6, SMALL, SendOptions.reliable(false));
        send(PACKET);

        final SackResult result = sack(tsn(0), 0, 1, 3, 2, 4, 4, 2, 2, 4, 9, 60000, 65535);

        assertThat(result.accepted()).isTrue();
        assertThat(result.bytesAcked()).as("tsn 0 and the one valid block, 4..4").isEqualTo(2 * 116);
        assertThat(queue.outstandingForTesting().statesForTesting())
                .containsExactly("nacked", "nacked", "nacked", "acked", "in-flight");
    }
}
