package dev.remotemedia.rtc.sctp.packet;

/**
 * Forward-TSN-Supported parameter of an INIT or INIT ACK, <a
 * href="https://www.rfc-editor.org/rfc/rfc3758#section-3.1">RFC 3758 §3.1</a>: the sender
 * understands FORWARD TSN, so partially reliable data channels can be used.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Parameter Type = 49152     |  Parameter Length = 4         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 */
public record ForwardTsnSupportedParameter() implements Parameter {

    public static final int TYPE = 0xC000;
    private static final String NAME = "Forward-TSN-Supported parameter";

    /** Parses the parameter at {@code buf[off .. off + len)}; its Length must be 4. */
    public static ParseResult<ForwardTsnSupportedParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new ForwardTsnSupportedParameter());
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
        return Tlv.putHeader(dst, off, TYPE, Tlv.HEADER_SIZE);
    }
}
