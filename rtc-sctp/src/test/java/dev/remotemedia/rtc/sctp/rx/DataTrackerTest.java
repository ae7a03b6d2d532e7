package dev.remotemedia.rtc.sctp.rx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.sctp.rx.SelectiveAck.GapAckBlock;
import dev.remotemedia.rtc.sctp.timer.Timer;
import dev.remotemedia.rtc.sctp.timer.TimerManager;
import dev.remotemedia.rtc.sctp.timer.TimerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTrackerTest {

    private static final long MS = 1_000_000L;
    private static final long NOW = 5_000 * MS;
    private static final long A_RWND = 1 << 20;

    private final TimerManager timers = new TimerManager();
    private DataTracker tracker;
    private final Timer delayedAck =
            timers.create("delayed-ack", TimerOptions.oneShot(200 * MS),
                          (t, now) -> tracker.handleDelayedAckTimerExpiry());

    private DataTracker trackerFrom(long peerInitialTsn) {
        tracker = new DataTracker(peerInitialTsn, delayedAck);
        return tracker;
    }

    /** One packet carrying DATA chunks with these TSNs. */
    private void packet(long... tsns) {
        for (long tsn : tsns) {
            tracker.observe(tsn, false);
        }
        tracker.observePacketEnd(NOW);
    }

    @Test
    void startsWithTheTsnBeforeThePeersInitialTsnAcknowledged() {
        assertThat(trackerFrom(1000).cumulativeTsnAck()).isEqualTo(999);
        assertThat(trackerFrom(0).cumulativeTsnAck()).isEqualTo(0xFFFF_FFFFL);
        assertThat(tracker.isSackPending()).isFalse();
    }

    @Test
    void acknowledgesTheFirstDataChunkAtOnce() {
        trackerFrom(1000);

        packet(1000);

        assertThat(tracker.shouldSendSackNow()).isTrue();
        assertThat(tracker.createSack(A_RWND))
                .isEqualTo(new SelectiveAck(1000, A_RWND, List.of(), List.of()));
        assertThat(tracker.isSackPending()).isFalse();
    }

    @Test
    void acknowledgesEverySecondPacketOfInOrderData() {
        trackerFrom(1000);
        packet(1000);
        tracker.createSack(A_RWND);

        packet(1001, 1002);
        assertThat(tracker.shouldSendSackNow()).isFalse();
        assertThat(tracker.isSackPending()).isTrue();
        assertThat(delayedAck.isRunning()).isTrue();

        packet(1003);
        assertThat(tracker.shouldSendSackNow()).isTrue();
        assertThat(delayedAck.isRunning()).isFalse();
        assertThat(tracker.createSack(A_RWND).cumulativeTsnAck()).isEqualTo(1003);
    }

    @Test
    void acknowledgesALonePacketWhenTheDelayedAckTimerExpires() {
        trackerFrom(1000);
        packet(1000);
        tracker.createSack(A_RWND);

        packet(1001);
        assertThat(timers.nextDeadlineNanos()).isEqualTo(NOW + 200 * MS);
        timers.advanceTime(NOW + 199 * MS);
        assertThat(tracker.shouldSendSackNow()).isFalse();

        timers.advanceTime(NOW + 200 * MS);

        assertThat(tracker.shouldSendSackNow()).isTrue();
    }

    @Test
    void acknowledgesAtOnceWhenTheSenderSetsTheImmediateBit() {
        trackerFrom(1000);
        packet(1000);
        tracker.createSack(A_RWND);

        tracker.observe(1001, true);

        assertThat(tracker.shouldSendSackNow()).isTrue();
    }

    @Test
    void reportsAGapAtOnceWithGapAckBlocks() {
        trackerFrom(1000);
        packet(1000);
        tracker.createSack(A_RWND);

        packet(1002, 1003, 1005);

        assertThat(tracker.shouldSendSackNow()).isTrue();
        assertThat(tracker.createSack(A_RWND)).isEqualTo(new SelectiveAck(
                1000, A_RWND, List.of(new GapAckBlock(2, 3), new GapAckBlock(5, 5)), List.of()));
    }

    @Test
    void keepsAcknowledgingAtOnceUntilTheGapIsFilled() {
        trackerFrom(1000);
        packet(1000, 1002);
        tracker.createSack(A_RWND);

        packet(1003);
        assertThat(tracker.shouldSendSackNow()).isTrue();
        tracker.createSack(A_RWND);

        packet(1001);
        assertThat(tracker.cumulativeTsnAck()).isEqualTo(1003);
        assertThat(tracker.gapCount()).isZero();
        assertThat(tracker.shouldSendSackNow()).isFalse();
        assertThat(tracker.isSackPending()).isTrue();
    }

    @Test
    void reportsEachDuplicateOnceAndAcknowledgesAtOnce() {
        trackerFrom(1000);
        packet(1000, 1001, 1003);
        tracker.createSack(A_RWND);

        assertThat(tracker.observe(1001, false)).isFalse();
        assertThat(tracker.observe(1001, false)).isFalse();
        assertThat(tracker.observe(1003, false)).isFalse();
        tracker.observePacketEnd(NOW);

        assertThat(tracker.shouldSendSackNow()).isTrue();
        assertThat(tracker.createSack(A_RWND).duplicateTsns()).containsExactly(1001L, 1003L);
        assertThat(tracker.createSack(A_RWND).duplicateTsns()).isEmpty();
    }

    @Test
    void boundsTheDuplicatesAndGapBlocksOneSackReports() {
        trackerFrom(0);
        for (long tsn = 0; tsn < 400; tsn += 2) {
            tracker.observe(tsn, false);
        }
        for (long tsn = 0; tsn < 100; tsn += 2) {
            tracker.observe(tsn, false);
        }

        final SelectiveAck sack = tracker.createSack(A_RWND);

        assertThat(tracker.gapCount()).isEqualTo(199);
        assertThat(sack.gapAckBlocks()).hasSize(DataTracker.MAX_GAP_ACK_BLOCKS)
                                       .startsWith(new GapAckBlock(2, 2), new GapAckBlock(4, 4));
        assertThat(sack.duplicateTsns()).hasSize(DataTracker.MAX_DUPLICATE_TSNS);
    }

    @Test
    void ignoresTsnsFarOutsideTheWindow() {
        trackerFrom(1000);
        packet(1000);
        tracker.createSack(A_RWND);

        assertThat(tracker.isTsnValid(1000 + DataTracker.MAX_TSN_DISTANCE)).isTrue();
        assertThat(tracker.observe(1000 + DataTracker.MAX_TSN_DISTANCE + 1, false)).isFalse();
        assertThat(tracker.observe(1000 + 0x8000_0000L, false)).isFalse();
        assertThat(tracker.observe(SeqNum32.add(1000, -DataTracker.MAX_TSN_DISTANCE - 1), false)).isFalse();

        assertThat(tracker.isSackPending()).isFalse();
        assertThat(tracker.gapCount()).isZero();
        assertThat(tracker.observe(1001, false)).isTrue();
    }

    @Test
    void keepsCountingAcrossTheTsnWrap() {
        trackerFrom(0xFFFF_FFFEL);

        packet(0xFFFF_FFFEL, 0xFFFF_FFFFL, 1);
        assertThat(tracker.createSack(A_RWND)).isEqualTo(new SelectiveAck(
                0xFFFF_FFFFL, A_RWND, List.of(new GapAckBlock(2, 2)), List.of()));

        packet(0);

        assertThat(tracker.cumulativeTsnAck()).isEqualTo(1);
        assertThat(tracker.willIncreaseCumulativeTsnAck(2)).isTrue();
        assertThat(tracker.isAheadOfCumulativeTsnAck(0xFFFF_FFFFL)).isFalse();
        assertThat(tracker.observe(0xFFFF_FFFFL, false)).isFalse();
    }

    @Test
    void forwardTsnMovesTheAckPointOverWhatFollows() {
        trackerFrom(1000);
        packet(1000, 1004, 1005, 1008);
        tracker.createSack(A_RWND);

        assertThat(tracker.handleForwardTsn(1003)).isTrue();

        assertThat(tracker.cumulativeTsnAck()).isEqualTo(1005);
        assertThat(tracker.createSack(A_RWND).gapAckBlocks()).containsExactly(new GapAckBlock(3, 3));
    }

    @Test
    void forwardTsnIntoAGapBlockTrimsIt() {
        trackerFrom(1000);
        packet(1000, 1002, 1003, 1004, 1007);

        tracker.handleForwardTsn(1003);

        assertThat(tracker.cumulativeTsnAck()).isEqualTo(1004);
        assertThat(tracker.createSack(A_RWND).gapAckBlocks()).containsExactly(new GapAckBlock(3, 3));
    }

    @Test
    void anOutOfDateForwardTsnAsksForASackAtOnce() {
        trackerFrom(1000);
        packet(1000, 1001);
        tracker.createSack(A_RWND);

        assertThat(tracker.handleForwardTsn(1000)).isFalse();

        assertThat(tracker.cumulativeTsnAck()).isEqualTo(1001);
        assertThat(tracker.shouldSendSackNow()).isTrue();
    }

    @Test
    void forwardTsnCountsAsDataForSackTiming() {
        trackerFrom(1000);
        packet(1000);
        tracker.createSack(A_RWND);

        tracker.handleForwardTsn(1003);
        tracker.observePacketEnd(NOW);
        assertThat(tracker.shouldSendSackNow()).isFalse();
        assertThat(delayedAck.isRunning()).isTrue();

        tracker.handleForwardTsn(1004);

        assertThat(tracker.shouldSendSackNow()).isTrue();
    }

    @Test
    void ignoresAForwardTsnTooFarAhead() {
        trackerFrom(1000);

        assertThat(tracker.handleForwardTsn(1000 + 0x7000_0000L)).isFalse();
        assertThat(tracker.cumulativeTsnAck()).isEqualTo(999);
    }

    @Test
    void forwardTsnAcrossTheWrap() {
        trackerFrom(0xFFFF_FFF0L);
        packet(0xFFFF_FFF0L, 2);

        assertThat(tracker.handleForwardTsn(0xFFFF_FFFFL)).isTrue();

        assertThat(tracker.createSack(A_RWND)).isEqualTo(new SelectiveAck(
                0xFFFF_FFFFL, A_RWND, List.of(new GapAckBlock(3, 3)), List.of()));
    }

    @Test
    void sendingTheSackStopsTheDelayedAckTimer() {
        trackerFrom(1000);
        packet(1000);
        tracker.createSack(A_RWND);
        packet(1001);
        assertThat(delayedAck.isRunning()).isTrue();

        tracker.createSack(A_RWND);

        assertThat(delayedAck.isRunning()).isFalse();
        assertThat(tracker.isSackPending()).isFalse();
    }

    @Test
    void canBeForcedToAcknowledgeAtOnce() {
        trackerFrom(1000);

        tracker.forceImmediateSack();

        assertThat(tracker.shouldSendSackNow()).isTrue();
        assertThat(tracker.createSack(500).advertisedReceiverWindowCredit()).isEqualTo(500);
    }
}
