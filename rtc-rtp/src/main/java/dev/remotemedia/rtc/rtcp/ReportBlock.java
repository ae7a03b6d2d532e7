package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.List;

/**
 * A reception report block of an SR or RR, <a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC
 * 3550 §6.4.1</a>: what the reporter received from one source.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first source)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * }</pre>
 *
 * @param ssrc the source reported on
 * @param fractionLost packets lost since the last report, as a fixed-point fraction of 256, {@code 0..255}
 * @param cumulativeLost packets lost since reception began, a signed 24-bit number ({@code
 *     -8388608..8388607}): duplicates can make it negative
 * @param extendedHighestSequenceNumber the cycle count (high 16 bits) and highest sequence number
 *     received, {@code 0..4294967295}
 * @param jitter the interarrival jitter in timestamp units, {@code 0..4294967295}
 * @param lastSenderReport LSR: the middle 32 bits of the NTP timestamp of the last SR from the
 *     source, or 0
 * @param delaySinceLastSenderReport DLSR: the delay since that SR arrived, in 1/65536 s
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequenceNumber,
                          long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    /** The size on the wire. */
    public static final int SIZE = 24;
    /** The smallest cumulative loss the signed 24-bit field holds. */
    public static final int MIN_CUMULATIVE_LOST = -(1 << 23);
    /** The largest cumulative loss the signed 24-bit field holds. */
    public static final int MAX_CUMULATIVE_LOST = (1 << 23) - 1;

    public ReportBlock {
        Checks.checkUint32("ssrc", ssrc);
        Checks.checkRange("fractionLost", fractionLost, 0, 255);
        Checks.checkRange("cumulativeLost", cumulativeLost, MIN_CUMULATIVE_LOST, MAX_CUMULATIVE_LOST);
        Checks.checkUint32("extendedHighestSequenceNumber", extendedHighestSequenceNumber);
        Checks.checkUint32("jitter", jitter);
        Checks.checkUint32("lastSenderReport", lastSenderReport);
        Checks.checkUint32("delaySinceLastSenderReport", delaySinceLastSenderReport);
    }

    /** Reads the block at {@code buf[off .. off + 24)}; the caller checked the length. */
    static ReportBlock read(byte[] buf, int off) {
        final int lost = BigEndian.getUint24(buf, off + 5);
        return new ReportBlock(
                BigEndian.getUint32(buf, off), buf[off + 4] & 0xFF, (lost << 8) >> 8,
                BigEndian.getUint32(buf, off + 8), BigEndian.getUint32(buf, off + 12),
                BigEndian.getUint32(buf, off + 16), BigEndian.getUint32(buf, off + 20));
    }

    /** Writes the block at {@code buf[off]}; returns {@code off + 24}. */
    int write(byte[] buf, int off) {
        int pos = BigEndian.putUint32(buf, off, ssrc);
        pos = BigEndian.putUint8(buf, pos, fractionLost);
        pos = BigEndian.putUint24(buf, pos, cumulativeLost & 0xFF_FFFF);
        pos = BigEndian.putUint32(buf, pos, extendedHighestSequenceNumber);
        pos = BigEndian.putUint32(buf, pos, jitter);
        pos = BigEndian.putUint32(buf, pos, lastSenderReport);
        return BigEndian.putUint32(buf, pos, delaySinceLastSenderReport);
    }

    /** Reads {@code count} blocks from {@code off}; the caller checked the length. */
    static List<ReportBlock> readAll(byte[] buf, int off, int count) {
        final ReportBlock[] blocks = new ReportBlock[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = read(buf, off + i * SIZE);
        }
        return List.of(blocks);
    }
}
