package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * The common header of every RTCP packet, <a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC
 * 3550 §6.4.1</a>; the count field is the feedback message type (FMT) in RFC 4585 feedback.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Length is the packet's size in 32-bit words minus one, padding included. With P set, the last
 * byte counts the padding bytes, itself included; {@link #bodyLength} leaves them out.
 *
 * @param count the 5-bit count or FMT field
 * @param packetType the 8-bit packet type
 * @param packetLength the whole packet's size in bytes, from the length field
 * @param bodyOffset where the bytes after the 4-byte header start in the array
 * @param bodyLength how many bytes follow the header, padding excluded
 */
record RtcpHeader(int count, int packetType, int packetLength, int bodyOffset, int bodyLength) {

    static final int SIZE = 4;
    static final int MAX_COUNT = 31;

    /**
     * Reads the header at {@code buf[off]} of a packet that must lie within {@code len} bytes; the
     * packet may be shorter than {@code len} (the rest of a compound packet).
     */
    static ParseResult<RtcpHeader> parse(byte[] buf, int off, int len) {
        if (len < SIZE) {
            return ParseResult.error("RTCP packet: " + len + " bytes (expected: >= 4)");
        }
        final int first = buf[off] & 0xFF;
        if (first >>> 6 != 2) {
            return ParseResult.error("RTCP packet: version " + (first >>> 6) + " (expected: 2)");
        }
        final int packetType = buf[off + 1] & 0xFF;
        final int packetLength = 4 * (BigEndian.getUint16(buf, off + 2) + 1);
        if (packetLength > len) {
            return ParseResult.error("RTCP packet type " + packetType + ": length " + packetLength
                                     + " bytes (expected: <= " + len + ", what is left of the datagram)");
        }
        int bodyLength = packetLength - SIZE;
        if ((first & 0x20) != 0) {
            final int padding = buf[off + packetLength - 1] & 0xFF;
            if (padding == 0 || padding > bodyLength) {
                return ParseResult.error("RTCP packet type " + packetType + ": padding count " + padding
                                         + " (expected: 1.." + bodyLength + ')');
            }
            bodyLength -= padding;
        }
        return ParseResult.ok(new RtcpHeader(first & 0x1F, packetType, packetLength, off + SIZE, bodyLength));
    }

    /**
     * Reads the header of the single packet that fills {@code buf[off .. off + len)} and checks its
     * type (and FMT, unless {@code fmt} is negative); returns the header or an error naming {@code
     * name}.
     */
    static ParseResult<RtcpHeader> parseSingle(String name, int packetType, int fmt, byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        final ParseResult<RtcpHeader> result = parse(buf, off, len);
        if (!(result instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return result;
        }
        final RtcpHeader header = ok.value();
        if (header.packetType != packetType || (fmt >= 0 && header.count != fmt)) {
            return ParseResult.error(name + ": packet type " + header.packetType + ", count/FMT " + header.count
                                     + " (expected: " + packetType + (fmt >= 0 ? ", FMT " + fmt : "") + ')');
        }
        if (header.packetLength != len) {
            return ParseResult.error(name + ": length " + header.packetLength + " bytes (expected: " + len
                                     + ", the bytes given)");
        }
        return result;
    }

    /** Returns the error of a failed header parse as the result of a typed parser. */
    static <T> ParseResult<T> failure(ParseResult<RtcpHeader> failed) {
        return ((ParseResult.Error<RtcpHeader>) failed).cast();
    }

    /** Returns an error for a body shorter than {@code minimum}, or {@code null}. */
    @Nullable String checkBodyLength(String name, int minimum) {
        if (bodyLength < minimum) {
            return name + ": " + (SIZE + bodyLength) + " bytes (expected: >= " + (SIZE + minimum) + ')';
        }
        return null;
    }

    /**
     * Writes a header at {@code buf[off]} for a packet of {@code size} bytes (a multiple of 4, no
     * padding); returns {@code off + 4}.
     */
    static int write(byte[] buf, int off, int count, int packetType, int size) {
        buf[off] = (byte) (0x80 | count);
        buf[off + 1] = (byte) packetType;
        return BigEndian.putUint16(buf, off + 2, size / 4 - 1);
    }
}
