package dev.remotemedia.rtc.pc;

/**
 * The W3C error a failed call of this API reports, as its DOMException name ({@code
 * "InvalidStateError"}, {@code "OperationError"}, ...). Each is also the JDK exception that fits
 * ({@link IllegalStateException}, {@link IllegalArgumentException}, {@link
 * UnsupportedOperationException}), so code may catch either.
 */
public sealed interface WebRtcError permits InvalidStateError, InvalidAccessError, OperationError, RangeError,
                                           InvalidModificationError, NotSupportedError, TypeError {
    /** The W3C name, such as {@code "InvalidStateError"}. */
    String errorName();
}
