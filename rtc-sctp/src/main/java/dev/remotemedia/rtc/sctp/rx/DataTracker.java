package dev.remotemedia.rtc.sctp.rx;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.common.SeqNumUnwrapper32;
import dev.remotemedia.rtc.sctp.timer.Timer;
import java.util.ArrayList;
import java.util.List;

/**
 * Which TSNs the peer's DATA chunks carried, and when to acknowledge them (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.2">RFC 9260 §6.2</a>, §6.7): the
 * cumulative TSN ack point, the ranges received beyond it, the duplicates since the last SACK.
 *
 * <p>SACK timing follows dcSCTP's states. A packet with DATA after an idle period makes a SACK
 * due; at the end of that packet ({@link #observePacketEnd}) the delayed-ack timer starts. The next
 * packet with DATA, or the timer's expiry, makes the SACK immediate. A gap, a duplicate, the first
 * DATA of the association, or the I bit make it immediate at once. After each packet the
 * association sends a SACK when {@link #shouldSendSackNow()}; it may bundle one earlier with its
 * own DATA when {@link #isSackPending()}.
 *
 * <p>Hostile input: TSNs more than {@link #MAX_TSN_DISTANCE} away from the cumulative ack point
 * are ignored (never acknowledged, never delivered), which also keeps every gap ack block offset
 * within 16 bits. The number of blocks and duplicates reported per SACK is bounded.
 *
 * <p>Not thread-safe: use it from the loop that owns the association.
 */
public final class DataTracker {

    /** TSNs further than this from the cumulative TSN ack point are ignored. */
    public static final long MAX_TSN_DISTANCE = 0xFFFF;
    /** The most gap ack blocks one SACK reports (the lowest ones: those the sender needs first). */
    public static final int MAX_GAP_ACK_BLOCKS = 64;
    /** The most duplicate TSNs one SACK reports. */
    public static final int MAX_DUPLICATE_TSNS = 20;

    private enum AckState { IDLE, BECOMING_DELAYED, DELAYED, IMMEDIATE }

    private final SeqNumUnwrapper32 unwrapper = new SeqNumUnwrapper32();
    private final Timer delayedAckTimer;
    private final TsnRanges received = new TsnRanges();
    private final long[] duplicates = new long[MAX_DUPLICATE_TSNS];
    private int duplicateCount;
    private long cumulativeAck;
    private AckState ackState = AckState.IDLE;
    private boolean seenData;

    /**
     * @param peerInitialTsn the Initial TSN from the peer's INIT or INIT ACK
     * @param delayedAckTimer a one-shot timer whose handler calls {@link
     *     #handleDelayedAckTimerExpiry()} and then sends a SACK if {@link #shouldSendSackNow()};
     *     its duration is the delayed-ack timeout (RFC 9260 §6.2: at most 500 ms, 200 ms usual)
     */
    public DataTracker(long peerInitialTsn, Timer delayedAckTimer) {
        this.delayedAckTimer = requireNonNull(delayedAckTimer, "delayedAckTimer");
        cumulativeAck = unwrapper.unwrap(SeqNum32.add(peerInitialTsn, -1));
    }

    /**
     * Returns whether {@code tsn} lies within {@link #MAX_TSN_DISTANCE} of the cumulative TSN ack
     * point, behind it (a duplicate) or ahead. {@link #observe} ignores any other TSN.
     */
    public boolean isTsnValid(long tsn) {
        return Math.abs(unwrapper.peek(tsn) - cumulativeAck) <= MAX_TSN_DISTANCE;
    }

    /**
     * Records a received DATA chunk's TSN and updates when to SACK.
     *
     * @param immediateAck the chunk's I bit (RFC 7053)
     * @return {@code true} if the TSN is new and its chunk goes to reassembly; {@code false} for a
     *     duplicate or an out-of-window TSN
     */
    public boolean observe(long tsn, boolean immediateAck) {
        if (!isTsnValid(tsn)) {
            return false;
        }
        final long unwrapped = unwrapper.unwrap(tsn);
        final boolean isNew;
        if (unwrapped <= cumulativeAck) {
            // RFC 9260 §6.2: a packet with only duplicates MUST be SACKed at once.
            addDuplicate(tsn);
            setState(AckState.IMMEDIATE, 0);
            isNew = false;
        } else if (unwrapped == cumulativeAck + 1) {
            cumulativeAck = unwrapped;
            absorbFirstRange();
            isNew = true;
        } else {
            isNew = received.add(unwrapped);
            if (!isNew) {
                addDuplicate(tsn);
            }
        }
        // RFC 9260 §6.7: while a gap remains, SACK every packet at once.
        if (!received.isEmpty() || immediateAck) {
            setState(AckState.IMMEDIATE, 0);
        }
        if (!seenData) {
            // RFC 9260 §6.2: SACK the first DATA chunk of an association at once.
            seenData = true;
            setState(AckState.IMMEDIATE, 0);
        }
        dataArrived();
        return isNew;
    }

    /**
     * Ends a packet that had DATA or FORWARD TSN chunks: a SACK that became due in it is delayed
     * from now on, for at most the delayed-ack timeout (RFC 9260 §6.2: SACK at least every second
     * packet, within 200 ms).
     */
    public void observePacketEnd(long nowNanos) {
        if (ackState == AckState.BECOMING_DELAYED) {
            setState(AckState.DELAYED, nowNanos);
        }
    }

    /**
     * Applies a FORWARD TSN (<a href="https://www.rfc-editor.org/rfc/rfc3758#section-3.6">RFC 3758
     * §3.6</a>): moves the cumulative TSN ack point to {@code newCumulativeTsn} and further over
     * anything received beyond it.
     *
     * @return {@code true} if the ack point moved; {@code false} for an out-of-date FORWARD TSN
     *     (which makes a SACK immediate, as the previous one may have been lost) or one too far
     *     ahead to be genuine
     */
    public boolean handleForwardTsn(long newCumulativeTsn) {
        if (!isTsnValid(newCumulativeTsn)) {
            return false;
        }
        final long unwrapped = unwrapper.unwrap(newCumulativeTsn);
        if (unwrapped <= cumulativeAck) {
            setState(AckState.IMMEDIATE, 0);
            return false;
        }
        cumulativeAck = unwrapped;
        received.removeTo(unwrapped);
        absorbFirstRange();
        // RFC 3758 §3.6: for SACK timing, a FORWARD TSN counts as DATA.
        dataArrived();
        return true;
    }

    /** Makes the delayed SACK immediate; the association sends it after this returns. */
    public void handleDelayedAckTimerExpiry() {
        if (ackState == AckState.DELAYED) {
            ackState = AckState.IMMEDIATE;
        }
    }

    /** Makes a SACK immediate whatever arrived, as when a SHUTDOWN must be acknowledged. */
    public void forceImmediateSack() {
        setState(AckState.IMMEDIATE, 0);
    }

    /** Returns whether a SACK must be sent now. */
    public boolean shouldSendSackNow() {
        return ackState == AckState.IMMEDIATE;
    }

    /** Returns whether received data awaits a SACK, now or after a delay: worth bundling one. */
    public boolean isSackPending() {
        return ackState != AckState.IDLE;
    }

    /**
     * Returns the SACK to send now, forgets the duplicates it reports and stops the delayed-ack
     * timer: the association calls it only when it sends the SACK.
     *
     * @param advertisedReceiverWindowCredit a_rwnd, from {@link ReassemblyQueue#remainingBytes()}
     */
    public SelectiveAck createSack(long advertisedReceiverWindowCredit) {
        final int blockCount = Math.min(received.size(), MAX_GAP_ACK_BLOCKS);
        final List<SelectiveAck.GapAckBlock> blocks = new ArrayList<>(blockCount);
        for (int i = 0; i < blockCount; i++) {
            blocks.add(new SelectiveAck.GapAckBlock((int) (received.first(i) - cumulativeAck),
                                                    (int) (received.last(i) - cumulativeAck)));
        }
        final List<Long> dups = new ArrayList<>(duplicateCount);
        for (int i = 0; i < duplicateCount; i++) {
            dups.add(duplicates[i]);
        }
        duplicateCount = 0;
        setState(AckState.IDLE, 0);
        return new SelectiveAck(cumulativeTsnAck(), advertisedReceiverWindowCredit, blocks, dups);
    }

    /** Returns the cumulative TSN ack point: every TSN up to it has been received. */
    public long cumulativeTsnAck() {
        return cumulativeAck & SeqNum32.MAX_VALUE;
    }

    /** Returns whether receiving {@code tsn} would move the cumulative TSN ack point. */
    public boolean willIncreaseCumulativeTsnAck(long tsn) {
        return unwrapper.peek(tsn) == cumulativeAck + 1;
    }

    /**
     * Returns whether {@code tsn} lies beyond the cumulative TSN ack point: for RFC 6525 §5.2.2, a
     * stream reset whose Sender's Last Assigned TSN is still ahead must be deferred.
     */
    public boolean isAheadOfCumulativeTsnAck(long tsn) {
        return unwrapper.peek(tsn) > cumulativeAck;
    }

    /** Returns how many ranges beyond the cumulative ack point are held (not just reported). */
    public int gapCount() {
        return received.size();
    }

    private void dataArrived() {
        if (ackState == AckState.IDLE) {
            ackState = AckState.BECOMING_DELAYED;
        } else if (ackState == AckState.DELAYED) {
            setState(AckState.IMMEDIATE, 0);
        }
    }

    private void absorbFirstRange() {
        if (!received.isEmpty() && received.first(0) == cumulativeAck + 1) {
            cumulativeAck = received.last(0);
            received.removeFirst();
        }
    }

    private void addDuplicate(long tsn) {
        for (int i = 0; i < duplicateCount; i++) {
            if (duplicates[i] == tsn) {
                return;
            }
        }
        if (duplicateCount < MAX_DUPLICATE_TSNS) {
            duplicates[duplicateCount++] = tsn;
        }
    }

    private void setState(AckState state, long nowNanos) {
        if (state == ackState) {
            return;
        }
        if (ackState == AckState.DELAYED) {
            delayedAckTimer.stop();
        } else if (state == AckState.DELAYED) {
            delayedAckTimer.start(nowNanos);
        }
        ackState = state;
    }

    @Override
    public String toString() {
        return "DataTracker{cumulativeTsnAck=" + cumulativeTsnAck() + ", gaps=" + received
               + ", duplicates=" + duplicateCount + ", ackState=" + ackState + '}';
    }
}
