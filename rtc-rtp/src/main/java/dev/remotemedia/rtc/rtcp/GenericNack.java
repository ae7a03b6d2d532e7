package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.SeqNum16;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Generic NACK, <a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1">RFC 4585 §6.2.1</a>
 * (transport-layer feedback, FMT 1): the RTP packets of a source that the receiver is missing.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |   PT=205      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |  one or more
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param senderSsrc the SSRC of the receiver sending the NACK
 * @param mediaSsrc the SSRC of the source whose packets are missing
 * @param items at least one (PID, BLP) pair
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<Item> items) implements RtcpPacket {

    /** The feedback message type. */
    public static final int FMT = 1;

    /** As many items as the 16-bit length field leaves room for. */
    public static final int MAX_ITEMS = 0xFFFF - 2;

    private static final String NAME = "RTCP generic NACK";

    public GenericNack {
        Checks.checkUint32("senderSsrc", senderSsrc);
        Checks.checkUint32("mediaSsrc", mediaSsrc);
        items = List.copyOf(items);
        Checks.checkRange("items.size()", items.size(), 1, MAX_ITEMS);
    }

    /**
     * One lost packet and up to 16 after it.
     *
     * @param packetId PID: the sequence number of a lost packet, {@code 0..65535}
     * @param lostBitmask BLP: bit {@code i} (least significant first) set if packet {@code PID + i
     *     + 1} is lost too, {@code 0..65535}
     */
    public record Item(int packetId, int lostBitmask) {
        public Item {
            Checks.checkRange("packetId", packetId, 0, 0xFFFF);
            Checks.checkRange("lostBitmask", lostBitmask, 0, 0xFFFF);
        }
    }

    /**
     * Returns a NACK for {@code lostSequenceNumbers}, which should be in sequence-number order
     * (across the 65535 → 0 wrap, {@link SeqNum16}); each number goes into the bitmask of the item
     * before it when it lies 1..16 after that item's PID, else starts a new item.
     *
     * @throws IllegalArgumentException if the list is empty or a number is out of 0..65535
     */
    public static GenericNack of(long senderSsrc, long mediaSsrc, List<Integer> lostSequenceNumbers) {
        final List<Item> items = new ArrayList<>();
        int packetId = -1;
        int bitmask = 0;
        for (int seq : lostSequenceNumbers) {
            Checks.checkRange("lostSequenceNumber", seq, 0, 0xFFFF);
            if (packetId >= 0) {
                final int distance = SeqNum16.distance(packetId, seq);
                if (distance == 0) {
                    continue;
                }
                if (distance <= 16) {
                    bitmask |= 1 << (distance - 1);
                    continue;
                }
                items.add(new Item(packetId, bitmask));
            }
            packetId = seq;
            bitmask = 0;
        }
        if (packetId >= 0) {
            items.add(new Item(packetId, bitmask));
        }
        return new GenericNack(senderSsrc, mediaSsrc, items);
    }

    /** Returns every sequence number this NACK asks for, item by item, each PID before its bitmask's. */
    public List<Integer> lostSequenceNumbers() {
        final List<Integer> lost = new ArrayList<>();
        for (Item item : items) {
            lost.add(item.packetId());
            for (int bit = 0; bit < 16; bit++) {
                if ((item.lostBitmask() & (1 << bit)) != 0) {
                    lost.add(SeqNum16.add(item.packetId(), bit + 1));
                }
            }
        }
        return Collections.unmodifiableList(lost);
    }

    /** Parses the NACK that fills {@code buf[off .. off + len)}. */
    public static ParseResult<GenericNack> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(NAME, TYPE_RTPFB, FMT, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<GenericNack> parseBody(RtcpHeader header, byte[] buf) {
        final String error = FeedbackHeader.check(NAME, header, 4);
        if (error != null) {
            return ParseResult.error(error);
        }
        final int count = FeedbackHeader.fciLength(header) / 4;
        final Item[] items = new Item[count];
        int pos = FeedbackHeader.fciOffset(header);
        for (int i = 0; i < count; i++, pos += 4) {
            items[i] = new Item(BigEndian.getUint16(buf, pos), BigEndian.getUint16(buf, pos + 2));
        }
        return ParseResult.ok(new GenericNack(FeedbackHeader.senderSsrc(header, buf),
                                              FeedbackHeader.mediaSsrc(header, buf), List.of(items)));
    }

    @Override
    public int packetType() {
        return TYPE_RTPFB;
    }

    @Override
    public int serializedSize() {
        return FeedbackHeader.SIZE + 4 * items.size();
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        int pos = FeedbackHeader.write(buf, off, FMT, TYPE_RTPFB, size, senderSsrc, mediaSsrc);
        for (Item item : items) {
            pos = BigEndian.putUint16(buf, pos, item.packetId());
            pos = BigEndian.putUint16(buf, pos, item.lostBitmask());
        }
        return size;
    }
}
