package dev.remotemedia.rtc.sctp.packet;

import java.util.List;

/**
 * ERROR chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10">RFC 9260
 * §3.3.10</a>: reports conditions that do not close the association (or, bundled with a COOKIE
 * ECHO, unrecognized parameters of the INIT ACK).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Type = 9   |  Chunk Flags  |             Length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                   one or more Error Causes                    /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>The parser also accepts an ERROR without causes.
 *
 * @param causes the error causes in wire order, unknown ones as {@link UnknownErrorCause}
 */
public record ErrorChunk(List<ErrorCause> causes) implements Chunk {

    public static final int TYPE = 9;
    private static final String NAME = "ERROR chunk";

    public ErrorChunk {
        causes = List.copyOf(causes);
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + ErrorCauses.length(causes));
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<ErrorChunk> parse(byte[] buf, int off, int len) {
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
        return ParseResult.ok(new ErrorChunk(causes.orElseThrow()));
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
        final int pos = Tlv.putChunkHeader(dst, off, TYPE, 0, length());
        return ErrorCauses.writeAll(causes, dst, pos);
    }
}
