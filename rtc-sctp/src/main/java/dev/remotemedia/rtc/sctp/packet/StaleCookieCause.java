package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;

/**
 * Stale Cookie error cause, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.3">RFC
 * 9260 §3.3.10.3</a>: a COOKIE ECHO arrived after its cookie expired.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Cause Code = 3        |        Cause Length = 8       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Measure of Staleness (usec.)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param stalenessMicros by how many microseconds the cookie had expired, {@code 0..4294967295}
 */
public record StaleCookieCause(long stalenessMicros) implements ErrorCause {

    public static final int CODE = 3;
    private static final int LENGTH = 8;
    private static final String NAME = "Stale Cookie cause";

    public StaleCookieCause {
        Tlv.checkUint32("stalenessMicros", stalenessMicros);
    }

    /** Parses the cause at {@code buf[off .. off + len)}; its Length must be 8. */
    public static ParseResult<StaleCookieCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, LENGTH, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new StaleCookieCause(BigEndian.getUint32(buf, off + 4)));
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
        return BigEndian.putUint32(dst, Tlv.putHeader(dst, off, CODE, LENGTH), stalenessMicros);
    }
}
