package dev.remotemedia.rtc.sctp;

/** Why an association reports an {@link SctpEvent.Error} or ended in {@link SctpEvent.Aborted}. */
public enum ErrorKind {
    /** A packet or chunk could not be parsed, or failed a checksum or verification tag check. */
    PARSE_FAILED,
    /** The peer broke a protocol rule. */
    PROTOCOL_VIOLATION,
    /** A timer expired too often: the peer did not answer (INIT, COOKIE ECHO, DATA, HEARTBEAT, SHUTDOWN). */
    TOO_MANY_RETRIES,
    /** The peer sent an ERROR chunk, or aborted the association. */
    PEER_REPORTED,
    /** A chunk arrived in a state where it makes no sense (such as a COOKIE ECHO while shutting down). */
    WRONG_SEQUENCE,
    /** A chunk that needs an established association arrived without one. */
    NOT_CONNECTED,
    /** A buffer is full: the receive queue overflowed, or the peer said it ran out of resources. */
    RESOURCE_EXHAUSTION,
    /** The local user called {@link SctpSocket#abort(String)}. */
    USER_ABORT
}
