package dev.remotemedia.rtc.datachannel;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.sctp.packet.ParseResult;
import java.util.Objects;

/**
 * A message of the Data Channel Establishment Protocol, <a
 * href="https://www.rfc-editor.org/rfc/rfc8832#section-5">RFC 8832 §5</a>: the whole user message
 * of an SCTP DATA chunk with PPID 50 ({@link dev.remotemedia.rtc.sctp.packet.Ppid#DCEP}). The
 * opener of an in-band channel sends {@link DataChannelOpen} on the channel's stream; the other
 * side answers {@link DataChannelAck} on the same stream.
 */
public sealed interface DcepMessage permits DataChannelOpen, DataChannelAck {

    /**
     * Parses the message in {@code buf[off .. off + len)}. Never throws on malformed input; bytes
     * after the message are ignored, as Chromium and Pion do.
     *
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} lie outside {@code buf}
     */
    static ParseResult<DcepMessage> parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, requireNonNull(buf, "buf").length);
        if (len < 1) {
            return ParseResult.error("DCEP message: 0 bytes (expected: >= 1, the message type)");
        }
        final int type = buf[off] & 0xFF;
        switch (type) {
            case DataChannelOpen.MESSAGE_TYPE:
                return widen(DataChannelOpen.parse(buf, off, len));
            case DataChannelAck.MESSAGE_TYPE:
                return widen(DataChannelAck.parse(buf, off, len));
            default:
                return ParseResult.error("DCEP message: type " + type + " (expected: "
                                         + DataChannelAck.MESSAGE_TYPE + " DATA_CHANNEL_ACK or "
                                         + DataChannelOpen.MESSAGE_TYPE + " DATA_CHANNEL_OPEN)");
        }
    }

    /** Returns the Message Type byte. */
    int messageType();

    /** Returns how many bytes {@link #serializeTo} writes. */
    int serializedSize();

    /**
     * Writes the message at {@code dst[off]}; returns {@code off + serializedSize()}.
     *
     * @throws IndexOutOfBoundsException before writing anything if it does not fit
     */
    int serializeTo(byte[] dst, int off);

    /** Returns the message as a new array, the payload of a DATA chunk with PPID 50. */
    default byte[] toByteArray() {
        final byte[] bytes = new byte[serializedSize()];
        serializeTo(bytes, 0);
        return bytes;
    }

    private static ParseResult<DcepMessage> widen(ParseResult<? extends DcepMessage> result) {
        if (result instanceof ParseResult.Ok<? extends DcepMessage> ok) {
            return ParseResult.ok(ok.value());
        }
        return ((ParseResult.Error<? extends DcepMessage>) result).withContext("");
    }
}
