package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;

/**
 * No User Data error cause, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.9">RFC
 * 9260 §3.3.10.9</a>: a DATA chunk arrived with no user data.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Cause Code = 9        |        Cause Length = 8       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           TSN value                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param tsn the TSN of that DATA chunk, {@code 0..4294967295}
 */
public record NoUserDataCause(long tsn) implements ErrorCause {

    public static final int CODE = 9;
    private static final int LENGTH = 8;
    private static final String NAME = "No User Data cause";

    public NoUserDataCause {
        Tlv.checkUint32("tsn", tsn);
    }

    /** Parses the cause at {@code buf[off .. off + len)}; its Length must be 8. */
    public static ParseResult<NoUserDataCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, LENGTH, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new NoUserDataCause(BigEndian.getUint32(buf, off + 4)));
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
        Tlv.checkDst(dst, off, LENGTH);
        return BigEndian.putUint32(dst, Tlv.putHeader(dst, off, CODE, LENGTH), tsn);
    }
}
