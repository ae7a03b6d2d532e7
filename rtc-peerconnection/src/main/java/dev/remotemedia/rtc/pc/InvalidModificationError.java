package dev.remotemedia.rtc.pc;

/**
 * W3C/WebIDL {@code InvalidModificationError}: a description that this connection did not create
 * was applied as local. Its message starts with {@code "InvalidModificationError: "}, as a
 * browser's {@code DOMException} prints.
 */
public final class InvalidModificationError extends IllegalArgumentException implements WebRtcError {
    private static final long serialVersionUID = 1L;

    public InvalidModificationError(String message) {
        super("InvalidModificationError: " + message);
    }

    public InvalidModificationError(String message, Throwable cause) {
        super("InvalidModificationError: " + message, cause);
    }

    @Override
    public String errorName() {
        return "InvalidModificationError";
    }
}
