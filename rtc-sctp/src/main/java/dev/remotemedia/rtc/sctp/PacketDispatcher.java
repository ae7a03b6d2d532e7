package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sctp.packet.AbortChunk;
import dev.remotemedia.rtc.sctp.packet.Chunk;
import dev.remotemedia.rtc.sctp.packet.CookieAckChunk;
import dev.remotemedia.rtc.sctp.packet.CookieEchoChunk;
import dev.remotemedia.rtc.sctp.packet.DataChunk;
import dev.remotemedia.rtc.sctp.packet.ErrorCause;
import dev.remotemedia.rtc.sctp.packet.ErrorChunk;
import dev.remotemedia.rtc.sctp.packet.ForwardTsnChunk;
import dev.remotemedia.rtc.sctp.packet.HeartbeatAckChunk;
import dev.remotemedia.rtc.sctp.packet.HeartbeatRequestChunk;
import dev.remotemedia.rtc.sctp.packet.InitAckChunk;
import dev.remotemedia.rtc.sctp.packet.InitChunk;
import dev.remotemedia.rtc.sctp.packet.ReConfigChunk;
import dev.remotemedia.rtc.sctp.packet.SackChunk;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import dev.remotemedia.rtc.sctp.packet.ShutdownAckChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownCompleteChunk;
import dev.remotemedia.rtc.sctp.packet.StaleCookieCause;
import dev.remotemedia.rtc.sctp.packet.UnknownChunk;
import dev.remotemedia.rtc.sctp.packet.UnrecognizedChunkTypeCause;
import java.util.List;

/**
 * Takes a parsed packet through the verification tag check ({@link VerificationTagCheck}) and hands
 * each chunk to the handler of its type, in order (RFC 9260 §6.10); ABORT, ERROR and unknown chunk
 * types are handled here.
 */
final class PacketDispatcher {

    private final SctpAssociation association;

    PacketDispatcher(SctpAssociation association) {
        this.association = association;
    }

    void handlePacket(SctpPacket packet) {
        final TransmissionControlBlock tcb = association.tcb();
        final String problem = VerificationTagCheck.problem(
                packet, association.associationState(),
                tcb != null ? tcb.localTag() : association.connectHandler().connectTag(),
                tcb != null ? tcb.peerTag() : 0);
        if (problem != null) {
            association.reportError(ErrorKind.PARSE_FAILED, "packet dropped: " + problem);
            return;
        }
        association.countReceivedPacket();
        if (tcb != null && association.associationState() == AssociationState.SHUTDOWN_SENT && hasData(packet)) {
            association.shutdownHandler().onPacketWithDataReceived();
        }
        final boolean wasOpen = association.associationState() != AssociationState.CLOSED;
        for (Chunk chunk : packet.chunks()) {
            if (!dispatch(packet.verificationTag(), chunk)
                || (wasOpen && association.associationState() == AssociationState.CLOSED)) {
                break;
            }
        }
        final TransmissionControlBlock after = association.tcb();
        if (after != null) {
            after.onPacketEnd();
        }
    }

    private static boolean hasData(SctpPacket packet) {
        for (Chunk chunk : packet.chunks()) {
            if (chunk instanceof DataChunk) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether to go on with the packet's next chunk. */
    private boolean dispatch(long verificationTag, Chunk chunk) {
        final ConnectHandler connect = association.connectHandler();
        final ShutdownHandler shutdown = association.shutdownHandler();
        if (chunk instanceof DataChunk data) {
            final TransmissionControlBlock tcb = requireTcb("DATA");
            if (tcb != null) {
                tcb.handleData(data);
            }
        } else if (chunk instanceof SackChunk sack) {
            final TransmissionControlBlock tcb = requireTcb("SACK");
            if (tcb != null) {
                tcb.handleSack(sack);
            }
        } else if (chunk instanceof InitChunk init) {
            connect.handleInit(init);
        } else if (chunk instanceof InitAckChunk initAck) {
            connect.handleInitAck(initAck);
        } else if (chunk instanceof CookieEchoChunk cookieEcho) {
            connect.handleCookieEcho(verificationTag, cookieEcho);
        } else if (chunk instanceof CookieAckChunk) {
            connect.handleCookieAck();
        } else if (chunk instanceof HeartbeatRequestChunk request) {
            final TransmissionControlBlock tcb = requireTcb("HEARTBEAT");
            if (tcb != null) {
                tcb.heartbeat().handleRequest(request);
            }
        } else if (chunk instanceof HeartbeatAckChunk ack) {
            final TransmissionControlBlock tcb = requireTcb("HEARTBEAT ACK");
            if (tcb != null) {
                tcb.heartbeat().handleAck(ack);
            }
        } else if (chunk instanceof AbortChunk abort) {
            handleAbort(abort);
        } else if (chunk instanceof ErrorChunk error) {
            handleError(error);
        } else if (chunk instanceof ShutdownChunk shutdownChunk) {
            final TransmissionControlBlock tcb = association.tcb();
            if (tcb != null) {
                tcb.handleShutdownCumulativeAck(shutdownChunk.cumulativeTsnAck());
                shutdown.handleShutdown();
            }
        } else if (chunk instanceof ShutdownAckChunk) {
            shutdown.handleShutdownAck(verificationTag);
        } else if (chunk instanceof ShutdownCompleteChunk) {
            shutdown.handleShutdownComplete();
        } else if (chunk instanceof ReConfigChunk reconfig) {
            final TransmissionControlBlock tcb = requireTcb("RE-CONFIG");
            if (tcb != null) {
                tcb.streamReset().handleReConfig(reconfig);
            }
        } else if (chunk instanceof ForwardTsnChunk forwardTsn) {
            final TransmissionControlBlock tcb = requireTcb("FORWARD TSN");
            if (tcb != null) {
                tcb.handleForwardTsn(forwardTsn);
            }
        } else if (chunk instanceof UnknownChunk unknown) {
            return handleUnknownChunk(unknown);
        }
        return true;
    }

    private @Nullable TransmissionControlBlock requireTcb(String chunkName) {
        final TransmissionControlBlock tcb = association.tcb();
        if (tcb == null) {
            association.reportError(ErrorKind.NOT_CONNECTED,
                                    chunkName + " chunk on an association that is not established");
        }
        return tcb;
    }

    /** RFC 9260 §3.3.7, §9.1. */
    private void handleAbort(AbortChunk abort) {
        if (association.tcb() == null && association.associationState() != AssociationState.COOKIE_WAIT) {
            // "If an endpoint receives an ABORT with a format error or no TCB is found, it MUST
            // silently discard it."
            return;
        }
        association.internalClose(ErrorKind.PEER_REPORTED, "peer aborted: " + ErrorCauseText.describe(abort.causes()));
    }

    private void handleError(ErrorChunk error) {
        if (association.tcb() == null) {
            return;
        }
        for (ErrorCause cause : error.causes()) {
            if (cause instanceof StaleCookieCause) {
                association.connectHandler().handleStaleCookieError();
                return;
            }
        }
        association.reportError(ErrorKind.PEER_REPORTED, "peer reported: " + ErrorCauseText.describe(error.causes()));
    }

    /** RFC 9260 §3.2: the upper two bits of an unknown type say whether to go on and whether to report. */
    private boolean handleUnknownChunk(UnknownChunk chunk) {
        if (chunk.isReported()) {
            final TransmissionControlBlock tcb = association.tcb();
            if (tcb != null) {
                final byte[] bytes = new byte[chunk.serializedSize()];
                chunk.serializeTo(bytes, 0);
                association.send(tcb.packetBuilder().add(new ErrorChunk(List.of(
                        new UnrecognizedChunkTypeCause(ByteView.of(bytes, 0, chunk.length()))))));
            }
            association.reportError(ErrorKind.PARSE_FAILED, "unrecognized chunk type " + chunk.type());
        }
        return !chunk.stopsProcessing();
    }
}
