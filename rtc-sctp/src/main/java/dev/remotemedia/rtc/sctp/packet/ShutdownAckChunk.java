package dev.remotemedia.rtc.sctp.packet;

/**
 * SHUTDOWN ACK chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.9">RFC 9260
 * §3.3.9</a>: acknowledges a SHUTDOWN once the sender has no data outstanding; answered by SHUTDOWN
 * COMPLETE. It has no value.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Type = 8   |  Chunk  Flags |           Length = 4          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 */
public record ShutdownAckChunk() implements Chunk {

    public static final int TYPE = 8;
    private static final String NAME = "SHUTDOWN ACK chunk";

    /** Parses the chunk at {@code buf[off .. off + len)}; its Length must be 4. */
    public static ParseResult<ShutdownAckChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new ShutdownAckChunk());
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
