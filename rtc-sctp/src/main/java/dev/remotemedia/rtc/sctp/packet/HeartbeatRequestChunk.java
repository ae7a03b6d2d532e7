package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * HEARTBEAT chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.5">RFC 9260
 * §3.3.5</a>: probes the peer; it answers with a HEARTBEAT ACK echoing the {@link
 * HeartbeatInfoParameter}.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Type = 4   |  Chunk  Flags |        Heartbeat Length       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /          Heartbeat Information TLV (Variable-Length)          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>The parser keeps whatever parameters the chunk holds; {@link #info()} finds the one that
 * should be there.
 *
 * @param parameters the parameters in wire order: normally one {@link HeartbeatInfoParameter}
 */
public record HeartbeatRequestChunk(List<Parameter> parameters) implements Chunk {

    public static final int TYPE = 4;
    private static final String NAME = "HEARTBEAT chunk";

    public HeartbeatRequestChunk {
        parameters = List.copyOf(parameters);
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + Parameters.length(parameters));
    }

    /** Returns a chunk holding one Heartbeat Information parameter with {@code info}. */
    public static HeartbeatRequestChunk of(ByteView info) {
        return new HeartbeatRequestChunk(List.of(new HeartbeatInfoParameter(info)));
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<HeartbeatRequestChunk> parse(byte[] buf, int off, int len) {
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
        return ParseResult.ok(new HeartbeatRequestChunk(parameters.orElseThrow()));
    }

    /** Returns the Heartbeat Information parameter, or {@code null} if there is none. */
    public @Nullable HeartbeatInfoParameter info() {
        return Parameters.find(parameters, HeartbeatInfoParameter.class);
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
