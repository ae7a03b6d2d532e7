package dev.remotemedia.rtc.rtp;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * The level of the audio in a packet and whether the sender thinks it holds voice, <a
 * href="https://www.rfc-editor.org/rfc/rfc6464#section-3">RFC 6464 §3</a>.
 *
 * <pre>{@code
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len=0 |V| level       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param voiceActivity the V bit (only meaningful when {@code a=extmap} says {@code vad=on})
 * @param level the level in −dBov, {@code 0..127}: 0 is the loudest, 127 silence (−127 dBov or less)
 */
public record AudioLevelExtension(boolean voiceActivity, int level) implements HeaderExtensionValue {

    /** The {@code a=extmap} URI. */
    public static final String URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    public AudioLevelExtension {
        Checks.checkRange("level", level, 0, 127);
    }

    /**
     * Parses an element's data: its first byte (RFC 6464 §3 allows the two-byte form to pad the
     * element, so later bytes are ignored).
     */
    public static ParseResult<AudioLevelExtension> parse(ByteView data) {
        if (data.isEmpty()) {
            return ParseResult.error("ssrc-audio-level extension: 0 bytes (expected: >= 1)");
        }
        final int first = data.getUint8(0);
        return ParseResult.ok(new AudioLevelExtension((first & 0x80) != 0, first & 0x7F));
    }

    @Override
    public String uri() {
        return URI;
    }

    @Override
    public byte[] toBytes() {
        return new byte[] {(byte) ((voiceActivity ? 0x80 : 0) | level)};
    }
}
