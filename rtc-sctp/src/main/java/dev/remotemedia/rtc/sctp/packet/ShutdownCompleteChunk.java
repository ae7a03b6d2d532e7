package dev.remotemedia.rtc.sctp.packet;

/**
 * SHUTDOWN COMPLETE chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.13">RFC
 * 9260 §3.3.13</a>: answers a SHUTDOWN ACK; the association is closed.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 14   |  Reserved   |T|          Length = 4           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param tagReflected the T bit: the packet's verification tag is the one the sender received,
 *     reflected, not the one the peer expects (the sender has no TCB for it, §8.4)
 */
public record ShutdownCompleteChunk(boolean tagReflected) implements Chunk {

    public static final int TYPE = 14;
    static final int FLAG_T = 0x01;
    private static final String NAME = "SHUTDOWN COMPLETE chunk";

    /** Parses the chunk at {@code buf[off .. off + len)}; its Length must be 4. */
    public static ParseResult<ShutdownCompleteChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new ShutdownCompleteChunk((buf[off + 1] & FLAG_T) != 0));
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
        return Tlv.putChunkHeader(dst, off, TYPE, tagReflected ? FLAG_T : 0, Tlv.HEADER_SIZE);
    }
}
