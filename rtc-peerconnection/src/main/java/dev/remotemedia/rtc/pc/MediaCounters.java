package dev.remotemedia.rtc.pc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Media input a connection dropped, by reason (SRTP's own drops — authentication failures,
 * replays, malformed — are in its {@code SrtpStats}). Written on the loop, read from any thread for
 * {@code getStats} and metrics.
 */
final class MediaCounters {
    /** SRTP that decrypted but is not an RTP packet (bad header, truncated extension, padding). */
    final AtomicLong rtpMalformed = new AtomicLong();
    /** SRTCP that decrypted but is not a well-formed compound RTCP packet. */
    final AtomicLong rtcpMalformed = new AtomicLong();
    /** RTP of an SSRC no m-line announced and without a mid extension naming one. */
    final AtomicLong unknownSsrc = new AtomicLong();
    /** RTP with a payload type the m-line did not negotiate. */
    final AtomicLong unknownPayloadType = new AtomicLong();
    /** Packets a user asked to send that do not fit one datagram. */
    final AtomicLong sendTooLarge = new AtomicLong();
    final AtomicLong nacksReceived = new AtomicLong();
    final AtomicLong plisReceived = new AtomicLong();
    final AtomicLong firsReceived = new AtomicLong();
    /** Video: packets resent for NACKs, RTX packets received (repairs), feedback sent. */
    final AtomicLong retransmitted = new AtomicLong();
    final AtomicLong rtxReceived = new AtomicLong();
    final AtomicLong nacksSent = new AtomicLong();
    final AtomicLong plisSent = new AtomicLong();
    final AtomicLong firsSent = new AtomicLong();
}
