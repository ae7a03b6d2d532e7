package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * RE-CONFIG chunk, <a href="https://www.rfc-editor.org/rfc/rfc6525#section-3.1">RFC 6525 §3.1</a>:
 * carries stream reconfiguration requests and responses. Data channels use it to reset a stream
 * when a channel closes (RFC 8831 §6.7).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Type = 130    |  Chunk Flags  |      Chunk Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                  Re-configuration Parameter                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /             Re-configuration Parameter (optional)             /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>The parser keeps whatever parameters the chunk holds; which combinations are valid (§3.1) is
 * the association's concern.
 *
 * @param parameters the parameters in wire order, such as {@link OutgoingSsnResetRequestParameter}
 *     and {@link ReconfigurationResponseParameter}
 */
public record ReConfigChunk(List<Parameter> parameters) implements Chunk {

    public static final int TYPE = 130;
    private static final String NAME = "RE-CONFIG chunk";

    public ReConfigChunk {
        parameters = List.copyOf(parameters);
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + Parameters.length(parameters));
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<ReConfigChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        final ParseResult<List<Parameter>> parameters =
                Parameters.parseAll(NAME, buf, off + Tlv.HEADER_SIZE, length - Tlv.HEADER_SIZE);
        if (parameters instanceof ParseResult.Error<List<Parameter>> error) {
            return error.withContext("");
        }
        return ParseResult.ok(new ReConfigChunk(parameters.orElseThrow()));
    }

    /** Returns the first parameter of class {@code type}, or {@code null} if there is none. */
    public <P extends Parameter> @Nullable P parameter(Class<P> type) {
        return Parameters.find(parameters, type);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + Parameters.length(parameters);
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        Tlv.checkDst(dst, off, serializedSize());
        final int pos = Tlv.putChunkHeader(dst, off, TYPE, 0, length());
        return Parameters.writeAll(parameters, dst, pos);
    }
}
