package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;

/**
 * Invalid Stream Identifier error cause, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.1">RFC 9260 §3.3.10.1</a>: DATA
 * arrived for a stream that does not exist.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Cause Code = 1        |        Cause Length = 8       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       Stream Identifier       |          (Reserved)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param streamId the stream identifier of the DATA chunk, {@code 0..65535}
 */
public record InvalidStreamIdentifierCause(int streamId) implements ErrorCause {

    public static final int CODE = 1;
    private static final int LENGTH = 8;
    private static final String NAME = "Invalid Stream Identifier cause";

    public InvalidStreamIdentifierCause {
        Tlv.checkUint16("streamId", streamId);
    }

    /** Parses the cause at {@code buf[off .. off + len)}; its Length must be 8. */
    public static ParseResult<InvalidStreamIdentifierCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, LENGTH, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new InvalidStreamIdentifierCause(BigEndian.getUint16(buf, off + 4)));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, LENGTH);
        final int pos = BigEndian.putUint16(dst, Tlv.putHeader(dst, off, CODE, LENGTH), streamId);
        return Tlv.pad(dst, pos, end);
    }
}
