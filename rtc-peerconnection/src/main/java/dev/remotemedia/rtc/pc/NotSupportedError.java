package dev.remotemedia.rtc.pc;

/**
 * W3C/WebIDL {@code NotSupportedError}: the stack does not do what was asked (yet): video tracks,
 * ICE restarts. Its message starts with {@code "NotSupportedError: "}, as a browser's {@code
 * DOMException} prints.
 */
public final class NotSupportedError extends UnsupportedOperationException implements WebRtcError {
    private static final long serialVersionUID = 1L;

    public NotSupportedError(String message) {
        super("NotSupportedError: " + message);
    }

    public NotSupportedError(String message, Throwable cause) {
        super("NotSupportedError: " + message, cause);
    }

    @Override
    public String errorName() {
        return "NotSupportedError";
    }
}
