package dev.remotemedia.rtc.pc;

/**
 * W3C/WebIDL {@code TypeError}: an argument of the wrong kind or out of range (WebIDL's
 * TypeError). Its message starts with {@code "TypeError: "}, as a browser's {@code DOMException}
 * prints.
 */
public final class TypeError extends IllegalArgumentException implements WebRtcError {
    private static final long serialVersionUID = 1L;

    public TypeError(String message) {
        super("TypeError: " + message);
    }

    public TypeError(String message, Throwable cause) {
        super("TypeError: " + message, cause);
    }

    @Override
    public String errorName() {
        return "TypeError";
    }
}
