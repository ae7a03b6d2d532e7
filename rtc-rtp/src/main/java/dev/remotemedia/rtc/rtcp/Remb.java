package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.List;

/**
 * Receiver estimated maximum bitrate (REMB), <a
 * href="https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03#section-2.2">draft-alvestrand-rmcat-remb-03
 * §2.2</a>: an application-layer feedback message (payload-specific, FMT 15) with the total
 * bitrate the receiver estimates it can take for the listed streams.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source (0)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   SSRC feedback                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ...                                                          |
 * }</pre>
 *
 * <p>The bitrate is {@code mantissa * 2^exp} bits per second with an 18-bit mantissa, so a record
 * holds the value rounded down to what the wire can carry; a wire value past {@link
 * #MAX_BITRATE_BPS} reads as that. Other FMT 15 messages (no "REMB") parse as {@link UnknownRtcp}.
 *
 * @param senderSsrc the SSRC of the receiver estimating
 * @param bitrateBps the estimate in bits per second, {@code 0..}{@link #MAX_BITRATE_BPS}
 * @param ssrcs up to 255 streams the estimate covers
 */
public record Remb(long senderSsrc, long bitrateBps, List<Long> ssrcs) implements RtcpPacket {

    /** The feedback message type (application layer feedback). */
    public static final int FMT = 15;
    /** The largest bitrate this record holds: the 18-bit mantissa shifted by 45. */
    public static final long MAX_BITRATE_BPS = 0x3FFFFL << 45;

    private static final String NAME = "RTCP REMB";
    private static final long IDENTIFIER = 0x52454D42L; // "REMB"
    private static final int MANTISSA_BITS = 18;

    public Remb {
        Checks.checkUint32("senderSsrc", senderSsrc);
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("bitrateBps: " + bitrateBps + " (expected: >= 0)");
        }
        final int exponent = exponentOf(bitrateBps);
        bitrateBps = (bitrateBps >>> exponent) << exponent;
        ssrcs = List.copyOf(ssrcs);
        Checks.checkRange("ssrcs.size()", ssrcs.size(), 0, 255);
        ssrcs.forEach(ssrc -> Checks.checkUint32("ssrc", ssrc));
    }

    /** Returns whether a payload-specific FMT 15 body carries the "REMB" identifier. */
    static boolean isRemb(RtcpHeader header, byte[] buf) {
        return FeedbackHeader.fciLength(header) >= 4
               && BigEndian.getUint32(buf, FeedbackHeader.fciOffset(header)) == IDENTIFIER;
    }

    /** Parses the REMB that fills {@code buf[off .. off + len)}. */
    public static ParseResult<Remb> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(NAME, TYPE_PSFB, FMT, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<Remb> parseBody(RtcpHeader header, byte[] buf) {
        String error = FeedbackHeader.check(NAME, header, 8);
        if (error != null) {
            return ParseResult.error(error);
        }
        final int pos = FeedbackHeader.fciOffset(header);
        if (BigEndian.getUint32(buf, pos) != IDENTIFIER) {
            return ParseResult.error(NAME + ": identifier 0x" + Long.toHexString(BigEndian.getUint32(buf, pos))
                                     + " (expected: 'REMB')");
        }
        final int count = buf[pos + 4] & 0xFF;
        error = FeedbackHeader.check(NAME + " with " + count + " SSRCs", header, 8 + 4 * count);
        if (error != null) {
            return ParseResult.error(error);
        }
        final int exponent = (buf[pos + 5] & 0xFF) >>> 2;
        final long mantissa = BigEndian.getUint24(buf, pos + 5) & 0x3FFFF;
        final boolean overflows = mantissa != 0 && 64 - Long.numberOfLeadingZeros(mantissa) + exponent > 63;
        final long bitrate = overflows ? MAX_BITRATE_BPS : mantissa << exponent;
        final Long[] ssrcs = new Long[count];
        for (int i = 0; i < count; i++) {
            ssrcs[i] = BigEndian.getUint32(buf, pos + 8 + 4 * i);
        }
        return ParseResult.ok(new Remb(FeedbackHeader.senderSsrc(header, buf), bitrate, List.of(ssrcs)));
    }

    @Override
    public int packetType() {
        return TYPE_PSFB;
    }

    @Override
    public int serializedSize() {
        return FeedbackHeader.SIZE + 8 + 4 * ssrcs.size();
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        int pos = FeedbackHeader.write(buf, off, FMT, TYPE_PSFB, size, senderSsrc, 0);
        pos = BigEndian.putUint32(buf, pos, IDENTIFIER);
        final int exponent = exponentOf(bitrateBps);
        pos = BigEndian.putUint8(buf, pos, ssrcs.size());
        pos = BigEndian.putUint24(buf, pos, exponent << MANTISSA_BITS | (int) (bitrateBps >>> exponent));
        for (long ssrc : ssrcs) {
            pos = BigEndian.putUint32(buf, pos, ssrc);
        }
        return size;
    }

    /** The smallest exponent that leaves the mantissa within 18 bits. */
    private static int exponentOf(long bitrateBps) {
        return Math.max(0, 64 - Long.numberOfLeadingZeros(bitrateBps) - MANTISSA_BITS);
    }
}
