package dev.remotemedia.rtc.sctp.tx;

/** Whether {@link SendQueue#add} queued a message, and why not. */
public enum SendStatus {
    /** Queued. */
    SUCCESS,
    /** Refused: SCTP cannot carry an empty message (RFC 8831 §6.6 sends it as one byte instead). */
    MESSAGE_EMPTY,
    /** Refused: larger than the maximum message size. */
    MESSAGE_TOO_LARGE,
    /** Refused: the send buffer would exceed its limit. */
    BUFFER_FULL,
    /** Refused: the stream is being reset (its data channel is closing). */
    STREAM_RESETTING
}
