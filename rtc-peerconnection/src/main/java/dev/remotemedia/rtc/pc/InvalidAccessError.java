package dev.remotemedia.rtc.pc;

/**
 * W3C/WebIDL {@code InvalidAccessError}: the argument is not one the object can use (a track added
 * twice, a sender of another connection). Its message starts with {@code "InvalidAccessError: "},
 * as a browser's {@code DOMException} prints.
 */
public final class InvalidAccessError extends IllegalArgumentException implements WebRtcError {
    private static final long serialVersionUID = 1L;

    public InvalidAccessError(String message) {
        super("InvalidAccessError: " + message);
    }

    public InvalidAccessError(String message, Throwable cause) {
        super("InvalidAccessError: " + message, cause);
    }

    @Override
    public String errorName() {
        return "InvalidAccessError";
    }
}
