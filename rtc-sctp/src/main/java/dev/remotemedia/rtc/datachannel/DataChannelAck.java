package dev.remotemedia.rtc.datachannel;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.sctp.packet.ParseResult;
import java.util.Objects;

/**
 * DATA_CHANNEL_ACK, <a href="https://www.rfc-editor.org/rfc/rfc8832#section-5.2">RFC 8832
 * §5.2</a>: confirms a {@link DataChannelOpen}; it is a single byte.
 *
 * <pre>{@code
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |  Message Type |
 * +-+-+-+-+-+-+-+-+
 * }</pre>
 */
public record DataChannelAck() implements DcepMessage {

    /** The Message Type of DATA_CHANNEL_ACK. */
    public static final int MESSAGE_TYPE = 0x02;

    /** Parses the message in {@code buf[off .. off + len)}; bytes after the first are ignored. */
    public static ParseResult<DataChannelAck> parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, requireNonNull(buf, "buf").length);
        if (len < 1) {
            return ParseResult.error("DATA_CHANNEL_ACK: 0 bytes (expected: 1)");
        }
        final int type = buf[off] & 0xFF;
        if (type != MESSAGE_TYPE) {
            return ParseResult.error("DATA_CHANNEL_ACK: message type " + type + " (expected: " + MESSAGE_TYPE + ')');
        }
        return ParseResult.ok(new DataChannelAck());
    }

    @Override
    public int messageType() {
        return MESSAGE_TYPE;
    }

    @Override
    public int serializedSize() {
        return 1;
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        Objects.checkFromIndexSize(off, 1, requireNonNull(dst, "dst").length);
        dst[off] = MESSAGE_TYPE;
        return off + 1;
    }
}
