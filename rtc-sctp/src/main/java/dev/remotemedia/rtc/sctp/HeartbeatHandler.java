package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.sctp.packet.HeartbeatAckChunk;
import dev.remotemedia.rtc.sctp.packet.HeartbeatInfoParameter;
import dev.remotemedia.rtc.sctp.packet.HeartbeatRequestChunk;
import dev.remotemedia.rtc.sctp.timer.Timer;
import dev.remotemedia.rtc.sctp.timer.TimerManager;
import dev.remotemedia.rtc.sctp.timer.TimerOptions;

/**
 * Path heartbeats (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-8.3">RFC 9260 §8.3</a>):
 * after HB.interval + RTO without sending anything, send a HEARTBEAT carrying its send time; its
 * HEARTBEAT ACK gives an RTT sample and clears the error counter, and a missing one counts as an
 * error towards Association.Max.Retrans. Also answers the peer's HEARTBEATs.
 */
final class HeartbeatHandler {

    /** Heartbeat Info: our local tag (to recognise our own) and the send time in nanoseconds. */
    private static final int INFO_SIZE = 12;

    private final SctpAssociation association;
    private final TransmissionControlBlock tcb;
    private final long intervalNanos;
    private final Timer intervalTimer;
    private final Timer timeoutTimer;

    HeartbeatHandler(SctpAssociation association, TransmissionControlBlock tcb, TimerManager timers) {
        this.association = association;
        this.tcb = tcb;
        intervalNanos = association.options().heartbeatInterval().toNanos();
        intervalTimer = timers.create("heartbeat-interval", TimerOptions.oneShot(intervalNanos), this::onIntervalExpiry);
        timeoutTimer = timers.create("heartbeat-timeout", TimerOptions.oneShot(tcb.rtoNanos()), this::onTimeoutExpiry);
    }

    /**
     * Called for every packet sent with DATA or a HEARTBEAT: the path is not idle, so push the next
     * heartbeat back. Also started when the TCB is created.
     */
    void restartIntervalTimer(long nowNanos) {
        intervalTimer.setDurationNanos(Math.min(intervalNanos + tcb.rtoNanos(), TimerOptions.MAX_DURATION_NANOS));
        intervalTimer.start(nowNanos);
    }

    void close() {
        intervalTimer.close();
        timeoutTimer.close();
    }

    /** §8.3: "The receiver of the HEARTBEAT chunk SHOULD immediately respond with a HEARTBEAT ACK". */
    void handleRequest(HeartbeatRequestChunk request) {
        // The parameters are sent back as they came; serializing them copies their bytes now.
        association.send(tcb.packetBuilder().add(new HeartbeatAckChunk(request.parameters())));
    }

    void handleAck(HeartbeatAckChunk ack) {
        final HeartbeatInfoParameter info = ack.info();
        if (info == null || info.info().length() != INFO_SIZE
            || info.info().getUint32(0) != tcb.localTag()) {
            association.reportError(ErrorKind.PARSE_FAILED, "HEARTBEAT ACK with Heartbeat Info we did not send");
            return;
        }
        timeoutTimer.stop();
        final long sentNanos = info.info().getUint32(4) << 32 | info.info().getUint32(8);
        final long rttNanos = association.now() - sentNanos;
        if (rttNanos >= 0) {
            tcb.observeRtt(rttNanos);
        }
        // §8.3: "Upon the receipt of the HEARTBEAT ACK, the sender of the HEARTBEAT MUST clear the
        // error counter of the destination transport address ... and the association error counter".
        tcb.clearTxErrors();
    }

    private void onIntervalExpiry(Timer timer, long nowNanos) {
        if (association.associationState() != AssociationState.ESTABLISHED) {
            if (association.associationState() == AssociationState.COOKIE_ECHOED) {
                restartIntervalTimer(nowNanos);
            }
            return;
        }
        final byte[] bytes = new byte[INFO_SIZE];
        BigEndian.putUint32(bytes, 0, tcb.localTag());
        BigEndian.putUint32(bytes, 4, nowNanos >>> 32);
        BigEndian.putUint32(bytes, 8, nowNanos & 0xFFFF_FFFFL);
        timeoutTimer.setDurationNanos(tcb.rtoNanos());
        timeoutTimer.start(nowNanos);
        association.send(tcb.packetBuilder().add(HeartbeatRequestChunk.of(ByteView.of(bytes))));
    }

    private void onTimeoutExpiry(Timer timer, long nowNanos) {
        tcb.incrementTxErrors();
    }
}
