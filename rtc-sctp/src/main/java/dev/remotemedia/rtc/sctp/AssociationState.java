package dev.remotemedia.rtc.sctp;

/** The association states of <a href="https://www.rfc-editor.org/rfc/rfc9260#section-4">RFC 9260 §4</a>. */
enum AssociationState {
    CLOSED,
    COOKIE_WAIT,
    COOKIE_ECHOED,
    ESTABLISHED,
    SHUTDOWN_PENDING,
    SHUTDOWN_SENT,
    SHUTDOWN_RECEIVED,
    SHUTDOWN_ACK_SENT;

    SctpState publicState() {
        switch (this) {
            case CLOSED:
                return SctpState.CLOSED;
            case COOKIE_WAIT:
            case COOKIE_ECHOED:
                return SctpState.CONNECTING;
            case ESTABLISHED:
                return SctpState.CONNECTED;
            default:
                return SctpState.SHUTTING_DOWN;
        }
    }

    boolean isShuttingDown() {
        return publicState() == SctpState.SHUTTING_DOWN;
    }
}
