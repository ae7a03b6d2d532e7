package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * State Cookie parameter of an INIT ACK, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3.1">RFC 9260 §3.3.3.1</a>: the
 * responder's state, which the initiator returns in a COOKIE ECHO. Opaque to everyone but its
 * maker.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 7             |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                            Cookie                             /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param cookie the cookie bytes; a parsed one shares the input array
 */
public record StateCookieParameter(ByteView cookie) implements Parameter {

    public static final int TYPE = 7;
    private static final String NAME = "State Cookie parameter";

    public StateCookieParameter {
        requireNonNull(cookie, "cookie");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + cookie.length());
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<StateCookieParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new StateCookieParameter(Tlv.value(buf, off)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + cookie.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, TYPE, cookie);
    }
}
