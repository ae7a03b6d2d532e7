package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * Unrecognized Parameter parameter of an INIT ACK, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3.1">RFC 9260 §3.3.3.1</a>: returns to
 * the initiator, whole, a parameter of its INIT that the responder did not understand and whose
 * type asked to be reported (§3.2.1).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 8             |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                    Unrecognized Parameter                     /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param parameter the unrecognized parameter as it was on the wire, header included
 */
public record UnrecognizedParameterParameter(ByteView parameter) implements Parameter {

    public static final int TYPE = 8;
    private static final String NAME = "Unrecognized Parameter parameter";

    public UnrecognizedParameterParameter {
        requireNonNull(parameter, "parameter");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + parameter.length());
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<UnrecognizedParameterParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new UnrecognizedParameterParameter(Tlv.value(buf, off)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + parameter.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, TYPE, parameter);
    }
}
