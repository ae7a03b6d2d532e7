package dev.remotemedia.rtc.media;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.SeqNumUnwrapper16;
import dev.remotemedia.rtc.rtcp.ReportBlock;

/**
 * What one receiver knows of one remote RTP stream (one SSRC): counts, loss and interarrival jitter
 * as <a href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.3">RFC 3550 A.3</a> and
 * <a href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.8">A.8</a> define them, the last
 * sender report, and the report block that says so. Sans-I/O: arrival times are given. Not
 * thread-safe; the getters are for the owner's thread.
 */
public final class ReceiveStatistics {
    private final long ssrc;
    private final int clockRate;
    private final SeqNumUnwrapper16 unwrapper = new SeqNumUnwrapper16();
    private long baseSeq = -1;
    private long maxSeq = -1;
    private long packetsReceived;
    private long bytesReceived;
    private long headerBytesReceived;
    private long firstArrivalNanos;
    /** Jitter in RTP timestamp units, scaled by 16 as RFC 3550 A.8 keeps it. */
    private long jitterQ4;
    private long lastTransit;
    private boolean haveTransit;
    private long expectedPrior;
    private long receivedPrior;
    private long lastSrCompactNtp;
    private long lastSrArrivalNanos;
    private long lastSrNtp;
    private long lastSrRtpTimestamp;
    private long lastSrPacketCount;
    private long lastSrOctetCount;
    private int senderReports;
    private long lastArrivalNanos = Long.MIN_VALUE;

    public ReceiveStatistics(long ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate: " + clockRate + " (expected: > 0)");
        }
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Counts a packet that arrived at {@code arrivalNanos}. */
    public void onPacket(int sequenceNumber, long rtpTimestamp, long arrivalNanos, int payloadBytes,
                            int headerBytes) {
        final long seq = unwrapper.unwrap(sequenceNumber);
        if (baseSeq < 0) {
            baseSeq = seq;
            maxSeq = seq;
            firstArrivalNanos = arrivalNanos;
        } else if (seq > maxSeq) {
            maxSeq = seq;
        } else if (seq < baseSeq) {
            baseSeq = seq; // reordered at the very start
        }
        packetsReceived++;
        bytesReceived += payloadBytes;
        headerBytesReceived += headerBytes;
        lastArrivalNanos = arrivalNanos;
        // RFC 3550 A.8: D(i-1,i) = (Rj - Ri) - (Sj - Si) in timestamp units; J += (|D| - J) / 16.
        final long arrivalUnits = (arrivalNanos - firstArrivalNanos) / 1000L * clockRate / 1_000_000L;
        final long transit = arrivalUnits - (rtpTimestamp & 0xFFFF_FFFFL);
        if (haveTransit) {
            long d = transit - lastTransit;
            // RTP timestamps wrap at 2^32: fold the difference into a signed 32-bit range.
            d = (int) d;
            jitterQ4 += Math.abs(d) - ((jitterQ4 + 8) >> 4);
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** Records a sender report of this stream that arrived at {@code arrivalNanos}. */
    public void onSenderReport(long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                               long arrivalNanos) {
        lastSrNtp = ntpTimestamp;
        lastSrCompactNtp = NtpTime.compact(ntpTimestamp);
        lastSrArrivalNanos = arrivalNanos;
        lastSrRtpTimestamp = rtpTimestamp;
        lastSrPacketCount = packetCount;
        lastSrOctetCount = octetCount;
        senderReports++;
    }

    public long packetsReceived() {
        return packetsReceived;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long headerBytesReceived() {
        return headerBytesReceived;
    }

    /** RFC 3550 A.3: expected minus received; negative when duplicates arrived. */
    public long cumulativeLost() {
        return baseSeq < 0 ? 0 : expected() - packetsReceived;
    }

    /** The highest sequence number seen, extended with its wrap count (RFC 3550 §6.4.1). */
    public long extendedHighestSequenceNumber() {
        return Math.max(0, maxSeq);
    }

    /** Interarrival jitter in RTP timestamp units. */
    public long jitterUnits() {
        return jitterQ4 >> 4;
    }

    /** Interarrival jitter in seconds (W3C {@code jitter}). */
    public double jitterSeconds() {
        return (double) jitterUnits() / clockRate;
    }

    public int senderReportsReceived() {
        return senderReports;
    }

    /** The NTP timestamp of the last sender report, or 0 before one came. */
    public long lastSenderReportNtp() {
        return lastSrNtp;
    }

    /** The RTP timestamp that the last sender report maps to its NTP time. */
    public long lastSenderReportRtpTimestamp() {
        return lastSrRtpTimestamp;
    }

    public long lastSenderReportPacketCount() {
        return lastSrPacketCount;
    }

    public long lastSenderReportOctetCount() {
        return lastSrOctetCount;
    }

    /** When the last packet arrived, or {@link Long#MIN_VALUE} before one did. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    private long expected() {
        return maxSeq - baseSeq + 1;
    }

    /**
     * The report block for this stream at {@code nowNanos}, or {@code null} before a packet came;
     * starts a new interval for the fraction lost (RFC 3550 A.3).
     */
    public @Nullable ReportBlock report(long nowNanos) {
        if (baseSeq < 0) {
            return null;
        }
        final long expected = expected();
        final long expectedInterval = expected - expectedPrior;
        final long receivedInterval = packetsReceived - receivedPrior;
        expectedPrior = expected;
        receivedPrior = packetsReceived;
        final long lostInterval = expectedInterval - receivedInterval;
        final int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        final long lost = Math.max(ReportBlock.MIN_CUMULATIVE_LOST,
                                   Math.min(ReportBlock.MAX_CUMULATIVE_LOST, cumulativeLost()));
        final long dlsr = senderReports == 0 ? 0 : NtpTime.compactFromNanos(nowNanos - lastSrArrivalNanos);
        return new ReportBlock(ssrc, Math.min(fraction, 255), (int) lost, extendedHighestSequenceNumber() & 0xFFFF_FFFFL,
                               jitterUnits() & 0xFFFF_FFFFL, senderReports == 0 ? 0 : lastSrCompactNtp, dlsr);
    }
}
