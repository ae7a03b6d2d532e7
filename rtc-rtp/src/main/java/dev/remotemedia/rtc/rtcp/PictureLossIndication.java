package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * Picture loss indication (PLI), <a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.3.1">RFC
 * 4585 §6.3.1</a> (payload-specific feedback, FMT 1): the receiver lost picture data and asks the
 * sender for a key frame. It has no FCI.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |   PT=206      |          length=2             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Bytes after the SSRCs are ignored when parsing.
 *
 * @param senderSsrc the SSRC of the receiver asking
 * @param mediaSsrc the SSRC of the video source that should send a key frame
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements RtcpPacket {

    /** The feedback message type. */
    public static final int FMT = 1;

    private static final String NAME = "RTCP PLI";

    public PictureLossIndication {
        Checks.checkUint32("senderSsrc", senderSsrc);
        Checks.checkUint32("mediaSsrc", mediaSsrc);
    }

    /** Parses the PLI that fills {@code buf[off .. off + len)}. */
    public static ParseResult<PictureLossIndication> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(NAME, TYPE_PSFB, FMT, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<PictureLossIndication> parseBody(RtcpHeader header, byte[] buf) {
        final String error = FeedbackHeader.check(NAME, header, 0);
        if (error != null) {
            return ParseResult.error(error);
        }
        return ParseResult.ok(new PictureLossIndication(FeedbackHeader.senderSsrc(header, buf),
                                                        FeedbackHeader.mediaSsrc(header, buf)));
    }

    @Override
    public int packetType() {
        return TYPE_PSFB;
    }

    @Override
    public int serializedSize() {
        return FeedbackHeader.SIZE;
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        Checks.checkDst(buf, off, FeedbackHeader.SIZE);
        FeedbackHeader.write(buf, off, FMT, TYPE_PSFB, FeedbackHeader.SIZE, senderSsrc, mediaSsrc);
        return FeedbackHeader.SIZE;
    }
}
