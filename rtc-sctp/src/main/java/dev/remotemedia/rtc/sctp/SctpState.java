package dev.remotemedia.rtc.sctp;

/**
 * The association's state as a user sees it; RFC 9260 §4's finer states fold into these four.
 */
public enum SctpState {
    /** Not started, or ended (closed gracefully or aborted). */
    CLOSED,
    /** INIT sent or answered, COOKIE ECHO/ACK not yet exchanged (COOKIE-WAIT, COOKIE-ECHOED). */
    CONNECTING,
    /** ESTABLISHED: data flows both ways. */
    CONNECTED,
    /** SHUTDOWN-PENDING, -SENT, -RECEIVED or SHUTDOWN-ACK-SENT: draining, no new data accepted. */
    SHUTTING_DOWN
}
