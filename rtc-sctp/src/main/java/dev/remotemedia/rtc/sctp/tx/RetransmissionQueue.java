package dev.remotemedia.rtc.sctp.tx;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import dev.remotemedia.rtc.sctp.rx.ForwardTsn;
import dev.remotemedia.rtc.sctp.rx.SelectiveAck;
import dev.remotemedia.rtc.sctp.timer.Timer;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending half of the association's data path, modelled on dcSCTP's {@code
 * RetransmissionQueue}: assigns TSNs to chunks from the {@link SendQueue}, keeps them until they
 * are acknowledged, retransmits (fast retransmit on three miss indications, RFC 9260 §7.2.4; all
 * at a T3-rtx expiry, §6.3.3), abandons partially reliable messages and computes the FORWARD TSN
 * that skips them (RFC 3758 §3.5), and runs congestion control for the one path (RFC 9260 §7.2):
 * slow start, congestion avoidance with partial_bytes_acked, fast recovery, and the peer's rwnd.
 *
 * <p>It owns the T3-rtx timer's state: it starts, restarts and stops it and sets its duration to
 * the current RTO. The association creates that timer (fixed backoff; this class backs off the RTO
 * itself) with a handler that counts the error (RFC 9260 §8.3), calls {@link
 * #handleT3RtxTimerExpiry} and sends. To fill a packet it calls {@link
 * #getChunksForFastRetransmit} while {@link #hasDataToFastRetransmit()} (ignoring cwnd, one packet),
 * then {@link #getChunksToSend} while {@link #canSendData()} (at most Max.Burst packets).
 *
 * <p>Not thread-safe: use it from the loop that owns the association.
 */
public final class RetransmissionQueue {

    /** From this congestion window on (in MTUs), DATA is only sent a whole packet at a time. */
    static final int AVOID_FRAGMENTATION_CWND_MTUS = 6;

    private final long mtu;
    private final long fullPacketDataBytes;
    private final boolean partialReliability;
    private final SendQueue sendQueue;
    private final RetransmissionTimeout rto;
    private final Timer t3Rtx;
    private final OutstandingData outstanding;
    private long cwnd;
    private long ssthresh;
    private long rwnd;
    private long partialBytesAcked;
    private boolean inFastRecovery;
    private long fastRecoveryExitTsn;

    /**
     * @param myInitialTsn the Initial TSN this endpoint announced
     * @param peerReceiverWindow the a_rwnd from the peer's INIT or INIT ACK
     * @param partialReliability whether the peer supports FORWARD TSN; without it every message
     *     is sent reliably
     */
    public RetransmissionQueue(SctpOptions options, long myInitialTsn, long peerReceiverWindow,
                               boolean partialReliability, SendQueue sendQueue, RetransmissionTimeout rto,
                               Timer t3Rtx) {
        requireNonNull(options, "options");
        this.sendQueue = requireNonNull(sendQueue, "sendQueue");
        this.rto = requireNonNull(rto, "rto");
        this.t3Rtx = requireNonNull(t3Rtx, "t3Rtx");
        if (peerReceiverWindow < 0) {
            throw new IllegalArgumentException("peerReceiverWindow: " + peerReceiverWindow + " (expected: >= 0)");
        }
        mtu = options.mtu();
        fullPacketDataBytes = (mtu - SctpPacket.COMMON_HEADER_SIZE) & ~3;
        this.partialReliability = partialReliability;
        outstanding = new OutstandingData(myInitialTsn, sendQueue::discard);
        cwnd = options.initialCwndBytes();
        rwnd = peerReceiverWindow;
        // RFC 9260 §7.2.1: the initial ssthresh MAY be arbitrarily high, such as the peer's a_rwnd.
        ssthresh = peerReceiverWindow;
    }

    /**
     * Processes a SACK (RFC 9260 §6.2.1): acks and nacks chunks, samples the RTT, updates
     * cwnd, ssthresh and rwnd, and restarts or stops T3-rtx.
     */
    public SackResult handleSack(long nowNanos, SelectiveAck sack) {
        requireNonNull(sack, "sack");
        final long oldCumulative = outstanding.lastCumulativeAck();
        final long cumulative = oldCumulative + SeqNum32.delta(oldCumulative & SeqNum32.MAX_VALUE,
                                                               sack.cumulativeTsnAck());
        if (cumulative < oldCumulative || cumulative > outstanding.highestOutstandingTsn()) {
            return SackResult.REJECTED;
        }
        final long oldUnacked = outstanding.unackedBytes();
        if (sack.gapAckBlocks().isEmpty()) {
            final long rtt = outstanding.measureRttNanos(nowNanos, cumulative);
            if (rtt >= 0) {
                rto.observeRtt(rtt);
            }
        }
        // RFC 9260 §7.2.4: Fast Recovery ends once its exit point is acknowledged.
        if (inFastRecovery && cumulative >= fastRecoveryExitTsn) {
            inFastRecovery = false;
        }
        final OutstandingData.AckInfo info = outstanding.handleSack(cumulative, sack.gapAckBlocks(), inFastRecovery);
        // RFC 9260 §6.2.1: rwnd = a_rwnd minus the bytes still in flight.
        rwnd = Math.max(0, sack.advertisedReceiverWindowCredit() - outstanding.unackedBytes());
        final boolean advanced = cumulative > oldCumulative;
        if (advanced) {
            // RFC 9260 §6.3.2 R3: restart T3-rtx when the earliest outstanding chunk is acked.
            t3Rtx.stop();
            growCongestionWindow(oldUnacked, info.bytesAcked);
        }
        if (info.hasPacketLoss) {
            enterFastRecovery();
        }
        if (outstanding.isEmpty()) {
            // RFC 9260 §7.2.2: all data acknowledged resets partial_bytes_acked.
            partialBytesAcked = 0;
        } else if (!t3Rtx.isRunning()) {
            startT3(nowNanos);
        }
        return new SackResult(true, info.bytesAcked, advanced, info.hasPacketLoss);
    }

    /**
     * Handles a T3-rtx expiry (RFC 9260 §6.3.3, §7.2.3): ssthresh = max(cwnd/2, 4 MTU), cwnd = 1
     * MTU, RTO doubled, every chunk not acked marked for retransmission, timer restarted.
     */
    public void handleT3RtxTimerExpiry(long nowNanos) {
        ssthresh = Math.max(cwnd / 2, 4 * mtu);
        cwnd = mtu;
        partialBytesAcked = 0;
        rto.backOff();
        outstanding.nackAll();
        if (!outstanding.isEmpty()) {
            startT3(nowNanos);
        } else {
            t3Rtx.stop();
        }
    }

    /** Returns whether chunks wait for a fast retransmit. */
    public boolean hasDataToFastRetransmit() {
        return outstanding.hasDataToBeFastRetransmitted();
    }

    /**
     * Returns the chunks to fast-retransmit that fit in one packet with {@code bytesInPacket} bytes
     * of room, regardless of cwnd (RFC 9260 §7.2.4 step 3); those that do not fit are retransmitted
     * later as cwnd allows.
     */
    public List<ChunkToSend> getChunksForFastRetransmit(long nowNanos, int bytesInPacket) {
        final List<ChunkToSend> chunks = outstanding.takeChunksToFastRetransmit(bytesInPacket & ~3);
        if (!chunks.isEmpty()) {
            // RFC 9260 §7.2.4 step 4: restart T3-rtx only if the first outstanding chunk is resent.
            if (chunks.get(0).tsn() == ((outstanding.lastCumulativeAck() + 1) & SeqNum32.MAX_VALUE)) {
                t3Rtx.stop();
            }
            if (!t3Rtx.isRunning()) {
                startT3(nowNanos);
            }
        }
        return chunks;
    }

    /**
     * Returns the chunks for a packet with {@code bytesRemainingInPacket} bytes of room, within
     * cwnd and rwnd: retransmissions first, then new chunks (which get their TSNs here).
     */
    public List<ChunkToSend> getChunksToSend(long nowNanos, int bytesRemainingInPacket) {
        if (partialReliability) {
            outstanding.expireChunks(nowNanos);
        }
        int room = (int) Math.min(maxBytesToSend(), bytesRemainingInPacket) & ~3;
        final List<ChunkToSend> chunks = new ArrayList<>();
        if (outstanding.hasDataToBeRetransmitted()) {
            chunks.addAll(outstanding.takeChunksToFastRetransmit(room));
            chunks.addAll(outstanding.takeChunksToRetransmit(room - sizeOf(chunks)));
            room -= sizeOf(chunks);
        }
        while (room > OutgoingChunk.DATA_CHUNK_HEADER_SIZE) {
            final OutgoingChunk chunk = sendQueue.produce(nowNanos, room - OutgoingChunk.DATA_CHUNK_HEADER_SIZE);
            if (chunk == null) {
                break;
            }
            final int size = chunk.serializedSize();
            room -= size;
            rwnd = Math.max(0, rwnd - size);
            final long tsn = partialReliability
                             ? outstanding.insert(chunk, nowNanos, chunk.maxRetransmits(), chunk.expiresAtNanos())
                             : outstanding.insert(chunk, nowNanos, SendOptions.UNLIMITED_RETRANSMITS, Long.MAX_VALUE);
            if (tsn >= 0) {
                chunks.add(new ChunkToSend(tsn, chunk));
            }
        }
        // RFC 9260 §6.3.2 R1: any DATA sent starts T3-rtx if it is not running.
        if (!chunks.isEmpty() && !t3Rtx.isRunning()) {
            startT3(nowNanos);
        }
        return chunks;
    }

    /**
     * Returns how many bytes of DATA chunks cwnd and rwnd allow now. With nothing in flight rwnd
     * does not limit it, so a zero window is probed (RFC 9260 §6.1 rule A).
     */
    public long maxBytesToSend() {
        final long unacked = outstanding.unackedBytes();
        final long left = Math.max(0, cwnd - unacked);
        return unacked == 0 ? left : Math.min(rwnd, left);
    }

    /** Returns whether the windows leave room for at least one byte of new or resent DATA. */
    public boolean canSendData() {
        final long maxBytes = maxBytesToSend();
        if (maxBytes <= OutgoingChunk.DATA_CHUNK_HEADER_SIZE) {
            return false;
        }
        // Sender-side silly window avoidance (as dcSCTP does): once the window is a few packets
        // wide, wait until a whole packet's worth of DATA fits. Otherwise every SACK that frees
        // part of a packet's room sends a small fragment, and each costs a packet's fixed work on
        // both sides (encryption, system calls, a SACK): a third of the packets of a bulk transfer
        // were such fragments. A small window keeps filling exactly, so slow start is unchanged.
        return cwnd < AVOID_FRAGMENTATION_CWND_MTUS * mtu || maxBytes >= fullPacketDataBytes;
    }

    /** Returns whether there is anything to send or resend. */
    public boolean hasDataToSend() {
        return outstanding.hasDataToBeRetransmitted() || !sendQueue.isEmpty();
    }

    /**
     * Expires chunks whose lifetime is over and returns whether a FORWARD TSN should go in the
     * next packet: the chunk after the cumulative ack point is abandoned.
     */
    public boolean shouldSendForwardTsn(long nowNanos) {
        if (!partialReliability) {
            return false;
        }
        outstanding.expireChunks(nowNanos);
        return outstanding.shouldSendForwardTsn();
    }

    /** Returns the FORWARD TSN to send; see {@link #shouldSendForwardTsn}. */
    public ForwardTsn createForwardTsn() {
        return outstanding.createForwardTsn();
    }

    /** Refuses new messages on {@code streamId} and resets it once drained; see {@link SendQueue}. */
    public void prepareResetStream(int streamId) {
        sendQueue.prepareResetStream(streamId);
    }

    /** Returns whether streams are ready for an Outgoing SSN Reset Request. */
    public boolean hasStreamsReadyToBeReset() {
        return sendQueue.hasStreamsReadyToBeReset();
    }

    /**
     * Returns the streams for an Outgoing SSN Reset Request, whose Sender's Last Assigned TSN is
     * {@link #lastAssignedTsn()}; FORWARD TSNs will not cross this point.
     */
    public List<Integer> beginResetStreams() {
        outstanding.beginResetStreams();
        return sendQueue.beginResetStreams();
    }

    /** The peer performed the reset; see {@link SendQueue#commitResetStreams()}. */
    public void commitResetStreams() {
        sendQueue.commitResetStreams();
    }

    /** The reset request failed; see {@link SendQueue#rollbackResetStreams()}. */
    public void rollbackResetStreams() {
        sendQueue.rollbackResetStreams();
    }

    /** Returns the TSN the next new chunk gets. */
    public long nextTsn() {
        return outstanding.nextTsn() & SeqNum32.MAX_VALUE;
    }

    /** Returns the last TSN assigned: RFC 6525's Sender's Last Assigned TSN. */
    public long lastAssignedTsn() {
        return (outstanding.nextTsn() - 1) & SeqNum32.MAX_VALUE;
    }

    /** Returns the peer's cumulative TSN ack point as last seen. */
    public long lastCumulativeTsnAck() {
        return outstanding.lastCumulativeAck() & SeqNum32.MAX_VALUE;
    }

    public long cwnd() {
        return cwnd;
    }

    public long ssthresh() {
        return ssthresh;
    }

    /** Returns the peer's receive window as estimated from its last a_rwnd and what was sent since. */
    public long rwnd() {
        return rwnd;
    }

    public long partialBytesAcked() {
        return partialBytesAcked;
    }

    /** Returns the flight size: bytes of DATA chunks sent and neither acked nor nacked. */
    public long unackedBytes() {
        return outstanding.unackedBytes();
    }

    /** Returns how many chunks are kept: sent and not yet covered by the cumulative TSN ack. */
    public int outstandingChunkCount() {
        return outstanding.size();
    }

    public boolean isInFastRecovery() {
        return inFastRecovery;
    }

    OutstandingData outstandingForTesting() {
        return outstanding;
    }

    private void growCongestionWindow(long flightBeforeSack, long bytesAcked) {
        // RFC 9260 §7.2.1: only grow a window that was in use (with an MTU of slack, as dcSCTP).
        final boolean fullyUtilized = flightBeforeSack + mtu >= cwnd;
        if (cwnd <= ssthresh) {
            // RFC 9260 §7.2.1 slow start: by at most min(bytes acked, L × MTU), L = 1.
            if (fullyUtilized && !inFastRecovery) {
                cwnd += Math.min(bytesAcked, mtu);
            }
            return;
        }
        // RFC 9260 §7.2.2 congestion avoidance: one MTU per cwnd of data acked.
        partialBytesAcked += bytesAcked;
        if (partialBytesAcked >= cwnd && fullyUtilized) {
            partialBytesAcked -= cwnd;
            cwnd += mtu;
        }
    }

    private void enterFastRecovery() {
        if (inFastRecovery) {
            // RFC 9260 §7.2.4: no further reduction while in Fast Recovery.
            return;
        }
        // RFC 9260 §7.2.3, §7.2.4.
        ssthresh = Math.max(cwnd / 2, 4 * mtu);
        cwnd = ssthresh;
        partialBytesAcked = 0;
        inFastRecovery = true;
        fastRecoveryExitTsn = outstanding.highestOutstandingTsn();
    }

    private void startT3(long nowNanos) {
        t3Rtx.setDurationNanos(rto.rtoNanos());
        t3Rtx.start(nowNanos);
    }

    private static int sizeOf(List<ChunkToSend> chunks) {
        int size = 0;
        for (ChunkToSend chunk : chunks) {
            size += chunk.chunk().serializedSize();
        }
        return size;
    }

    @Override
    public String toString() {
        return "RetransmissionQueue{cwnd=" + cwnd + ", ssthresh=" + ssthresh + ", rwnd=" + rwnd
               + ", pba=" + partialBytesAcked + ", " + outstanding + (inFastRecovery ? ", fast recovery" : "") + '}';
    }
}
