package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.List;

/**
 * Full intra request (FIR), <a href="https://www.rfc-editor.org/rfc/rfc5104#section-4.3.1">RFC 5104
 * §4.3.1</a> (payload-specific feedback, FMT 4): asks each listed sender for a decoder refresh
 * point. The command sequence number tells a repeated request from a new one.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=4  |   PT=206      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             SSRC of media source (unused, 0)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |  one or more
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>RFC 5104 §4.3.1.2 says the media source field SHALL be 0, which {@link #of} writes; some
 * senders put the media SSRC there, so parsing keeps whatever came.
 *
 * @param senderSsrc the SSRC of the receiver asking
 * @param mediaSsrc the unused media source field, normally 0
 * @param entries at least one (SSRC, sequence number) pair
 */
public record FullIntraRequest(long senderSsrc, long mediaSsrc, List<Entry> entries) implements RtcpPacket {

    /** The feedback message type. */
    public static final int FMT = 4;

    private static final String NAME = "RTCP FIR";
    private static final int ENTRY_SIZE = 8;
    private static final int MAX_ENTRIES = (4 * 0x10000 - FeedbackHeader.SIZE) / ENTRY_SIZE;

    public FullIntraRequest {
        Checks.checkUint32("senderSsrc", senderSsrc);
        Checks.checkUint32("mediaSsrc", mediaSsrc);
        entries = List.copyOf(entries);
        Checks.checkRange("entries.size()", entries.size(), 1, MAX_ENTRIES);
    }

    /** Returns a FIR from {@code senderSsrc} with the media source field 0, as RFC 5104 asks. */
    public static FullIntraRequest of(long senderSsrc, List<Entry> entries) {
        return new FullIntraRequest(senderSsrc, 0, entries);
    }

    /**
     * One request.
     *
     * @param ssrc the sender that should send a decoder refresh point
     * @param sequenceNumber the command sequence number, {@code 0..255}: incremented for each new
     *     request to that sender, repeated when the same request is sent again
     */
    public record Entry(long ssrc, int sequenceNumber) {
        public Entry {
            Checks.checkUint32("ssrc", ssrc);
            Checks.checkRange("sequenceNumber", sequenceNumber, 0, 255);
        }
    }

    /** Parses the FIR that fills {@code buf[off .. off + len)}. */
    public static ParseResult<FullIntraRequest> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(NAME, TYPE_PSFB, FMT, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<FullIntraRequest> parseBody(RtcpHeader header, byte[] buf) {
        final String error = FeedbackHeader.check(NAME, header, ENTRY_SIZE);
        if (error != null) {
            return ParseResult.error(error);
        }
        final int count = FeedbackHeader.fciLength(header) / ENTRY_SIZE;
        final Entry[] entries = new Entry[count];
        int pos = FeedbackHeader.fciOffset(header);
        for (int i = 0; i < count; i++, pos += ENTRY_SIZE) {
            entries[i] = new Entry(BigEndian.getUint32(buf, pos), buf[pos + 4] & 0xFF);
        }
        return ParseResult.ok(new FullIntraRequest(FeedbackHeader.senderSsrc(header, buf),
                                                   FeedbackHeader.mediaSsrc(header, buf), List.of(entries)));
    }

    @Override
    public int packetType() {
        return TYPE_PSFB;
    }

    @Override
    public int serializedSize() {
        return FeedbackHeader.SIZE + ENTRY_SIZE * entries.size();
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        int pos = FeedbackHeader.write(buf, off, FMT, TYPE_PSFB, size, senderSsrc, mediaSsrc);
        for (Entry entry : entries) {
            pos = BigEndian.putUint32(buf, pos, entry.ssrc());
            pos = BigEndian.putUint32(buf, pos, (long) entry.sequenceNumber() << 24);
        }
        return size;
    }
}
