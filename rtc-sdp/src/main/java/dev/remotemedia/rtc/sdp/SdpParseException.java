package dev.remotemedia.rtc.sdp;

/**
 * What one field of one line got wrong. Internal to the parsers, which turn it into a
 * {@link ParseResult.Error} with the line it came from: it never leaves this package.
 */
final class SdpParseException extends Exception {
    SdpParseException(String message) {
        // No stack trace: this is a result, raised once per bad input, and fuzz tests raise many.
        super(message, null, false, false);
    }
}
