package dev.remotemedia.rtc.pc;

/**
 * W3C/WebIDL {@code InvalidStateError}: the object is not in a state that allows the call (a
 * closed connection, a description applied in the wrong signaling state). Its message starts with
 * {@code "InvalidStateError: "}, as a browser's {@code DOMException} prints.
 */
public final class InvalidStateError extends IllegalStateException implements WebRtcError {
    private static final long serialVersionUID = 1L;

    public InvalidStateError(String message) {
        super("InvalidStateError: " + message);
    }

    public InvalidStateError(String message, Throwable cause) {
        super("InvalidStateError: " + message, cause);
    }

    @Override
    public String errorName() {
        return "InvalidStateError";
    }
}
