package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.sctp.packet.AbortChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownAckChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownCompleteChunk;
import dev.remotemedia.rtc.sctp.packet.UserInitiatedAbortCause;
import dev.remotemedia.rtc.sctp.timer.Timer;
import dev.remotemedia.rtc.sctp.timer.TimerOptions;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import java.util.List;

/**
 * Graceful close (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-9.2">RFC 9260 §9.2</a>):
 * SHUTDOWN once our data is all acknowledged, SHUTDOWN ACK once the peer's is, SHUTDOWN COMPLETE,
 * and T2-shutdown to retransmit the first two.
 */
final class ShutdownHandler {

    private final SctpAssociation association;
    private final Timer t2Shutdown;

    ShutdownHandler(SctpAssociation association) {
        this.association = association;
        final SctpOptions options = association.options();
        t2Shutdown = association.timers().create("t2-shutdown", TimerOptions.exponential(
                options.t2ShutdownTimeout().toNanos(), options.maxTimerBackoff().toNanos(),
                options.maxRetransmissions()), this::onT2Expiry);
    }

    void stop() {
        t2Shutdown.stop();
    }

    /** The user's SHUTDOWN primitive. */
    void shutdown() {
        final AssociationState state = association.associationState();
        if (association.tcb() == null) {
            // Nothing was exchanged yet that needs closing (CLOSED, COOKIE-WAIT).
            association.internalClose(null, "");
            return;
        }
        if (state == AssociationState.SHUTDOWN_SENT || state == AssociationState.SHUTDOWN_ACK_SENT
            || state == AssociationState.SHUTDOWN_RECEIVED) {
            return;
        }
        association.connectHandler().stop();
        association.setState(AssociationState.SHUTDOWN_PENDING);
        maybeSendShutdownOrAck();
    }

    /**
     * In SHUTDOWN-PENDING or SHUTDOWN-RECEIVED, once nothing is left to send or acknowledge: send the
     * SHUTDOWN or SHUTDOWN ACK. Called after every SACK.
     */
    void maybeSendShutdownOrAck() {
        final TransmissionControlBlock tcb = association.tcb();
        if (tcb == null || !tcb.isAllDataAcknowledged()) {
            return;
        }
        final AssociationState state = association.associationState();
        if (state == AssociationState.SHUTDOWN_PENDING) {
            // "... the endpoint MUST send a SHUTDOWN chunk to its peer containing in the Cumulative
            // TSN Ack field the last sequential TSN it has received from the peer."
            sendShutdown();
            startT2(tcb);
            association.setState(AssociationState.SHUTDOWN_SENT);
        } else if (state == AssociationState.SHUTDOWN_RECEIVED) {
            sendShutdownAck();
            startT2(tcb);
            association.setState(AssociationState.SHUTDOWN_ACK_SENT);
        }
    }

    /** "While in SHUTDOWN-SENT ... MUST immediately respond to each received packet with DATA with a SHUTDOWN". */
    void onPacketWithDataReceived() {
        final TransmissionControlBlock tcb = association.tcb();
        if (association.associationState() == AssociationState.SHUTDOWN_SENT && tcb != null) {
            sendShutdown();
            startT2(tcb);
        }
    }

    void handleShutdown() {
        switch (association.associationState()) {
            case CLOSED:
            case COOKIE_WAIT:
            case COOKIE_ECHOED:
                // "If a SHUTDOWN is received in the COOKIE-WAIT or COOKIE ECHOED state, the SHUTDOWN
                // chunk SHOULD be silently discarded."
                return;
            case SHUTDOWN_SENT:
                // Both sides shut down at once: answer at once.
                sendShutdownAck();
                startT2(association.tcb());
                association.setState(AssociationState.SHUTDOWN_ACK_SENT);
                return;
            case SHUTDOWN_ACK_SENT:
            case SHUTDOWN_RECEIVED:
                return;
            default:
                // ESTABLISHED or SHUTDOWN-PENDING: stop taking data from the user, drain, then ACK.
                association.setState(AssociationState.SHUTDOWN_RECEIVED);
                maybeSendShutdownOrAck();
        }
    }

    void handleShutdownAck(long verificationTag) {
        final AssociationState state = association.associationState();
        if (state == AssociationState.SHUTDOWN_SENT || state == AssociationState.SHUTDOWN_ACK_SENT) {
            association.send(association.tcb().packetBuilder().add(new ShutdownCompleteChunk(false)));
            association.internalClose(null, "");
        } else {
            // §8.4 rule 5: an out-of-the-blue SHUTDOWN ACK gets a SHUTDOWN COMPLETE with its tag
            // reflected (T bit).
            association.send(association.packetBuilder(verificationTag).add(new ShutdownCompleteChunk(true)));
        }
    }

    void handleShutdownComplete() {
        if (association.associationState() == AssociationState.SHUTDOWN_ACK_SENT) {
            association.internalClose(null, "");
        }
    }

    void sendShutdownAck() {
        association.send(association.tcb().packetBuilder().add(new ShutdownAckChunk()));
    }

    private void sendShutdown() {
        final TransmissionControlBlock tcb = association.tcb();
        association.send(tcb.packetBuilder().add(new ShutdownChunk(tcb.cumulativeTsnAck())));
    }

    private void startT2(TransmissionControlBlock tcb) {
        t2Shutdown.setDurationNanos(tcb.rtoNanos());
        t2Shutdown.start(association.now());
    }

    private void onT2Expiry(Timer timer, long nowNanos) {
        if (!timer.isRunning()) {
            // "An endpoint SHOULD limit the number of retransmissions of the SHUTDOWN chunk to the
            // protocol parameter 'Association.Max.Retrans'. If this threshold is exceeded, the
            // endpoint SHOULD destroy the TCB and SHOULD report the peer endpoint unreachable."
            association.send(association.tcb().packetBuilder().add(new AbortChunk(false, List.of(
                    UserInitiatedAbortCause.of("too many retransmissions of SHUTDOWN")))));
            association.internalClose(ErrorKind.TOO_MANY_RETRIES, "no SHUTDOWN ACK or COMPLETE after "
                                      + (association.options().maxRetransmissions() + 1) + " attempts");
            return;
        }
        if (association.associationState() == AssociationState.SHUTDOWN_SENT) {
            sendShutdown();
        } else if (association.associationState() == AssociationState.SHUTDOWN_ACK_SENT) {
            sendShutdownAck();
        }
    }
}
