package dev.remotemedia.rtc.rtcp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * An RTCP packet this stack does not interpret, kept whole so a compound packet parses around it:
 * APP (204), XR (207), feedback messages other than the ones modelled here, and unassigned types.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                             body                              :
 * }</pre>
 *
 * <p>The body excludes padding; written back, a body that is not a multiple of 4 bytes is padded
 * with the P bit (RFC 3550 §6.4.1).
 *
 * @param packetType {@code 0..255}
 * @param count the 5-bit count or FMT field
 * @param body the bytes after the header, padding removed; shares the parsed array
 */
public record UnknownRtcp(int packetType, int count, ByteView body) implements RtcpPacket {

    private static final int MAX_BODY = 4 * 0xFFFF;

    public UnknownRtcp {
        Checks.checkRange("packetType", packetType, 0, 255);
        Checks.checkRange("count", count, 0, RtcpHeader.MAX_COUNT);
        requireNonNull(body, "body");
        Checks.checkRange("body.length()", body.length(), 0, MAX_BODY);
    }

    /** Parses the packet that fills {@code buf[off .. off + len)}, of any type. */
    public static ParseResult<UnknownRtcp> parse(byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        final ParseResult<RtcpHeader> result = RtcpHeader.parse(buf, off, len);
        if (!(result instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(result);
        }
        if (ok.value().packetLength() != len) {
            return ParseResult.error("RTCP packet type " + ok.value().packetType() + ": length "
                                     + ok.value().packetLength() + " bytes (expected: " + len + ", the bytes given)");
        }
        return ParseResult.ok(of(ok.value(), buf));
    }

    static UnknownRtcp of(RtcpHeader header, byte[] buf) {
        return new UnknownRtcp(header.packetType(), header.count(),
                               ByteView.of(buf, header.bodyOffset(), header.bodyLength()));
    }

    @Override
    public int serializedSize() {
        return RtcpHeader.SIZE + ((body.length() + 3) & ~3);
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        RtcpHeader.write(buf, off, count, packetType, size);
        final int padding = size - RtcpHeader.SIZE - body.length();
        if (padding > 0) {
            buf[off] |= 0x20;
            for (int i = off + size - padding; i < off + size - 1; i++) {
                buf[i] = 0;
            }
            buf[off + size - 1] = (byte) padding;
        }
        body.copyTo(buf, off + RtcpHeader.SIZE);
        return size;
    }
}
