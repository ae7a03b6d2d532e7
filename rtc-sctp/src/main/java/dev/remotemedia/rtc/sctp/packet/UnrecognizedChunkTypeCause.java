package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * Unrecognized Chunk Type error cause, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.6">RFC 9260 §3.3.10.6</a>: returns a
 * chunk whose type asked to be reported (§3.2), as it was received.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Cause Code = 6        |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                       Unrecognized Chunk                      /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param chunk the unrecognized chunk as it was on the wire, header included; a parsed one shares
 *     the input array
 */
public record UnrecognizedChunkTypeCause(ByteView chunk) implements ErrorCause {

    public static final int CODE = 6;
    private static final String NAME = "Unrecognized Chunk Type cause";

    public UnrecognizedChunkTypeCause {
        requireNonNull(chunk, "chunk");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + chunk.length());
    }

    /** Parses the cause at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<UnrecognizedChunkTypeCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new UnrecognizedChunkTypeCause(Tlv.value(buf, off)));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + chunk.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, CODE, chunk);
    }
}
