package dev.remotemedia.rtc.sctp.tx;

/**
 * What {@link RetransmissionQueue#handleSack} made of a SACK.
 *
 * @param accepted {@code false} if the SACK was dropped: out of date (its cumulative TSN ack is
 *     behind ours, RFC 9260 §6.2.1) or acknowledging TSNs never sent
 * @param bytesAcked bytes of DATA chunks newly acknowledged; when positive, the association clears
 *     its error counter (RFC 9260 §8.3)
 * @param cumulativeTsnAckAdvanced whether the cumulative TSN ack point moved
 * @param packetLossDetected whether chunks were newly marked for retransmission or abandoned
 */
public record SackResult(boolean accepted, long bytesAcked, boolean cumulativeTsnAckAdvanced,
                         boolean packetLossDetected) {

    static final SackResult REJECTED = new SackResult(false, 0, false, false);
}
