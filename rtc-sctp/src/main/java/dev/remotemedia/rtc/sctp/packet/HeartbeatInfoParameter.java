package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * Heartbeat Information parameter, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.5">RFC 9260 §3.3.5</a>: what the sender
 * of a HEARTBEAT wants back, unchanged, in the HEARTBEAT ACK (typically when it was sent, to
 * measure the round-trip time).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Heartbeat Info Type = 1    |         HB Info Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                  Sender-Specific Heartbeat Info               /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param info the sender-specific bytes; a parsed one shares the input array
 */
public record HeartbeatInfoParameter(ByteView info) implements Parameter {

    public static final int TYPE = 1;
    private static final String NAME = "Heartbeat Info parameter";

    public HeartbeatInfoParameter {
        requireNonNull(info, "info");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + info.length());
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<HeartbeatInfoParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new HeartbeatInfoParameter(Tlv.value(buf, off)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + info.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, TYPE, info);
    }
}
