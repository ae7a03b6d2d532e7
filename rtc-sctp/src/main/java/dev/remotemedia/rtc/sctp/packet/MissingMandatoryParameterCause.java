package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;
import java.util.List;

/**
 * Missing Mandatory Parameter error cause, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.2">RFC 9260 §3.3.10.2</a>: an INIT or
 * INIT ACK lacked mandatory parameters (such as the State Cookie of an INIT ACK).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Cause Code = 2        |   Cause Length = 8 + N * 2    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Number of missing params = N                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Missing Param Type #1       |   Missing Param Type #2       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Missing Param Type #N-1     |   Missing Param Type #N       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param parameterTypes the types of the missing parameters, each {@code 0..65535}
 */
public record MissingMandatoryParameterCause(List<Integer> parameterTypes) implements ErrorCause {

    public static final int CODE = 2;
    private static final int FIXED_LENGTH = 8;
    private static final String NAME = "Missing Mandatory Parameter cause";

    public MissingMandatoryParameterCause {
        parameterTypes = Tlv.copyUint16List("parameterType", parameterTypes);
        Tlv.checkFits(NAME, FIXED_LENGTH + 2 * parameterTypes.size());
    }

    /** Parses the cause at {@code buf[off .. off + len)}; its Length must match its count. */
    public static ParseResult<MissingMandatoryParameterCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, FIXED_LENGTH, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        final long count = BigEndian.getUint32(buf, off + 4);
        if (FIXED_LENGTH + 2 * count != length) {
            return ParseResult.error(NAME + ": length " + length + " (expected: 8 + 2 * " + count
                                     + " missing parameters)");
        }
        return ParseResult.ok(new MissingMandatoryParameterCause(
                Tlv.uint16List(buf, off + FIXED_LENGTH, off + length)));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int length() {
        return FIXED_LENGTH + 2 * parameterTypes.size();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, serializedSize());
        int pos = Tlv.putHeader(dst, off, CODE, length());
        pos = BigEndian.putUint32(dst, pos, parameterTypes.size());
        pos = Tlv.putUint16List(dst, pos, parameterTypes);
        return Tlv.pad(dst, pos, end);
    }
}
