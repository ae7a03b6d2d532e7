package dev.remotemedia.rtc.datachannel;

/** A data channel's life, as W3C {@code RTCDataChannelState} names it. */
public enum DataChannelState {
    /** Created locally, waiting for the SCTP association (or, in-band, to send its OPEN). */
    CONNECTING,
    /** Messages flow both ways. */
    OPEN,
    /** Its stream is being reset, by either side (RFC 8831 §6.7). */
    CLOSING,
    /** Both directions of its stream are reset, or the association ended; its id is free again. */
    CLOSED
}
