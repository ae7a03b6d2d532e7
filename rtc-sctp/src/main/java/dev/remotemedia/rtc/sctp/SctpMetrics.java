package dev.remotemedia.rtc.sctp;

/**
 * Counters of one association since it was created, and its congestion state now.
 *
 * @param txPackets packets sent
 * @param rxPackets packets received and accepted (parsed, right verification tag)
 * @param txMessages messages accepted by {@code send}
 * @param rxMessages messages delivered
 * @param retransmittedDataChunks DATA chunks sent again after T3-rtx or fast retransmit
 * @param cwndBytes the congestion window
 * @param srttMillis the smoothed round-trip time, or 0 before the first measurement
 * @param rtoMillis the retransmission timeout
 * @param peerReceiverWindowBytes the peer's last advertised receiver window
 * @param outstandingBytes bytes sent and not yet acknowledged
 * @param partialReliability whether FORWARD TSN was negotiated
 * @param reconfig whether RE-CONFIG was negotiated
 */
public record SctpMetrics(long txPackets, long rxPackets, long txMessages, long rxMessages,
                          long retransmittedDataChunks, long cwndBytes,
                          long srttMillis, long rtoMillis, long peerReceiverWindowBytes,
                          long outstandingBytes, boolean partialReliability, boolean reconfig) {}
