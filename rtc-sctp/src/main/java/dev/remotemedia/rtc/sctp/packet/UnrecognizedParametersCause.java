package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * Unrecognized Parameters error cause, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.8">RFC 9260 §3.3.10.8</a>: returns
 * the parameters of an INIT ACK that the initiator did not understand and whose types asked to be
 * reported, as they were received (sent in an ERROR bundled with the COOKIE ECHO).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Cause Code = 8        |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                    Unrecognized Parameters                    /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param parameters the unrecognized parameters as they were on the wire, headers and padding
 *     included; a parsed one shares the input array
 */
public record UnrecognizedParametersCause(ByteView parameters) implements ErrorCause {

    public static final int CODE = 8;
    private static final String NAME = "Unrecognized Parameters cause";

    public UnrecognizedParametersCause {
        requireNonNull(parameters, "parameters");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + parameters.length());
    }

    /** Parses the cause at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<UnrecognizedParametersCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new UnrecognizedParametersCause(Tlv.value(buf, off)));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + parameters.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, CODE, parameters);
    }
}
