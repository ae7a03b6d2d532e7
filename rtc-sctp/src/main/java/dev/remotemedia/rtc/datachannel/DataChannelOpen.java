package dev.remotemedia.rtc.datachannel;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sctp.packet.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * DATA_CHANNEL_OPEN, <a href="https://www.rfc-editor.org/rfc/rfc8832#section-5.1">RFC 8832
 * §5.1</a>: opens an in-band data channel on the stream it is sent on, with its reliability,
 * priority, label and subprotocol.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Message Type |  Channel Type |            Priority           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Reliability Parameter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Label Length          |       Protocol Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               /
 * |                             Label                             |
 * /                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               /
 * |                            Protocol                           |
 * /                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>The Channel Type byte is the reliability in its low bits and 0x80 for unordered delivery. For a
 * reliable channel the Reliability Parameter is ignored on receipt (parsed as 0) and must be 0 here.
 *
 * @param ordered whether messages are delivered in order (the channel type's 0x80 bit clear)
 * @param reliability what happens to a message that is not delivered
 * @param reliabilityParameter the number of retransmissions ({@link
 *     Reliability#PARTIAL_RELIABLE_REXMIT}) or the lifetime in milliseconds ({@link
 *     Reliability#PARTIAL_RELIABLE_TIMED}), {@code 0..4294967295}; 0 for a reliable channel
 * @param priority the channel's priority, {@code 0..65535} (Chromium sends 256 for the default)
 * @param label the channel's label, at most 65535 bytes in UTF-8
 * @param protocol the subprotocol, at most 65535 bytes in UTF-8; empty if none
 */
public record DataChannelOpen(boolean ordered, Reliability reliability, long reliabilityParameter,
                              int priority, String label, String protocol) implements DcepMessage {

    /** The Message Type of DATA_CHANNEL_OPEN. */
    public static final int MESSAGE_TYPE = 0x03;
    private static final int HEADER_SIZE = 12;
    private static final int UNORDERED = 0x80;
    private static final int MAX_STRING_BYTES = 0xFFFF;
    private static final String NAME = "DATA_CHANNEL_OPEN";

    /** The reliability part of the Channel Type, RFC 8832 §5.1. */
    public enum Reliability {
        /** Every message is delivered (DATA_CHANNEL_RELIABLE). */
        RELIABLE(0x00),
        /** A message is abandoned after {@code reliabilityParameter} retransmissions. */
        PARTIAL_RELIABLE_REXMIT(0x01),
        /** A message is abandoned {@code reliabilityParameter} milliseconds after it was sent. */
        PARTIAL_RELIABLE_TIMED(0x02);

        private final int code;

        Reliability(int code) {
            this.code = code;
        }

        /** Returns the low bits of the Channel Type. */
        public int code() {
            return code;
        }

        static @Nullable Reliability fromCode(int code) {
            for (Reliability reliability : values()) {
                if (reliability.code == code) {
                    return reliability;
                }
            }
            return null;
        }
    }

    public DataChannelOpen {
        requireNonNull(reliability, "reliability");
        if ((reliabilityParameter & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(
                    "reliabilityParameter: " + reliabilityParameter + " (expected: 0..4294967295)");
        }
        if (reliability == Reliability.RELIABLE && reliabilityParameter != 0) {
            throw new IllegalArgumentException(
                    "reliabilityParameter: " + reliabilityParameter + " (expected: 0 for a reliable channel)");
        }
        if ((priority & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: 0..65535)");
        }
        checkUtf8Length("label", requireNonNull(label, "label"));
        checkUtf8Length("protocol", requireNonNull(protocol, "protocol"));
    }

    /**
     * Parses the message in {@code buf[off .. off + len)}. Label and protocol must be valid UTF-8;
     * bytes after the protocol are ignored, as Chromium and Pion do.
     */
    public static ParseResult<DataChannelOpen> parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, requireNonNull(buf, "buf").length);
        if (len < HEADER_SIZE) {
            return ParseResult.error(NAME + ": " + len + " bytes (expected: >= " + HEADER_SIZE + ')');
        }
        final int type = buf[off] & 0xFF;
        if (type != MESSAGE_TYPE) {
            return ParseResult.error(NAME + ": message type " + type + " (expected: " + MESSAGE_TYPE + ')');
        }
        final int channelType = buf[off + 1] & 0xFF;
        final Reliability reliability = Reliability.fromCode(channelType & ~UNORDERED);
        if (reliability == null) {
            return ParseResult.error(String.format(
                    "%s: channel type 0x%02x (expected: 0x00, 0x01 or 0x02, plus 0x80 if unordered)",
                    NAME, channelType));
        }
        final int labelLength = BigEndian.getUint16(buf, off + 8);
        final int protocolLength = BigEndian.getUint16(buf, off + 10);
        if (HEADER_SIZE + labelLength + protocolLength > len) {
            return ParseResult.error(NAME + ": label length " + labelLength + " + protocol length "
                                     + protocolLength + " (expected: <= " + (len - HEADER_SIZE)
                                     + ", the bytes after the header)");
        }
        final String label = decodeUtf8(buf, off + HEADER_SIZE, labelLength);
        final String protocol = decodeUtf8(buf, off + HEADER_SIZE + labelLength, protocolLength);
        if (label == null || protocol == null) {
            return ParseResult.error(NAME + ": " + (label == null ? "label" : "protocol")
                                     + " (expected: valid UTF-8)");
        }
        final long parameter = reliability == Reliability.RELIABLE ? 0 : BigEndian.getUint32(buf, off + 4);
        return ParseResult.ok(new DataChannelOpen((channelType & UNORDERED) == 0, reliability, parameter,
                                                  BigEndian.getUint16(buf, off + 2), label, protocol));
    }

    /** Returns the Channel Type byte. */
    public int channelType() {
        return reliability.code() | (ordered ? 0 : UNORDERED);
    }

    @Override
    public int messageType() {
        return MESSAGE_TYPE;
    }

    @Override
    public int serializedSize() {
        return HEADER_SIZE + utf8Length(label) + utf8Length(protocol);
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        final byte[] protocolBytes = protocol.getBytes(StandardCharsets.UTF_8);
        Objects.checkFromIndexSize(off, HEADER_SIZE + labelBytes.length + protocolBytes.length,
                                   requireNonNull(dst, "dst").length);
        int pos = BigEndian.putUint8(dst, off, MESSAGE_TYPE);
        pos = BigEndian.putUint8(dst, pos, channelType());
        pos = BigEndian.putUint16(dst, pos, priority);
        pos = BigEndian.putUint32(dst, pos, reliabilityParameter);
        pos = BigEndian.putUint16(dst, pos, labelBytes.length);
        pos = BigEndian.putUint16(dst, pos, protocolBytes.length);
        System.arraycopy(labelBytes, 0, dst, pos, labelBytes.length);
        pos += labelBytes.length;
        System.arraycopy(protocolBytes, 0, dst, pos, protocolBytes.length);
        return pos + protocolBytes.length;
    }

    /** Returns the text, or {@code null} if the bytes are not well-formed UTF-8. */
    private static @Nullable String decodeUtf8(byte[] buf, int off, int len) {
        final String text = new String(buf, off, len, StandardCharsets.UTF_8);
        // The decoder replaces what is malformed, so the text only encodes back to the same bytes
        // if there was nothing to replace.
        final byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(encoded, 0, encoded.length, buf, off, off + len) ? text : null;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void checkUtf8Length(String name, String text) {
        final byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        if (!new String(encoded, StandardCharsets.UTF_8).equals(text)) {
            // UTF-8 would write '?' for it.
            throw new IllegalArgumentException(name + ": has an unpaired surrogate (expected: valid Unicode)");
        }
        final int length = encoded.length;
        if (length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(
                    name + ": " + length + " bytes in UTF-8 (expected: <= " + MAX_STRING_BYTES + ')');
        }
    }
}
