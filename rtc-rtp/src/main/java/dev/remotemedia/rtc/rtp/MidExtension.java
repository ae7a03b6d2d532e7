package dev.remotemedia.rtc.rtp;

import dev.remotemedia.rtc.common.ByteView;

/**
 * The media identification of the m-section the packet belongs to (BUNDLE), <a
 * href="https://www.rfc-editor.org/rfc/rfc8843#section-15.2">RFC 8843 §15.2</a>. The element's
 * data is the text itself, without a terminator:
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   |  len  | mid text (1..16 bytes in the one-byte form) ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param mid 1..255 visible ASCII characters
 */
public record MidExtension(String mid) implements HeaderExtensionValue {

    /** The {@code a=extmap} URI. */
    public static final String URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

    public MidExtension {
        SdesText.check("mid", mid);
    }

    /** Parses an element's data; trailing NUL bytes are ignored. */
    public static ParseResult<MidExtension> parse(ByteView data) {
        final ParseResult<String> text = SdesText.parse("mid extension", data);
        return text instanceof ParseResult.Ok<String> ok
               ? ParseResult.ok(new MidExtension(ok.value())) : ((ParseResult.Error<String>) text).cast();
    }

    @Override
    public String uri() {
        return URI;
    }

    @Override
    public byte[] toBytes() {
        return SdesText.toBytes(mid);
    }
}
