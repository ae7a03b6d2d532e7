package dev.remotemedia.rtc.sctp.rx;

import java.util.List;

/**
 * What a SACK chunk says (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.4">RFC
 * 9260 §3.3.4</a>), free of the wire format: {@link DataTracker} produces it for the association to
 * serialize, and the association turns a received SACK chunk into one for {@code
 * tx.RetransmissionQueue}.
 *
 * <p>Nothing here checks that blocks are ordered or sensible: a peer may send anything, and the
 * retransmission queue ignores blocks that make no sense.
 *
 * @param cumulativeTsnAck the last TSN received in sequence, {@code 0..4294967295}
 * @param advertisedReceiverWindowCredit a_rwnd: receive buffer space left, in bytes
 * @param gapAckBlocks TSN ranges received beyond {@code cumulativeTsnAck}, as offsets from it
 * @param duplicateTsns TSNs received more than once since the previous SACK
 */
public record SelectiveAck(long cumulativeTsnAck, long advertisedReceiverWindowCredit,
                           List<GapAckBlock> gapAckBlocks, List<Long> duplicateTsns) {

    /**
     * TSNs {@code cumulativeTsnAck + start} to {@code cumulativeTsnAck + end} (RFC 1982
     * arithmetic) were received.
     *
     * @param start the first offset, {@code 0..65535} (a valid block has {@code 1 <= start <= end})
     * @param end the last offset, {@code 0..65535}
     */
    public record GapAckBlock(int start, int end) {
        public GapAckBlock {
            checkUint16("start", start);
            checkUint16("end", end);
        }
    }

    public SelectiveAck {
        checkUint32("cumulativeTsnAck", cumulativeTsnAck);
        checkUint32("advertisedReceiverWindowCredit", advertisedReceiverWindowCredit);
        gapAckBlocks = List.copyOf(gapAckBlocks);
        duplicateTsns = List.copyOf(duplicateTsns);
        for (long tsn : duplicateTsns) {
            checkUint32("duplicateTsn", tsn);
        }
    }

    static void checkUint16(String name, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..65535)");
        }
    }

    static void checkUint32(String name, long value) {
        if ((value & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..4294967295)");
        }
    }
}
