package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;

/**
 * Zero Checksum Acceptable parameter of an INIT or INIT ACK, <a
 * href="https://www.rfc-editor.org/rfc/rfc9653#section-5.1">RFC 9653 §5.1</a>: the sender accepts
 * packets whose checksum field is zero, because another method (for WebRTC: DTLS) detects errors.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 0x8001        |          Length = 8           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Error Detection Method Identifier (EDMID)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param errorDetectionMethod the EDMID, {@code 0..4294967295}; {@link #DTLS} for SCTP over DTLS
 */
public record ZeroChecksumAcceptableParameter(long errorDetectionMethod) implements Parameter {

    public static final int TYPE = 0x8001;
    /** The EDMID of SCTP over DTLS (RFC 9653 §9, RFC 8261). */
    public static final long DTLS = 1;
    private static final int LENGTH = 8;
    private static final String NAME = "Zero Checksum Acceptable parameter";

    public ZeroChecksumAcceptableParameter {
        Tlv.checkUint32("errorDetectionMethod", errorDetectionMethod);
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; its Length must be 8. */
    public static ParseResult<ZeroChecksumAcceptableParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, LENGTH, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new ZeroChecksumAcceptableParameter(BigEndian.getUint32(buf, off + 4)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        Tlv.checkDst(dst, off, LENGTH);
        return BigEndian.putUint32(dst, Tlv.putHeader(dst, off, TYPE, LENGTH), errorDetectionMethod);
    }
}
