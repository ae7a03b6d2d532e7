package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sdp.Direction;

/** W3C {@code RTCRtpTransceiverDirection} (§5.4). */
public enum RTCRtpTransceiverDirection {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE,
    /** The transceiver was stopped: its m-line is rejected in the next negotiation. */
    STOPPED;

    /** The W3C name, such as {@code "sendrecv"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    Direction toSdp() {
        switch (this) {
            case SENDRECV:
                return Direction.SENDRECV;
            case SENDONLY:
                return Direction.SENDONLY;
            case RECVONLY:
                return Direction.RECVONLY;
            default:
                return Direction.INACTIVE;
        }
    }

    static RTCRtpTransceiverDirection fromSdp(@Nullable Direction direction) {
        if (direction == null) {
            return SENDRECV;
        }
        switch (direction) {
            case SENDONLY:
                return SENDONLY;
            case RECVONLY:
                return RECVONLY;
            case INACTIVE:
                return INACTIVE;
            default:
                return SENDRECV;
        }
    }
}
