package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.List;

/**
 * Sender report (SR), <a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550
 * §6.4.1</a>: what an active sender sent, the NTP time matching an RTP timestamp (for lip sync and
 * RTT), and reception reports.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP timestamp                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     sender's packet count                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      sender's octet count                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks (see ReportBlock)               |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                  profile-specific extensions                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Profile-specific extensions (none is defined for WebRTC) are skipped when parsing.
 *
 * @param senderSsrc the SSRC of the sender
 * @param ntpTimestamp the 64-bit NTP timestamp (seconds since 1900 in the high 32 bits, fraction
 *     in the low 32) as its bit pattern: negative as a {@code long} after 1968
 * @param rtpTimestamp the RTP timestamp of the same instant, {@code 0..4294967295}
 * @param packetCount RTP packets sent since the start, modulo 2^32
 * @param octetCount payload octets sent since the start, modulo 2^32
 * @param reportBlocks up to 31 reception reports
 */
public record SenderReport(long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
                           long octetCount, List<ReportBlock> reportBlocks) implements RtcpPacket {

    private static final String NAME = "RTCP SR";
    private static final int FIXED_BODY = 24;

    public SenderReport {
        Checks.checkUint32("senderSsrc", senderSsrc);
        Checks.checkUint32("rtpTimestamp", rtpTimestamp);
        Checks.checkUint32("packetCount", packetCount);
        Checks.checkUint32("octetCount", octetCount);
        reportBlocks = List.copyOf(reportBlocks);
        Checks.checkRange("reportBlocks.size()", reportBlocks.size(), 0, RtcpHeader.MAX_COUNT);
    }

    /**
     * Returns the middle 32 bits of the NTP timestamp, the compact form that receivers echo as
     * LSR in their report blocks (RFC 3550 §6.4.1).
     */
    public long compactNtp() {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }

    /** Parses the SR that fills {@code buf[off .. off + len)}. */
    public static ParseResult<SenderReport> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(NAME, TYPE_SR, -1, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<SenderReport> parseBody(RtcpHeader header, byte[] buf) {
        final String error = header.checkBodyLength(NAME + " with " + header.count() + " report blocks",
                                                    FIXED_BODY + header.count() * ReportBlock.SIZE);
        if (error != null) {
            return ParseResult.error(error);
        }
        final int pos = header.bodyOffset();
        final long ntp = (BigEndian.getUint32(buf, pos + 4) << 32) | BigEndian.getUint32(buf, pos + 8);
        return ParseResult.ok(new SenderReport(
                BigEndian.getUint32(buf, pos), ntp, BigEndian.getUint32(buf, pos + 12),
                BigEndian.getUint32(buf, pos + 16), BigEndian.getUint32(buf, pos + 20),
                ReportBlock.readAll(buf, pos + FIXED_BODY, header.count())));
    }

    @Override
    public int packetType() {
        return TYPE_SR;
    }

    @Override
    public int serializedSize() {
        return RtcpHeader.SIZE + FIXED_BODY + reportBlocks.size() * ReportBlock.SIZE;
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        int pos = RtcpHeader.write(buf, off, reportBlocks.size(), TYPE_SR, size);
        pos = BigEndian.putUint32(buf, pos, senderSsrc);
        pos = BigEndian.putUint32(buf, pos, ntpTimestamp >>> 32);
        pos = BigEndian.putUint32(buf, pos, ntpTimestamp & 0xFFFF_FFFFL);
        pos = BigEndian.putUint32(buf, pos, rtpTimestamp);
        pos = BigEndian.putUint32(buf, pos, packetCount);
        pos = BigEndian.putUint32(buf, pos, octetCount);
        for (ReportBlock block : reportBlocks) {
            pos = block.write(buf, pos);
        }
        return size;
    }
}
