package dev.remotemedia.rtc.sctp.packet;

import java.util.List;

/**
 * ABORT chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.7">RFC 9260 §3.3.7</a>:
 * closes the association at once, optionally saying why.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Type = 6   |  Reserved   |T|             Length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                   zero or more Error Causes                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param tagReflected the T bit: the packet's verification tag is the one the sender received,
 *     reflected, not the one the peer expects (the sender has no TCB for it, §8.4)
 * @param causes the error causes in wire order, unknown ones as {@link UnknownErrorCause}
 */
public record AbortChunk(boolean tagReflected, List<ErrorCause> causes) implements Chunk {

    public static final int TYPE = 6;
    static final int FLAG_T = 0x01;
    private static final String NAME = "ABORT chunk";

    public AbortChunk {
        causes = List.copyOf(causes);
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + ErrorCauses.length(causes));
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<AbortChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        final ParseResult<List<ErrorCause>> causes =
                ErrorCauses.parseAll(NAME, buf, off + Tlv.HEADER_SIZE, length - Tlv.HEADER_SIZE);
        if (causes instanceof ParseResult.Error<List<ErrorCause>> error) {
            return error.withContext("");
        }
        return ParseResult.ok(new AbortChunk((buf[off + 1] & FLAG_T) != 0, causes.orElseThrow()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + ErrorCauses.length(causes);
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        Tlv.checkDst(dst, off, serializedSize());
        final int pos = Tlv.putChunkHeader(dst, off, TYPE, (tagReflected ? FLAG_T : 0), length());
        return ErrorCauses.writeAll(causes, dst, pos);
    }
}
