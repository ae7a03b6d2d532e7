package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.sctp.packet.CookieEchoChunk;
import dev.remotemedia.rtc.sctp.packet.DataChunk;
import dev.remotemedia.rtc.sctp.packet.ErrorChunk;
import dev.remotemedia.rtc.sctp.packet.ForwardTsnChunk;
import dev.remotemedia.rtc.sctp.packet.InvalidStreamIdentifierCause;
import dev.remotemedia.rtc.sctp.packet.NoUserDataCause;
import dev.remotemedia.rtc.sctp.packet.OutOfResourceCause;
import dev.remotemedia.rtc.sctp.packet.ReConfigChunk;
import dev.remotemedia.rtc.sctp.packet.SackChunk;
import dev.remotemedia.rtc.sctp.rx.DataFragment;
import dev.remotemedia.rtc.sctp.rx.DataTracker;
import dev.remotemedia.rtc.sctp.rx.ForwardTsn;
import dev.remotemedia.rtc.sctp.rx.ReassemblyEvent;
import dev.remotemedia.rtc.sctp.rx.ReassemblyQueue;
import dev.remotemedia.rtc.sctp.rx.SelectiveAck;
import dev.remotemedia.rtc.sctp.timer.Timer;
import dev.remotemedia.rtc.sctp.timer.TimerManager;
import dev.remotemedia.rtc.sctp.timer.TimerOptions;
import dev.remotemedia.rtc.sctp.tx.ChunkToSend;
import dev.remotemedia.rtc.sctp.tx.OutgoingChunk;
import dev.remotemedia.rtc.sctp.tx.RetransmissionQueue;
import dev.remotemedia.rtc.sctp.tx.RetransmissionTimeout;
import dev.remotemedia.rtc.sctp.tx.SackResult;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import dev.remotemedia.rtc.sctp.tx.SendQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * The Transmission Control Block of RFC 9260 §14: everything an association knows once both tags
 * are known, and its data path. DATA goes through {@link DataTracker} and {@link ReassemblyQueue} to
 * {@link SctpEvent.MessageReceived}; SACKs and FORWARD TSNs come back; outgoing messages go from the
 * {@link SendQueue} through the {@link RetransmissionQueue} into packets of at most the MTU, with a
 * pending SACK, FORWARD TSN or RE-CONFIG bundled in front. Owns the delayed-ack and T3-rtx timers,
 * the {@link HeartbeatHandler} and the {@link StreamResetHandler}.
 */
final class TransmissionControlBlock {

    private final SctpAssociation association;
    private final PeerParameters peer;
    private final SctpOptions options;
    private final SendQueue sendQueue;
    private final Timer delayedAckTimer;
    private final Timer t3Rtx;
    private final DataTracker dataTracker;
    private final ReassemblyQueue reassemblyQueue;
    private final RetransmissionTimeout rto;
    private final RetransmissionQueue retransmissionQueue;
    private final HeartbeatHandler heartbeat;
    private final StreamResetHandler streamReset;
    private @Nullable CookieEchoChunk cookieEcho;
    /** The association error counter of RFC 9260 §8.1. */
    private int txErrors;
    private long retransmittedChunks;

    TransmissionControlBlock(SctpAssociation association, PeerParameters peer, SendQueue sendQueue,
                             TimerManager timers) {
        this.association = association;
        this.peer = peer;
        this.sendQueue = sendQueue;
        options = association.options();
        delayedAckTimer = timers.create("delayed-ack", TimerOptions.oneShot(options.delayedAckTimeout().toNanos()),
                                        this::onDelayedAckExpiry);
        t3Rtx = timers.create("t3-rtx", TimerOptions.oneShot(options.rtoInitial().toNanos()), this::onT3RtxExpiry);
        dataTracker = new DataTracker(peer.peerInitialTsn(), delayedAckTimer);
        reassemblyQueue = new ReassemblyQueue(peer.peerInitialTsn(), options.receiveWindowBytes(),
                                              options.maxMessageSize());
        rto = new RetransmissionTimeout(options);
        retransmissionQueue = new RetransmissionQueue(options, peer.localInitialTsn(), peer.peerReceiverWindow(),
                                                      peer.capabilities().partialReliability(), sendQueue, rto, t3Rtx);
        heartbeat = new HeartbeatHandler(association, this, timers);
        heartbeat.restartIntervalTimer(association.now());
        streamReset = new StreamResetHandler(association, this, timers, retransmissionQueue, dataTracker,
                                             reassemblyQueue, peer.localInitialTsn(), peer.peerInitialTsn());
    }

    long localTag() {
        return peer.localTag();
    }

    long peerTag() {
        return peer.peerTag();
    }

    long tieTag() {
        return peer.tieTag();
    }

    long localInitialTsn() {
        return peer.localInitialTsn();
    }

    Capabilities capabilities() {
        return peer.capabilities();
    }

    long nextTsn() {
        return retransmissionQueue.nextTsn();
    }

    long cumulativeTsnAck() {
        return dataTracker.cumulativeTsnAck();
    }

    long rtoNanos() {
        return rto.rtoNanos();
    }

    void observeRtt(long rttNanos) {
        rto.observeRtt(rttNanos);
    }

    HeartbeatHandler heartbeat() {
        return heartbeat;
    }

    StreamResetHandler streamReset() {
        return streamReset;
    }

    /** Returns a builder for a packet to the peer: its tag, our ports, the MTU. */
    PacketBuilder packetBuilder() {
        return association.packetBuilder(peer.peerTag());
    }

    void setCookieEcho(CookieEchoChunk chunk) {
        cookieEcho = chunk;
    }

    void clearCookieEcho() {
        cookieEcho = null;
    }

    /** Returns whether every message sent was acknowledged (or abandoned and skipped) and none waits. */
    boolean isAllDataAcknowledged() {
        return retransmissionQueue.outstandingChunkCount() == 0 && sendQueue.isEmpty();
    }

    void incrementTxErrors() {
        txErrors++;
    }

    void clearTxErrors() {
        txErrors = 0;
    }

    /** RFC 9260 §8.1: more consecutive errors than Association.Max.Retrans make the peer unreachable. */
    boolean hasTooManyTxErrors() {
        return txErrors > options.maxRetransmissions();
    }

    void close() {
        heartbeat.close();
        streamReset.close();
        delayedAckTimer.close();
        t3Rtx.close();
    }

    void sendBufferedPackets() {
        sendBufferedPackets(packetBuilder());
    }

    /**
     * Sends what may be sent now, up to Max.Burst packets (RFC 9260 §6.1): the first starts with
     * whatever {@code builder} holds and the pending control chunks, then DATA fills each packet.
     * While a COOKIE ECHO is outstanding only it is sent (§5.1).
     */
    void sendBufferedPackets(PacketBuilder builder) {
        final long now = association.now();
        if (cookieEcho != null) {
            association.send(builder.add(cookieEcho));
            return;
        }
        for (int packets = 0; packets < options.maxBurst(); packets++) {
            if (packets == 0) {
                addControlChunks(builder, now);
            }
            if (retransmissionQueue.canSendData()) {
                final long nextTsn = retransmissionQueue.nextTsn();
                addDataChunks(builder, retransmissionQueue.getChunksToSend(now, builder.bytesRemaining()), nextTsn);
            }
            if (builder.isEmpty()) {
                return;
            }
            association.send(builder);
            if (!retransmissionQueue.canSendData() || !retransmissionQueue.hasDataToSend()) {
                return;
            }
        }
    }

    private void addControlChunks(PacketBuilder builder, long now) {
        if (dataTracker.isSackPending()) {
            builder.add(createSack());
        }
        if (retransmissionQueue.shouldSendForwardTsn(now)) {
            final ForwardTsn forwardTsn = retransmissionQueue.createForwardTsn();
            final List<ForwardTsnChunk.SkippedStream> skipped = new ArrayList<>(forwardTsn.skippedStreams().size());
            for (ForwardTsn.SkippedStream stream : forwardTsn.skippedStreams()) {
                skipped.add(new ForwardTsnChunk.SkippedStream(stream.streamId(), stream.ssn()));
            }
            builder.add(new ForwardTsnChunk(forwardTsn.newCumulativeTsn(), skipped));
        }
        final ReConfigChunk reconfig = streamReset.makeRequest();
        if (reconfig != null) {
            builder.add(reconfig);
        }
    }

    /** Adds DATA chunks; those with a TSN before {@code nextTsn} (assigned earlier) are retransmissions. */
    private void addDataChunks(PacketBuilder builder, List<ChunkToSend> chunks, long nextTsn) {
        for (ChunkToSend toSend : chunks) {
            final OutgoingChunk chunk = toSend.chunk();
            builder.add(new DataChunk(toSend.tsn(), chunk.streamId(), chunk.ssn(), chunk.ppid(), chunk.payload(),
                                      chunk.unordered(), chunk.beginning(), chunk.ending(), false));
            if (SeqNum32.isNewer(nextTsn, toSend.tsn())) {
                retransmittedChunks++;
            }
        }
    }

    private SackChunk createSack() {
        final SelectiveAck sack = dataTracker.createSack(reassemblyQueue.remainingBytes());
        final List<SackChunk.GapAckBlock> blocks = new ArrayList<>(sack.gapAckBlocks().size());
        for (SelectiveAck.GapAckBlock block : sack.gapAckBlocks()) {
            blocks.add(new SackChunk.GapAckBlock(block.start(), block.end()));
        }
        return new SackChunk(sack.cumulativeTsnAck(), sack.advertisedReceiverWindowCredit(), blocks,
                             sack.duplicateTsns());
    }

    /** RFC 9260 §6.2, §6.5, §6.9. */
    void handleData(DataChunk chunk) {
        final long tsn = chunk.tsn();
        if (chunk.payload().isEmpty()) {
            // §6.2: "it MUST send an ABORT with a 'No User Data' error cause".
            association.abortWithCause(ErrorKind.PROTOCOL_VIOLATION, "DATA chunk TSN " + tsn + " without user data",
                                       new NoUserDataCause(tsn));
            return;
        }
        switch (reassemblyQueue.admit(chunk.payload().length(), dataTracker.willIncreaseCumulativeTsnAck(tsn))) {
            case EXHAUSTED:
                association.abortWithCause(ErrorKind.RESOURCE_EXHAUSTION, "receive window full and cannot drain",
                                           new OutOfResourceCause());
                return;
            case DROP:
                dataTracker.forceImmediateSack();
                return;
            default:
                break;
        }
        if (!dataTracker.observe(tsn, chunk.immediate())) {
            return;
        }
        if (chunk.streamId() >= peer.inboundStreams()) {
            // §6.5: acknowledge it, report it, discard it.
            association.send(packetBuilder().add(new ErrorChunk(List.of(
                    new InvalidStreamIdentifierCause(chunk.streamId())))));
            association.reportError(ErrorKind.PROTOCOL_VIOLATION, "DATA on stream " + chunk.streamId()
                                    + " (expected: < " + peer.inboundStreams() + " inbound streams)");
            return;
        }
        reassemblyQueue.add(new DataFragment(tsn, chunk.streamId(), chunk.ssn(), chunk.ppid(), chunk.payload(),
                                             chunk.beginning(), chunk.end(), chunk.unordered()));
        deliverMessagesAndDeferredResets();
    }

    /** RFC 3758 §3.6. */
    void handleForwardTsn(ForwardTsnChunk chunk) {
        if (!peer.capabilities().partialReliability()) {
            association.reportError(ErrorKind.PROTOCOL_VIOLATION, "FORWARD TSN, which the peer did not announce");
            return;
        }
        if (!dataTracker.handleForwardTsn(chunk.newCumulativeTsn())) {
            return;
        }
        final List<ForwardTsn.SkippedStream> skipped = new ArrayList<>(chunk.skippedStreams().size());
        for (ForwardTsnChunk.SkippedStream stream : chunk.skippedStreams()) {
            skipped.add(new ForwardTsn.SkippedStream(stream.streamId(), stream.ssn()));
        }
        reassemblyQueue.handleForwardTsn(new ForwardTsn(chunk.newCumulativeTsn(), skipped));
        deliverMessagesAndDeferredResets();
    }

    /** RFC 9260 §6.2.1. */
    void handleSack(SackChunk chunk) {
        final List<SelectiveAck.GapAckBlock> blocks = new ArrayList<>(chunk.gapAckBlocks().size());
        for (SackChunk.GapAckBlock block : chunk.gapAckBlocks()) {
            blocks.add(new SelectiveAck.GapAckBlock(block.start(), block.end()));
        }
        applySack(new SelectiveAck(chunk.cumulativeTsnAck(), chunk.advertisedReceiverWindowCredit(), blocks,
                                   chunk.duplicateTsns()));
    }

    /** §9.2: a SHUTDOWN's Cumulative TSN Ack acknowledges like a SACK without gap blocks. */
    void handleShutdownCumulativeAck(long cumulativeTsnAck) {
        final long window = Math.min(retransmissionQueue.rwnd() + retransmissionQueue.unackedBytes(), 0xFFFF_FFFFL);
        applySack(new SelectiveAck(cumulativeTsnAck, window, List.of(), List.of()));
    }

    private void applySack(SelectiveAck sack) {
        final long now = association.now();
        final SackResult result = retransmissionQueue.handleSack(now, sack);
        if (!result.accepted()) {
            return;
        }
        if (result.bytesAcked() > 0) {
            // §8.3: data acknowledged shows the peer is reachable.
            clearTxErrors();
        }
        association.shutdownHandler().maybeSendShutdownOrAck();
        if (association.tcb() != this) {
            return;
        }
        if (retransmissionQueue.hasDataToFastRetransmit()) {
            // §7.2.4: one packet of fast retransmissions at once, ignoring cwnd.
            final PacketBuilder builder = packetBuilder();
            if (dataTracker.isSackPending()) {
                builder.add(createSack());
            }
            addDataChunks(builder, retransmissionQueue.getChunksForFastRetransmit(now, builder.bytesRemaining()),
                          retransmissionQueue.nextTsn());
            association.send(builder);
        }
        sendBufferedPackets();
    }

    /** After all chunks of a packet: a SACK may have become due (RFC 9260 §6.2). */
    void onPacketEnd() {
        dataTracker.observePacketEnd(association.now());
        if (dataTracker.shouldSendSackNow()) {
            sendBufferedPackets();
        }
    }

    /**
     * Delivers what reassembly completed, then performs a deferred stream reset the data may have
     * completed, then delivers what that released: messages sent before a reset come before it.
     */
    private void deliverMessagesAndDeferredResets() {
        deliverMessages();
        if (streamReset.maybePerformDeferredReset()) {
            deliverMessages();
        }
    }

    private void deliverMessages() {
        for (ReassemblyEvent event = reassemblyQueue.poll(); event != null; event = reassemblyQueue.poll()) {
            if (event instanceof ReassemblyEvent.MessageReady message) {
                association.deliver(message.streamId(), message.ppid(), message.payload());
            } else if (event instanceof ReassemblyEvent.MessageTooLarge tooLarge) {
                association.reportError(ErrorKind.RESOURCE_EXHAUSTION, "message on stream " + tooLarge.streamId()
                                        + " dropped: larger than " + tooLarge.maxMessageSize() + " bytes");
            }
        }
    }

    private void onDelayedAckExpiry(Timer timer, long nowNanos) {
        dataTracker.handleDelayedAckTimerExpiry();
        if (dataTracker.shouldSendSackNow()) {
            sendBufferedPackets();
        }
    }

    private void onT3RtxExpiry(Timer timer, long nowNanos) {
        // §6.3.3 E1-E3 (in the retransmission queue), and §8.3: an expiry is an error.
        incrementTxErrors();
        retransmissionQueue.handleT3RtxTimerExpiry(nowNanos);
        sendBufferedPackets();
    }

    long retransmittedChunks() {
        return retransmittedChunks;
    }

    long cwnd() {
        return retransmissionQueue.cwnd();
    }

    long srttNanos() {
        return rto.srttNanos();
    }

    long peerReceiverWindow() {
        return retransmissionQueue.rwnd();
    }

    long outstandingBytes() {
        return retransmissionQueue.unackedBytes();
    }
}
