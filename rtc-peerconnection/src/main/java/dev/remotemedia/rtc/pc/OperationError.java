package dev.remotemedia.rtc.pc;

/**
 * W3C/WebIDL {@code OperationError}: the operation failed on its input (an invalid or unusable
 * remote description, a bad candidate). Its message starts with {@code "OperationError: "}, as a
 * browser's {@code DOMException} prints.
 */
public final class OperationError extends IllegalArgumentException implements WebRtcError {
    private static final long serialVersionUID = 1L;

    public OperationError(String message) {
        super("OperationError: " + message);
    }

    public OperationError(String message, Throwable cause) {
        super("OperationError: " + message, cause);
    }

    @Override
    public String errorName() {
        return "OperationError";
    }
}
