package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * COOKIE ECHO chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.11">RFC 9260
 * §3.3.11</a>: returns the State Cookie of the INIT ACK, unchanged, to the responder. It may carry
 * DATA chunks bundled after it.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 10   |  Chunk Flags  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            Cookie                             /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param cookie the cookie bytes; a parsed one shares the input array
 */
public record CookieEchoChunk(ByteView cookie) implements Chunk {

    public static final int TYPE = 10;
    private static final String NAME = "COOKIE ECHO chunk";

    public CookieEchoChunk {
        requireNonNull(cookie, "cookie");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + cookie.length());
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<CookieEchoChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new CookieEchoChunk(Tlv.value(buf, off)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + cookie.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, serializedSize());
        final int pos = cookie.copyTo(dst, Tlv.putChunkHeader(dst, off, TYPE, 0, length()));
        return Tlv.pad(dst, pos, end);
    }
}
