package dev.remotemedia.rtc.sctp.tx;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.sctp.rx.ForwardTsn;
import dev.remotemedia.rtc.sctp.rx.SelectiveAck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DATA chunks sent and not yet covered by the peer's cumulative TSN ack, by TSN (RFC 9260
 * §6.2.1, §7.2.4; RFC 3758 §3.5). TSNs are dense, so chunks sit in a ring indexed by their
 * distance from the cumulative ack point. TSNs are unwrapped {@code long}s here.
 *
 * <p>A chunk is in flight (counted in {@link #unackedBytes()}) until it is acked or nacked. It is
 * nacked when a SACK reports it missing below the highest TSN newly acked; after three such miss
 * indications, or at a T3-rtx expiry, it is marked for retransmission, or abandoned with its whole
 * message when its retransmission limit is used up. Marked TSNs wait in {@code TreeSet<Long>}s,
 * which box, but only on loss.
 */
final class OutstandingData {

    /** RFC 9260 §7.2.4: three miss indications trigger a fast retransmit. */
    static final int NACKS_FOR_RETRANSMISSION = 3;

    private static final ByteView EMPTY = ByteView.of(new byte[0]);

    /** Drops the unsent rest of an abandoned message; see {@link SendQueue#discard}. */
    @FunctionalInterface
    interface Discarder {
        boolean discard(int streamId, long messageId);
    }

    /** What processing one SACK found. */
    static final class AckInfo {
        long bytesAcked;
        long highestTsnAcked;
        boolean hasPacketLoss;

        AckInfo(long cumulativeTsnAck) {
            highestTsnAcked = cumulativeTsnAck;
        }
    }

    private final Discarder discarder;
    private final TreeSet<Long> toRetransmit = new TreeSet<>();
    private final TreeSet<Long> toFastRetransmit = new TreeSet<>();
    private final TreeSet<Long> resetBreakpoints = new TreeSet<>();
    private SentChunk[] ring = new SentChunk[64];
    private int head;
    private int count;
    private long lastCumulativeAck;
    private long unackedBytes;
    private int partiallyReliableItems;

    OutstandingData(long initialTsn, Discarder discarder) {
        // Unwrapped from here on: the ack point starts just below the initial TSN (maybe at -1).
        lastCumulativeAck = SeqNum32.add(initialTsn, 0) - 1;
        this.discarder = discarder;
    }

    long lastCumulativeAck() {
        return lastCumulativeAck;
    }

    long nextTsn() {
        return lastCumulativeAck + count + 1;
    }

    long highestOutstandingTsn() {
        return lastCumulativeAck + count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    long unackedBytes() {
        return unackedBytes;
    }

    boolean hasDataToBeRetransmitted() {
        return !toRetransmit.isEmpty() || !toFastRetransmit.isEmpty();
    }

    boolean hasDataToBeFastRetransmitted() {
        return !toFastRetransmit.isEmpty();
    }

    /**
     * Records a chunk sent now and returns its TSN, or {@code -1} if its message had already
     * expired: then the TSN is used up but abandoned, and the chunk must not be sent.
     */
    long insert(OutgoingChunk chunk, long nowNanos, int maxRetransmits, long expiresAtNanos) {
        final SentChunk item = new SentChunk(chunk, nowNanos, maxRetransmits, expiresAtNanos);
        final long tsn = nextTsn();
        append(item);
        if (nowNanos > expiresAtNanos) {
            item.ack = SentChunk.AckState.ACKED;
            abandonMessageOf(item);
            return -1;
        }
        unackedBytes += item.size;
        return tsn & SeqNum32.MAX_VALUE;
    }

    /** Applies a SACK whose cumulative TSN ack lies in {@code [lastCumulativeAck, highestOutstandingTsn]}. */
    AckInfo handleSack(long cumulativeAck, List<SelectiveAck.GapAckBlock> blocks, boolean inFastRecovery) {
        final AckInfo info = new AckInfo(cumulativeAck);
        final boolean advanced = cumulativeAck > lastCumulativeAck;
        removeAcked(cumulativeAck, info);
        long previousEnd = 0;
        long lastEnd = 0;
        for (SelectiveAck.GapAckBlock block : blocks) {
            if (isUsable(block, previousEnd)) {
                for (long tsn = cumulativeAck + block.start(); tsn <= cumulativeAck + block.end(); tsn++) {
                    if (tsn > highestOutstandingTsn()) {
                        break;
                    }
                    ack(info, tsn, get(tsn));
                }
                previousEnd = block.end();
                lastEnd = block.end();
            }
        }
        // RFC 9260 §7.2.4: count a miss only below the highest TSN newly acked, except in Fast
        // Recovery when the cumulative ack advanced: then for every TSN reported missing.
        final long maxTsnToNack = inFastRecovery && advanced ? cumulativeAck + lastEnd : info.highestTsnAcked;
        previousEnd = 0;
        for (SelectiveAck.GapAckBlock block : blocks) {
            if (isUsable(block, previousEnd)) {
                final long blockStart = cumulativeAck + block.start();
                for (long tsn = cumulativeAck + previousEnd + 1; tsn < blockStart && tsn <= maxTsnToNack
                                                                   && tsn <= highestOutstandingTsn(); tsn++) {
                    info.hasPacketLoss |= nack(tsn, false, !inFastRecovery);
                }
                previousEnd = block.end();
            }
        }
        return info;
    }

    /** Nacks every chunk not acked, marking it for retransmission now (RFC 9260 §6.3.3 E3). */
    void nackAll() {
        final int n = count;
        for (int i = 0; i < n; i++) {
            if (at(i).ack != SentChunk.AckState.ACKED) {
                nack(lastCumulativeAck + 1 + i, true, false);
            }
        }
    }

    /** Returns chunks marked for fast retransmit that fit in {@code maxBytes}; the rest wait for cwnd. */
    List<ChunkToSend> takeChunksToFastRetransmit(int maxBytes) {
        final List<ChunkToSend> chunks = take(toFastRetransmit, maxBytes);
        // RFC 9260 §7.2.4: those that did not fit are retransmitted later as cwnd allows.
        toRetransmit.addAll(toFastRetransmit);
        toFastRetransmit.clear();
        return chunks;
    }

    /** Returns chunks marked for retransmission that fit in {@code maxBytes}, lowest TSN first. */
    List<ChunkToSend> takeChunksToRetransmit(int maxBytes) {
        return take(toRetransmit, maxBytes);
    }

    /**
     * Abandons the messages of nacked chunks whose lifetime is over (RFC 3758 §3.5 A3). Chunks in
     * flight are left alone: they may have arrived and their SACK be on its way.
     */
    void expireChunks(long nowNanos) {
        if (partiallyReliableItems == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            final SentChunk item = at(i);
            if (item.lifecycle == SentChunk.Lifecycle.ABANDONED) {
                continue;
            }
            if (item.ack != SentChunk.AckState.NACKED || nowNanos <= item.expiresAtNanos) {
                break;
            }
            abandonMessageOf(item);
        }
        if (hasDataToBeRetransmitted()) {
            final List<Long> marked = new ArrayList<>(toFastRetransmit);
            marked.addAll(toRetransmit);
            for (long tsn : marked) {
                final SentChunk item = get(tsn);
                if (item.lifecycle == SentChunk.Lifecycle.TO_BE_RETRANSMITTED && nowNanos > item.expiresAtNanos) {
                    abandonMessageOf(item);
                }
            }
        }
    }

    /** Returns whether the chunk after the cumulative ack point is abandoned: a FORWARD TSN is due. */
    boolean shouldSendForwardTsn() {
        return count > 0 && at(0).lifecycle == SentChunk.Lifecycle.ABANDONED;
    }

    /**
     * Returns the FORWARD TSN skipping the abandoned chunks right after the cumulative ack point,
     * up to (not across) a stream reset (RFC 3758 §3.5 C1-C3).
     */
    ForwardTsn createForwardTsn() {
        long newCumulative = lastCumulativeAck;
        final Map<Integer, Integer> lastSsns = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            final long tsn = lastCumulativeAck + 1 + i;
            final SentChunk item = at(i);
            if (item.lifecycle != SentChunk.Lifecycle.ABANDONED || resetBreakpoints.contains(tsn)) {
                break;
            }
            newCumulative = tsn;
            if (!item.chunk.unordered()) {
                // In TSN order, so the last one seen is the stream's largest SSN.
                lastSsns.put(item.chunk.streamId(), item.chunk.ssn());
            }
        }
        final List<ForwardTsn.SkippedStream> skipped = new ArrayList<>(lastSsns.size());
        lastSsns.forEach((streamId, ssn) -> skipped.add(new ForwardTsn.SkippedStream(streamId, ssn)));
        return new ForwardTsn(newCumulative & SeqNum32.MAX_VALUE, skipped);
    }

    /**
     * Returns the RTT measured by a SACK newly acking {@code tsn}, or {@code -1} if that chunk was
     * retransmitted (Karn's algorithm, RFC 9260 §6.3.1 C5) or is unknown.
     */
    long measureRttNanos(long nowNanos, long tsn) {
        if (tsn <= lastCumulativeAck || tsn > highestOutstandingTsn()) {
            return -1;
        }
        final SentChunk item = get(tsn);
        return item.retransmissions == 0 && item.ack != SentChunk.AckState.ACKED ? nowNanos - item.sentNanos : -1;
    }

    /** Marks the next TSN as the start of a stream reset: FORWARD TSNs stop before it. */
    void beginResetStreams() {
        resetBreakpoints.add(nextTsn());
    }

    private static boolean isUsable(SelectiveAck.GapAckBlock block, long previousEnd) {
        // Blocks must be ascending and disjoint (RFC 9260 §3.3.4); others are ignored as bogus.
        return block.start() > previousEnd && block.start() <= block.end();
    }

    private void removeAcked(long cumulativeAck, AckInfo info) {
        while (count > 0 && lastCumulativeAck < cumulativeAck) {
            final SentChunk item = at(0);
            ack(info, lastCumulativeAck + 1, item);
            if (item.isPartiallyReliable()) {
                partiallyReliableItems--;
            }
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
            lastCumulativeAck++;
        }
        if (!resetBreakpoints.isEmpty()) {
            resetBreakpoints.headSet(cumulativeAck + 1, true).clear();
        }
    }

    private void ack(AckInfo info, long tsn, SentChunk item) {
        if (item.ack == SentChunk.AckState.ACKED) {
            return;
        }
        info.bytesAcked += item.size;
        if (item.ack == SentChunk.AckState.UNACKED) {
            unackedBytes -= item.size;
        }
        if (item.lifecycle == SentChunk.Lifecycle.TO_BE_RETRANSMITTED) {
            toRetransmit.remove(tsn);
            toFastRetransmit.remove(tsn);
            item.lifecycle = SentChunk.Lifecycle.ACTIVE;
        }
        item.ack = SentChunk.AckState.ACKED;
        info.highestTsnAcked = Math.max(info.highestTsnAcked, tsn);
    }

    /** Returns whether the miss made the chunk due for retransmission or abandoned it. */
    private boolean nack(long tsn, boolean retransmitNow, boolean fastRetransmit) {
        final SentChunk item = get(tsn);
        if (item.ack == SentChunk.AckState.UNACKED) {
            unackedBytes -= item.size;
        }
        item.ack = SentChunk.AckState.NACKED;
        item.nacks++;
        if (item.lifecycle != SentChunk.Lifecycle.ACTIVE
            || (!retransmitNow && item.nacks < NACKS_FOR_RETRANSMISSION)) {
            return false;
        }
        if (item.retransmissions < item.maxRetransmits) {
            item.lifecycle = SentChunk.Lifecycle.TO_BE_RETRANSMITTED;
            (fastRetransmit ? toFastRetransmit : toRetransmit).add(tsn);
        } else {
            abandonMessageOf(item);
        }
        return true;
    }

    /** Abandons every chunk of {@code item}'s message (RFC 3758 §3.5 A2) and its unsent rest. */
    private void abandonMessageOf(SentChunk item) {
        final OutgoingChunk chunk = item.chunk;
        if (discarder.discard(chunk.streamId(), chunk.messageId())) {
            // The receiver will never see this message's E fragment: a placeholder end takes a TSN
            // that is never sent, so that a FORWARD TSN can skip to the end of the message.
            final SentChunk end = new SentChunk(new OutgoingChunk(chunk.messageId(), chunk.streamId(), chunk.ssn(),
                                                        chunk.ppid(), EMPTY, false, true, chunk.unordered(),
                                                        0, Long.MIN_VALUE), item.sentNanos, 0, Long.MIN_VALUE);
            end.ack = SentChunk.AckState.ACKED;
            append(end);
        }
        for (int i = 0; i < count; i++) {
            final SentChunk other = at(i);
            if (other.lifecycle != SentChunk.Lifecycle.ABANDONED && other.chunk.messageId() == chunk.messageId()) {
                if (other.lifecycle == SentChunk.Lifecycle.TO_BE_RETRANSMITTED) {
                    toRetransmit.remove(lastCumulativeAck + 1 + i);
                    toFastRetransmit.remove(lastCumulativeAck + 1 + i);
                }
                other.lifecycle = SentChunk.Lifecycle.ABANDONED;
            }
        }
    }

    private List<ChunkToSend> take(TreeSet<Long> marked, int maxBytes) {
        final List<ChunkToSend> chunks = new ArrayList<>();
        int remaining = maxBytes;
        final Iterator<Long> it = marked.iterator();
        while (it.hasNext() && remaining > OutgoingChunk.DATA_CHUNK_HEADER_SIZE) {
            final long tsn = it.next();
            final SentChunk item = get(tsn);
            if (item.size > remaining) {
                continue;
            }
            item.markRetransmitted();
            unackedBytes += item.size;
            remaining -= item.size;
            chunks.add(new ChunkToSend(tsn & SeqNum32.MAX_VALUE, item.chunk));
            it.remove();
        }
        return chunks;
    }

    private void append(SentChunk item) {
        if (count == ring.length) {
            final SentChunk[] grown = new SentChunk[ring.length * 2];
            for (int i = 0; i < count; i++) {
                grown[i] = at(i);
            }
            ring = grown;
            head = 0;
        }
        ring[(head + count) & (ring.length - 1)] = item;
        count++;
        if (item.isPartiallyReliable()) {
            partiallyReliableItems++;
        }
    }

    private SentChunk at(int index) {
        return ring[(head + index) & (ring.length - 1)];
    }

    private SentChunk get(long tsn) {
        return at((int) (tsn - lastCumulativeAck - 1));
    }

    @Override
    public String toString() {
        return "OutstandingData{lastCumulativeAck=" + (lastCumulativeAck & SeqNum32.MAX_VALUE)
               + ", chunks=" + count + ", unackedBytes=" + unackedBytes + ", toRetransmit="
               + toRetransmit.size() + '+' + toFastRetransmit.size() + '}';
    }

    /** For tests: the state of each chunk from the cumulative ack point on. */
    List<String> statesForTesting() {
        final String[] states = new String[count];
        for (int i = 0; i < count; i++) {
            states[i] = at(i).describe();
        }
        return Arrays.asList(states);
    }
}
