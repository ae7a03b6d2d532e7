package dev.remotemedia.rtc.pc;

/**
 * WebIDL {@code RangeError}: a number outside the range the API allows (a bitrate of 0). Its
 * message starts with {@code "RangeError: "}, as a browser prints it.
 */
public final class RangeError extends IllegalArgumentException implements WebRtcError {
    private static final long serialVersionUID = 1L;

    public RangeError(String message) {
        super("RangeError: " + message);
    }

    public RangeError(String message, Throwable cause) {
        super("RangeError: " + message, cause);
    }

    @Override
    public String errorName() {
        return "RangeError";
    }
}
