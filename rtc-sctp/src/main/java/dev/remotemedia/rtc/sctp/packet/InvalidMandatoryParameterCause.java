package dev.remotemedia.rtc.sctp.packet;

/**
 * Invalid Mandatory Parameter error cause, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.7">RFC 9260 §3.3.10.7</a>: a
 * mandatory parameter of an INIT or INIT ACK was set to an invalid value. It has no value.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Cause Code = 7        |        Cause Length = 4       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 */
public record InvalidMandatoryParameterCause() implements ErrorCause {

    public static final int CODE = 7;
    private static final String NAME = "Invalid Mandatory Parameter cause";

    /** Parses the cause at {@code buf[off .. off + len)}; its Length must be 4. */
    public static ParseResult<InvalidMandatoryParameterCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, Tlv.HEADER_SIZE, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new InvalidMandatoryParameterCause());
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE;
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        Tlv.checkDst(dst, off, Tlv.HEADER_SIZE);
        return Tlv.putHeader(dst, off, CODE, Tlv.HEADER_SIZE);
    }
}
