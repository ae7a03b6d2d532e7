package dev.remotemedia.rtc.sctp.packet;

/**
 * COOKIE ACK chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.12">RFC 9260
 * §3.3.12</a>: acknowledges a COOKIE ECHO: the association is established. It has no value.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 11   |  Chunk  Flags |           Length = 4          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 */
public record CookieAckChunk() implements Chunk {

    public static final int TYPE = 11;
    private static final String NAME = "COOKIE ACK chunk";

    /** Parses the chunk at {@code buf[off .. off + len)}; its Length must be 4. */
    public static ParseResult<CookieAckChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new CookieAckChunk());
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE;
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        Tlv.checkDst(dst, off, Tlv.HEADER_SIZE);
        return Tlv.putChunkHeader(dst, off, TYPE, 0, Tlv.HEADER_SIZE);
    }
}
