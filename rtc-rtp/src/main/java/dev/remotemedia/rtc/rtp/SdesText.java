package dev.remotemedia.rtc.rtp;

import dev.remotemedia.rtc.common.ByteView;
import java.nio.charset.StandardCharsets;

/** The text of the RTP stream identifier extensions (mid, rid, repaired-rid). */
final class SdesText {

    /** The largest length the two-byte form can carry. */
    static final int MAX_LENGTH = 255;

    private SdesText() {}

    /**
     * Returns {@code text} if it is 1..255 visible ASCII characters, as RFC 8852 §3.1 and RFC 8843
     * §15 allow for their tokens (a stricter set than either); otherwise throws.
     */
    static String check(String name, String text) {
        final String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(name + ": '" + text + "' (" + problem + ')');
        }
        return text;
    }

    /**
     * Returns the text in {@code data}, stopping at a NUL (some senders pad the element with
     * zeros), or an error.
     */
    static ParseResult<String> parse(String name, ByteView data) {
        int length = 0;
        while (length < data.length() && data.getUint8(length) != 0) {
            length++;
        }
        if (length == 0) {
            return ParseResult.error(name + ": empty (expected: 1.." + MAX_LENGTH + " characters)");
        }
        for (int i = 0; i < length; i++) {
            final int c = data.getUint8(i);
            if (c < 0x21 || c > 0x7E) {
                return ParseResult.error(name + ": byte 0x" + Integer.toHexString(c) + " at " + i
                                         + " (expected: visible ASCII)");
            }
        }
        return ParseResult.ok(new String(data.array(), data.arrayOffset(), length, StandardCharsets.US_ASCII));
    }

    static byte[] toBytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String problem(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return "expected: 1.." + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "expected: visible ASCII";
            }
        }
        return null;
    }
}
