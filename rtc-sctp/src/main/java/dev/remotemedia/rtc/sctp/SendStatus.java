package dev.remotemedia.rtc.sctp;

/** What {@link SctpSocket#send} did with a message. Every value but {@link #OK} refused it. */
public enum SendStatus {
    /** Queued; it will be sent as the congestion and receiver windows allow. */
    OK,
    /** The payload is empty, which SCTP cannot carry (RFC 9260 §3.3.1). */
    MESSAGE_EMPTY,
    /** The payload is larger than {@link dev.remotemedia.rtc.sctp.tx.SctpOptions#maxMessageSize()}. */
    MESSAGE_TOO_LARGE,
    /** The send buffer holds {@link dev.remotemedia.rtc.sctp.tx.SctpOptions#maxSendBufferBytes()} already; wait for buffered-amount-low. */
    QUEUE_FULL,
    /** The association is closed: never connected, or closed or aborted since. */
    NOT_CONNECTED,
    /** The association is shutting down and takes no new data (RFC 9260 §9.2). */
    SHUTTING_DOWN,
    /** The stream is being reset (closed); no new messages on it until the reset completes. */
    STREAM_RESETTING
}
