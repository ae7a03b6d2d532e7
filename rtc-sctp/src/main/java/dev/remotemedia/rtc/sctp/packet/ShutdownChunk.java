package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;

/**
 * SHUTDOWN chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.8">RFC 9260
 * §3.3.8</a>: starts a graceful close; the sender sends no new data and acknowledges what it
 * received.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 7    |  Chunk Flags  |          Length = 8           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Cumulative TSN Ack                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param cumulativeTsnAck the last TSN received in sequence, {@code 0..4294967295}
 */
public record ShutdownChunk(long cumulativeTsnAck) implements Chunk {

    public static final int TYPE = 7;
    private static final int LENGTH = 8;
    private static final String NAME = "SHUTDOWN chunk";

    public ShutdownChunk {
        Tlv.checkUint32("cumulativeTsnAck", cumulativeTsnAck);
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; its Length must be 8. */
    public static ParseResult<ShutdownChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, LENGTH, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new ShutdownChunk(BigEndian.getUint32(buf, off + 4)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        Tlv.checkDst(dst, off, LENGTH);
        return BigEndian.putUint32(dst, Tlv.putChunkHeader(dst, off, TYPE, 0, LENGTH), cumulativeTsnAck);
    }
}
