package dev.remotemedia.signaling.client;

import java.nio.charset.StandardCharsets;

/**
 * Works around a bug in Armeria 1.40's WebSocket frame decoder, which our server uses: when the
 * 16-bit extended payload length of a frame (RFC 6455 §5.2, payloads of 126 to 65535 bytes) is
 * split across two network reads, {@code StreamDecoderInput.readUnsignedShort()} sign-extends its
 * second byte, so a length whose low byte is 0x80 or more reads negative and the server closes the
 * socket with 1002 "not using minimal length encoding". Measured with 1,000 clients on loopback
 * (docs/BENCHMARKS.md). Padding such a message with trailing spaces, which JSON ignores, moves
 * its length to a low byte of 0, which decodes right however it is split.
 */
final class FramePadding {
    private static final int MIN_16_BIT = 126;
    private static final int MAX_16_BIT = 65_535;

    private FramePadding() {}

    /** {@code json}, with trailing spaces when its UTF-8 length would trip the decoder. */
    static String pad(String json) {
        // A char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2), so short text needs no count.
        final int length = json.length() * 3 < MIN_16_BIT ? json.length() : json.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_16_BIT || length > MAX_16_BIT || (length & 0x80) == 0) {
            return json;
        }
        final int padded = (length | 0xFF) + 1;
        if (padded > MAX_16_BIT) {
            return json;
        }
        return json + " ".repeat(padded - length);
    }
}
