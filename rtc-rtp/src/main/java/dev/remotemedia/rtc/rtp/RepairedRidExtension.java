package dev.remotemedia.rtc.rtp;

import dev.remotemedia.rtc.common.ByteView;

/**
 * The RTP stream id that a repair (RTX, FEC) stream repairs, <a
 * href="https://www.rfc-editor.org/rfc/rfc8852#section-3.2">RFC 8852 §3.2</a>. The element's data
 * is the text itself, without a terminator:
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   |  len  | repaired-rid text (1..16 bytes in the one-byte form) ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param repairedRid 1..255 visible ASCII characters
 */
public record RepairedRidExtension(String repairedRid) implements HeaderExtensionValue {

    /** The {@code a=extmap} URI. */
    public static final String URI = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    public RepairedRidExtension {
        SdesText.check("repairedRid", repairedRid);
    }

    /** Parses an element's data; trailing NUL bytes are ignored. */
    public static ParseResult<RepairedRidExtension> parse(ByteView data) {
        final ParseResult<String> text = SdesText.parse("repaired-rid extension", data);
        return text instanceof ParseResult.Ok<String> ok
               ? ParseResult.ok(new RepairedRidExtension(ok.value())) : ((ParseResult.Error<String>) text).cast();
    }

    @Override
    public String uri() {
        return URI;
    }

    @Override
    public byte[] toBytes() {
        return SdesText.toBytes(repairedRid);
    }
}
