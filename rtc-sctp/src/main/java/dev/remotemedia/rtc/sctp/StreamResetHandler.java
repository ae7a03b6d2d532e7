package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.sctp.packet.AddIncomingStreamsRequestParameter;
import dev.remotemedia.rtc.sctp.packet.AddOutgoingStreamsRequestParameter;
import dev.remotemedia.rtc.sctp.packet.IncomingSsnResetRequestParameter;
import dev.remotemedia.rtc.sctp.packet.OutgoingSsnResetRequestParameter;
import dev.remotemedia.rtc.sctp.packet.Parameter;
import dev.remotemedia.rtc.sctp.packet.ReConfigChunk;
import dev.remotemedia.rtc.sctp.packet.ReconfigurationResponseParameter;
import dev.remotemedia.rtc.sctp.packet.ReconfigurationResponseParameter.Result;
import dev.remotemedia.rtc.sctp.rx.DataTracker;
import dev.remotemedia.rtc.sctp.rx.ReassemblyQueue;
import dev.remotemedia.rtc.sctp.timer.Timer;
import dev.remotemedia.rtc.sctp.timer.TimerManager;
import dev.remotemedia.rtc.sctp.timer.TimerOptions;
import dev.remotemedia.rtc.sctp.tx.RetransmissionQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * Stream reset (<a href="https://www.rfc-editor.org/rfc/rfc6525">RFC 6525</a>), the way WebRTC
 * closes a data channel: we send Outgoing SSN Reset Requests for our streams once their queued
 * messages are sent, and answer the peer's. One request is in flight at a time (§5.1.1); more
 * streams wait for the next one.
 *
 * <p>A peer's request whose Sender's Last Assigned TSN we have not yet received all data up to is
 * deferred (§5.2.2): answered "in progress" and performed once the data is in. As dcSCTP does, a
 * request answered "in progress" is retried with a new request sequence number; one that gets no
 * answer is resent unchanged.
 */
final class StreamResetHandler {

    private static final class Request {
        final List<Integer> streamIds;
        final long lastAssignedTsn;
        /** -1 until sent; cleared again after "in progress" so the retry gets a new number. */
        long sequenceNumber = -1;

        Request(List<Integer> streamIds, long lastAssignedTsn) {
            this.streamIds = streamIds;
            this.lastAssignedTsn = lastAssignedTsn;
        }
    }

    private final SctpAssociation association;
    private final TransmissionControlBlock tcb;
    private final RetransmissionQueue retransmissionQueue;
    private final DataTracker dataTracker;
    private final ReassemblyQueue reassemblyQueue;
    private final Timer reconfigTimer;
    /** RFC 6525 §5.1.1: initialized to our initial TSN. */
    private long nextRequestSequenceNumber;
    private @Nullable Request current;
    /** The last request sequence number of the peer we processed, and what we answered. */
    private long lastProcessedSequenceNumber;
    private Result lastProcessedResult = Result.SUCCESS_NOTHING_TO_DO;
    private @Nullable OutgoingSsnResetRequestParameter deferred;
    /** The last incoming reset performed, so a retry of it under a new number is not reported twice. */
    private @Nullable OutgoingSsnResetRequestParameter lastPerformed;
    /** After a refused request, no new one until the RE-CONFIG timer fires (so a denial is not hammered). */
    private boolean holdingOff;

    StreamResetHandler(SctpAssociation association, TransmissionControlBlock tcb, TimerManager timers,
                       RetransmissionQueue retransmissionQueue, DataTracker dataTracker,
                       ReassemblyQueue reassemblyQueue, long localInitialTsn, long peerInitialTsn) {
        this.association = association;
        this.tcb = tcb;
        this.retransmissionQueue = retransmissionQueue;
        this.dataTracker = dataTracker;
        this.reassemblyQueue = reassemblyQueue;
        nextRequestSequenceNumber = localInitialTsn;
        lastProcessedSequenceNumber = SeqNum32.add(peerInitialTsn, -1);
        reconfigTimer = timers.create("re-config", TimerOptions.exponential(
                tcb.rtoNanos(), association.options().maxTimerBackoff().toNanos(), TimerOptions.UNLIMITED_RESTARTS),
                this::onReconfigTimerExpiry);
    }

    void close() {
        reconfigTimer.close();
    }

    /** Pauses {@code streamIds}; the request goes out once they are drained. */
    void resetStreams(int... streamIds) {
        for (int streamId : streamIds) {
            retransmissionQueue.prepareResetStream(streamId);
        }
    }

    /** Returns a RE-CONFIG with a new request, if one may go now and streams are ready for it. */
    @Nullable ReConfigChunk makeRequest() {
        if (current != null || holdingOff || !retransmissionQueue.hasStreamsReadyToBeReset()) {
            return null;
        }
        final long lastAssignedTsn = retransmissionQueue.lastAssignedTsn();
        current = new Request(retransmissionQueue.beginResetStreams(), lastAssignedTsn);
        startTimer();
        return requestChunk(current);
    }

    private ReConfigChunk requestChunk(Request request) {
        if (request.sequenceNumber < 0) {
            request.sequenceNumber = nextRequestSequenceNumber;
            nextRequestSequenceNumber = SeqNum32.add(nextRequestSequenceNumber, 1);
        }
        return new ReConfigChunk(List.of(new OutgoingSsnResetRequestParameter(
                request.sequenceNumber, lastProcessedSequenceNumber, request.lastAssignedTsn, request.streamIds)));
    }

    void handleReConfig(ReConfigChunk chunk) {
        final List<Parameter> responses = new ArrayList<>();
        for (Parameter parameter : chunk.parameters()) {
            if (parameter instanceof OutgoingSsnResetRequestParameter request) {
                responses.add(handleOutgoingResetRequest(request));
            } else if (parameter instanceof ReconfigurationResponseParameter response) {
                handleResponse(response);
            } else if (parameter instanceof IncomingSsnResetRequestParameter request) {
                // WebRTC resets only its own outgoing streams; asking us to reset ours is refused.
                responses.add(deny(request.requestSequenceNumber()));
            } else if (parameter instanceof AddOutgoingStreamsRequestParameter request) {
                responses.add(deny(request.requestSequenceNumber()));
            } else if (parameter instanceof AddIncomingStreamsRequestParameter request) {
                responses.add(deny(request.requestSequenceNumber()));
            }
        }
        final PacketBuilder builder = tcb.packetBuilder();
        if (!responses.isEmpty()) {
            builder.add(new ReConfigChunk(responses));
        }
        // A response may have ended our request: the next one (if streams wait) goes out now.
        tcb.sendBufferedPackets(builder);
    }

    private ReconfigurationResponseParameter deny(long sequenceNumber) {
        if (sequenceNumber == SeqNum32.add(lastProcessedSequenceNumber, 1)) {
            lastProcessedSequenceNumber = sequenceNumber;
            lastProcessedResult = Result.DENIED;
        }
        return new ReconfigurationResponseParameter(sequenceNumber, Result.DENIED, null);
    }

    /** RFC 6525 §5.2.2. */
    private ReconfigurationResponseParameter handleOutgoingResetRequest(OutgoingSsnResetRequestParameter request) {
        final long sequenceNumber = request.requestSequenceNumber();
        if (sequenceNumber == lastProcessedSequenceNumber) {
            // A retransmission: answer as before (or with the outcome of a deferred reset since).
            return new ReconfigurationResponseParameter(sequenceNumber, lastProcessedResult, null);
        }
        if (sequenceNumber != SeqNum32.add(lastProcessedSequenceNumber, 1)) {
            return new ReconfigurationResponseParameter(sequenceNumber, Result.ERROR_BAD_SEQUENCE_NUMBER, null);
        }
        lastProcessedSequenceNumber = sequenceNumber;
        if (sameReset(request, lastPerformed)) {
            // A retry, under a new number, of a reset we performed after answering "in progress".
            lastProcessedResult = Result.SUCCESS_PERFORMED;
        } else if (dataTracker.isAheadOfCumulativeTsnAck(request.sendersLastAssignedTsn())) {
            // E2: data sent before the reset is still missing; reset once it is in.
            reassemblyQueue.enterDeferredReset(request.sendersLastAssignedTsn(), request.streamIds());
            if (deferred == null) {
                deferred = request;
            }
            lastProcessedResult = Result.IN_PROGRESS;
        } else {
            performIncomingReset(request);
        }
        return new ReconfigurationResponseParameter(sequenceNumber, lastProcessedResult, null);
    }

    /**
     * Performs a deferred incoming reset once every TSN up to its last assigned TSN has arrived;
     * returns whether it did.
     */
    boolean maybePerformDeferredReset() {
        final OutgoingSsnResetRequestParameter request = deferred;
        if (request != null && !dataTracker.isAheadOfCumulativeTsnAck(request.sendersLastAssignedTsn())) {
            deferred = null;
            performIncomingReset(request);
            return true;
        }
        return false;
    }

    private void performIncomingReset(OutgoingSsnResetRequestParameter request) {
        reassemblyQueue.resetStreamsAndLeaveDeferredReset(request.streamIds());
        lastPerformed = request;
        lastProcessedResult = Result.SUCCESS_PERFORMED;
        association.emit(new SctpEvent.StreamsReset(SctpEvent.Direction.INCOMING, request.streamIds()));
    }

    private static boolean sameReset(OutgoingSsnResetRequestParameter a, @Nullable OutgoingSsnResetRequestParameter b) {
        return b != null && a.sendersLastAssignedTsn() == b.sendersLastAssignedTsn()
               && a.streamIds().equals(b.streamIds());
    }

    private void handleResponse(ReconfigurationResponseParameter response) {
        final Request request = current;
        if (request == null || request.sequenceNumber < 0
            || response.responseSequenceNumber() != request.sequenceNumber) {
            return;
        }
        reconfigTimer.stop();
        switch (response.result()) {
            case SUCCESS_NOTHING_TO_DO:
            case SUCCESS_PERFORMED:
                current = null;
                retransmissionQueue.commitResetStreams();
                association.emit(new SctpEvent.StreamsReset(SctpEvent.Direction.OUTGOING, request.streamIds));
                break;
            case IN_PROGRESS:
                request.sequenceNumber = -1;
                startTimer();
                break;
            default:
                current = null;
                retransmissionQueue.rollbackResetStreams();
                association.emit(new SctpEvent.StreamsResetFailed(request.streamIds, response.result().name()));
                // The streams stay paused and are asked for again after an RTO.
                holdingOff = true;
                startTimer();
                break;
        }
    }

    private void startTimer() {
        reconfigTimer.setDurationNanos(tcb.rtoNanos());
        reconfigTimer.start(association.now());
    }

    private void onReconfigTimerExpiry(Timer timer, long nowNanos) {
        final Request request = current;
        if (request == null) {
            timer.stop();
            holdingOff = false;
            tcb.sendBufferedPackets();
            return;
        }
        if (request.sequenceNumber >= 0) {
            // Sent and unanswered: that counts against Association.Max.Retrans.
            tcb.incrementTxErrors();
        }
        association.send(tcb.packetBuilder().add(requestChunk(request)));
    }
}
