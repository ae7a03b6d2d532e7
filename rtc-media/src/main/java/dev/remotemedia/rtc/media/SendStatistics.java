package dev.remotemedia.rtc.media;

import dev.remotemedia.rtc.rtcp.ReportBlock;

/**
 * What one sender knows of its own RTP stream (one SSRC): what it sent, the RTP timestamp of the
 * last packet and when it was captured (to write a sender report's NTP↔RTP mapping, <a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550 §6.4.1</a>), and what the
 * remote receiver reported back: loss, jitter and the round-trip time from LSR and DLSR. Sans-I/O;
 * not thread-safe.
 */
public final class SendStatistics {
    private final long ssrc;
    private final int clockRate;
    private long packetsSent;
    private long bytesSent;
    private long headerBytesSent;
    private long lastRtpTimestamp;
    private long lastSendNanos = Long.MIN_VALUE;
    private int fractionLost;
    private long remoteCumulativeLost;
    private long remoteJitterUnits;
    private long roundTripNanos = -1;
    private long totalRoundTripNanos;
    private int roundTripMeasurements;
    private int reportsReceived;

    public SendStatistics(long ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate: " + clockRate + " (expected: > 0)");
        }
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Counts a packet sent at {@code nowNanos} with RTP timestamp {@code rtpTimestamp}. */
    public void onPacketSent(long rtpTimestamp, int payloadBytes, int headerBytes, long nowNanos) {
        packetsSent++;
        bytesSent += payloadBytes;
        headerBytesSent += headerBytes;
        lastRtpTimestamp = rtpTimestamp & 0xFFFF_FFFFL;
        lastSendNanos = nowNanos;
    }

    /** Whether anything was sent, so a sender report has something to say. */
    public boolean hasSent() {
        return packetsSent > 0;
    }

    /**
     * The RTP timestamp that corresponds to {@code nowNanos}: the last packet's, advanced by the
     * time since it at the clock rate (RFC 3550 §6.4.1: the SR's RTP timestamp need not be a
     * packet's).
     */
    public long rtpTimestampAt(long nowNanos) {
        final long elapsedUnits = (nowNanos - lastSendNanos) / 1000L * clockRate / 1_000_000L;
        return (lastRtpTimestamp + elapsedUnits) & 0xFFFF_FFFFL;
    }

    /**
     * Takes a report block about this stream that arrived when the local NTP clock read
     * {@code nowNtp}; measures the round-trip time when it carries an LSR (RFC 3550 §6.4.1).
     */
    public void onReportBlock(ReportBlock block, long nowNtp) {
        reportsReceived++;
        fractionLost = block.fractionLost();
        remoteCumulativeLost = block.cumulativeLost();
        remoteJitterUnits = block.jitter();
        if (block.lastSenderReport() != 0) {
            final long rttCompact = (NtpTime.compact(nowNtp) - block.lastSenderReport()
                                     - block.delaySinceLastSenderReport()) & 0xFFFF_FFFFL;
            if (rttCompact < 0x8000_0000L) { // a negative RTT means clocks or the report are off: ignore it
                roundTripNanos = NtpTime.compactToNanos(rttCompact);
                totalRoundTripNanos += roundTripNanos;
                roundTripMeasurements++;
            }
        }
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long headerBytesSent() {
        return headerBytesSent;
    }

    /** The remote side's last reported fraction lost, 0..255 (W3C divides it by 256). */
    public int fractionLost() {
        return fractionLost;
    }

    public long remoteCumulativeLost() {
        return remoteCumulativeLost;
    }

    public double remoteJitterSeconds() {
        return (double) remoteJitterUnits / clockRate;
    }

    /** The last round-trip time measured, or -1 before one was. */
    public long roundTripNanos() {
        return roundTripNanos;
    }

    public long totalRoundTripNanos() {
        return totalRoundTripNanos;
    }

    public int roundTripMeasurements() {
        return roundTripMeasurements;
    }

    public int reportsReceived() {
        return reportsReceived;
    }
}
