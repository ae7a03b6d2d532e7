package dev.remotemedia.rtc.sctp;

/** What {@link SctpSocket#resetStreams} did. The outcome comes later as an event. */
public enum ResetStreamsStatus {
    /**
     * The streams are paused and will be reset once their queued messages are sent; {@link
     * SctpEvent.StreamsReset} (outgoing) or {@link SctpEvent.StreamsResetFailed} follows.
     */
    STARTED,
    /** The association is not connected. */
    NOT_CONNECTED,
    /** The peer did not announce RE-CONFIG (RFC 6525) support in its INIT or INIT ACK. */
    NOT_SUPPORTED
}
