package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SACK chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.4">RFC 9260 §3.3.4</a>:
 * acknowledges every TSN up to {@code cumulativeTsnAck}, the ranges received beyond it, and TSNs
 * received more than once.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 3    |  Chunk Flags  |         Chunk Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Cumulative TSN Ack                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Gap Ack Block #1 Start     |     Gap Ack Block #1 End      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                                                               /
 * \                              ...                              \
 * /                                                               /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Gap Ack Block #N Start     |     Gap Ack Block #N End      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Duplicate TSN 1                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                                                               /
 * \                              ...                              \
 * /                                                               /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Duplicate TSN M                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>The parser checks the layout only: whether blocks are ordered and do not overlap is the
 * association's concern.
 *
 * @param cumulativeTsnAck the last TSN received in sequence, {@code 0..4294967295}
 * @param advertisedReceiverWindowCredit a_rwnd: the receive buffer space left, in bytes
 * @param gapAckBlocks the ranges received beyond {@code cumulativeTsnAck}
 * @param duplicateTsns the TSNs received more than once since the last SACK
 */
public record SackChunk(long cumulativeTsnAck, long advertisedReceiverWindowCredit,
                        List<GapAckBlock> gapAckBlocks, List<Long> duplicateTsns) implements Chunk {

    public static final int TYPE = 3;
    private static final int FIXED_LENGTH = 16;
    private static final String NAME = "SACK chunk";

    /**
     * A range of TSNs received, as offsets from the Cumulative TSN Ack: it covers {@code
     * cumulativeTsnAck + start} to {@code cumulativeTsnAck + end} (RFC 1982 arithmetic).
     *
     * @param start the first offset, {@code 0..65535}
     * @param end the last offset, {@code 0..65535}
     */
    public record GapAckBlock(int start, int end) {
        public GapAckBlock {
            Tlv.checkUint16("start", start);
            Tlv.checkUint16("end", end);
        }
    }

    public SackChunk {
        Tlv.checkUint32("cumulativeTsnAck", cumulativeTsnAck);
        Tlv.checkUint32("advertisedReceiverWindowCredit", advertisedReceiverWindowCredit);
        gapAckBlocks = List.copyOf(gapAckBlocks);
        duplicateTsns = List.copyOf(duplicateTsns);
        duplicateTsns.forEach(tsn -> Tlv.checkUint32("duplicateTsn", tsn));
        Tlv.checkFits(NAME, FIXED_LENGTH + 4 * gapAckBlocks.size() + 4 * duplicateTsns.size());
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; its Length must match its counts. */
    public static ParseResult<SackChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, FIXED_LENGTH, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        final int blockCount = BigEndian.getUint16(buf, off + 12);
        final int duplicateCount = BigEndian.getUint16(buf, off + 14);
        final int expected = FIXED_LENGTH + 4 * blockCount + 4 * duplicateCount;
        if (length != expected) {
            return ParseResult.error(NAME + ": length " + length + " (expected: 16 + 4 * " + blockCount
                                     + " gap ack blocks + 4 * " + duplicateCount
                                     + " duplicate TSNs = " + expected + ')');
        }
        final List<GapAckBlock> blocks = new ArrayList<>(blockCount);
        int pos = off + FIXED_LENGTH;
        for (int i = 0; i < blockCount; i++, pos += 4) {
            blocks.add(new GapAckBlock(BigEndian.getUint16(buf, pos), BigEndian.getUint16(buf, pos + 2)));
        }
        final List<Long> duplicates = new ArrayList<>(duplicateCount);
        for (int i = 0; i < duplicateCount; i++, pos += 4) {
            duplicates.add(BigEndian.getUint32(buf, pos));
        }
        return ParseResult.ok(new SackChunk(
                BigEndian.getUint32(buf, off + 4), BigEndian.getUint32(buf, off + 8),
                Collections.unmodifiableList(blocks), Collections.unmodifiableList(duplicates)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return FIXED_LENGTH + 4 * gapAckBlocks.size() + 4 * duplicateTsns.size();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, length());
        int pos = Tlv.putChunkHeader(dst, off, TYPE, 0, length());
        pos = BigEndian.putUint32(dst, pos, cumulativeTsnAck);
        pos = BigEndian.putUint32(dst, pos, advertisedReceiverWindowCredit);
        pos = BigEndian.putUint16(dst, pos, gapAckBlocks.size());
        pos = BigEndian.putUint16(dst, pos, duplicateTsns.size());
        for (GapAckBlock block : gapAckBlocks) {
            pos = BigEndian.putUint16(dst, pos, block.start());
            pos = BigEndian.putUint16(dst, pos, block.end());
        }
        for (long tsn : duplicateTsns) {
            pos = BigEndian.putUint32(dst, pos, tsn);
        }
        return end;
    }
}
