package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.List;

/**
 * Receiver report (RR), <a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.2">RFC 3550
 * §6.4.2</a>: reception reports from a participant that is not sending.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks (see ReportBlock)               |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                  profile-specific extensions                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Profile-specific extensions are skipped when parsing. An RR with no blocks is valid: it is
 * what a receiver that has heard nobody yet sends first in a compound packet.
 *
 * @param senderSsrc the SSRC of the reporter
 * @param reportBlocks up to 31 reception reports
 */
public record ReceiverReport(long senderSsrc, List<ReportBlock> reportBlocks) implements RtcpPacket {

    private static final String NAME = "RTCP RR";

    public ReceiverReport {
        Checks.checkUint32("senderSsrc", senderSsrc);
        reportBlocks = List.copyOf(reportBlocks);
        Checks.checkRange("reportBlocks.size()", reportBlocks.size(), 0, RtcpHeader.MAX_COUNT);
    }

    /** Parses the RR that fills {@code buf[off .. off + len)}. */
    public static ParseResult<ReceiverReport> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(NAME, TYPE_RR, -1, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<ReceiverReport> parseBody(RtcpHeader header, byte[] buf) {
        final String error = header.checkBodyLength(NAME + " with " + header.count() + " report blocks",
                                                    4 + header.count() * ReportBlock.SIZE);
        if (error != null) {
            return ParseResult.error(error);
        }
        final int pos = header.bodyOffset();
        return ParseResult.ok(new ReceiverReport(BigEndian.getUint32(buf, pos),
                                                 ReportBlock.readAll(buf, pos + 4, header.count())));
    }

    @Override
    public int packetType() {
        return TYPE_RR;
    }

    @Override
    public int serializedSize() {
        return RtcpHeader.SIZE + 4 + reportBlocks.size() * ReportBlock.SIZE;
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        int pos = RtcpHeader.write(buf, off, reportBlocks.size(), TYPE_RR, size);
        pos = BigEndian.putUint32(buf, pos, senderSsrc);
        for (ReportBlock block : reportBlocks) {
            pos = block.write(buf, pos);
        }
        return size;
    }
}
