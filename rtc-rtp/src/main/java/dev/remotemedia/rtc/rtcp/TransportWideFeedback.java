package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.SeqNum16;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Transport-wide congestion control feedback, <a
 * href="https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1">draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1</a> (transport-layer feedback, FMT 15): for each transport-wide sequence number from the
 * base on, whether it arrived and when, relative to the previous one.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 reference time                | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                                                               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         packet chunk          |  recv delta   |  recv delta   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                                                               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           recv delta          |  recv delta   | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Run-length chunk (§3.1.3): T=0, a 2-bit status symbol, a 13-bit run length.
 * |0|S S| run length (13)         |
 * Status vector chunk (§3.1.4): T=1; S=0: 14 one-bit symbols (0 lost, 1 small delta);
 * S=1: 7 two-bit symbols (0 lost, 1 small delta, 2 large or negative delta, 3 reserved).
 * |1|S| symbol list (14)          |
 * }</pre>
 *
 * <p>A received packet has a receive delta in 250 µs ticks: one unsigned byte when it is 0..255
 * (a small delta), else two signed bytes. The record holds the statuses, not the chunks: {@link
 * #serializeTo} encodes them the way libwebrtc does (a chunk is filled as long as one chunk kind
 * can take the next status), so Chromium's own feedback writes back byte for byte. Like libwebrtc
 * it pads to 32 bits with the P bit.
 *
 * <p>Parse errors: fewer than 8 bytes of FCI, a status count of 0, chunks or deltas past the end,
 * the reserved symbol 3. Feedback without receive deltas (a later draft's option) is an error too.
 *
 * @param senderSsrc the SSRC of the feedback sender
 * @param mediaSsrc the SSRC of the media source (Chromium puts the first stream's)
 * @param baseSequenceNumber the transport-wide sequence number of the first packet reported
 * @param referenceTime the 24-bit arrival time base of the first delta, in 64 ms units, wrapping
 * @param feedbackPacketCount counts feedback packets sent, {@code 0..255}, for detecting lost ones
 * @param packets one result per sequence number from the base, 1..65535 of them
 */
public record TransportWideFeedback(long senderSsrc, long mediaSsrc, int baseSequenceNumber, int referenceTime,
                                    int feedbackPacketCount, List<PacketResult> packets) implements RtcpPacket {

    /** The feedback message type. */
    public static final int FMT = 15;
    /** The unit of receive deltas. */
    public static final int DELTA_TICK_MICROS = 250;
    /** The unit of the reference time. */
    public static final int REFERENCE_TIME_TICK_MICROS = 64_000;

    private static final String NAME = "RTCP transport-wide feedback";
    private static final int FIXED_FCI = 8;
    private static final int NOT_RECEIVED = 0;
    private static final int SMALL_DELTA = 1;
    private static final int LARGE_DELTA = 2;
    private static final int RESERVED = 3;

    public TransportWideFeedback {
        Checks.checkUint32("senderSsrc", senderSsrc);
        Checks.checkUint32("mediaSsrc", mediaSsrc);
        Checks.checkRange("baseSequenceNumber", baseSequenceNumber, 0, 0xFFFF);
        Checks.checkRange("referenceTime", referenceTime, 0, 0xFF_FFFF);
        Checks.checkRange("feedbackPacketCount", feedbackPacketCount, 0, 255);
        packets = List.copyOf(packets);
        Checks.checkRange("packets.size()", packets.size(), 1, 0xFFFF);
        for (int i = 0; i < packets.size(); i++) {
            final int expected = SeqNum16.add(baseSequenceNumber, i);
            if (packets.get(i).sequenceNumber() != expected) {
                throw new IllegalArgumentException(
                        "packets[" + i + "].sequenceNumber(): " + packets.get(i).sequenceNumber()
                        + " (expected: " + expected + ", the base plus the index)");
            }
        }
    }

    /**
     * What became of one packet.
     *
     * @param sequenceNumber its transport-wide sequence number
     * @param received whether it arrived
     * @param deltaTicks its arrival time minus the previous received packet's (or the reference
     *     time, for the first), in 250 µs ticks, {@code -32768..32767}; 0 if not received
     */
    public record PacketResult(int sequenceNumber, boolean received, int deltaTicks) {
        public PacketResult {
            Checks.checkRange("sequenceNumber", sequenceNumber, 0, 0xFFFF);
            Checks.checkRange("deltaTicks", deltaTicks, received ? Short.MIN_VALUE : 0, received ? Short.MAX_VALUE : 0);
        }

        /** Returns a result for a packet that arrived {@code deltaTicks} after the previous one. */
        public static PacketResult received(int sequenceNumber, int deltaTicks) {
            return new PacketResult(sequenceNumber, true, deltaTicks);
        }

        /** Returns a result for a packet that did not arrive. */
        public static PacketResult notReceived(int sequenceNumber) {
            return new PacketResult(sequenceNumber, false, 0);
        }

        int symbol() {
            if (!received) {
                return NOT_RECEIVED;
            }
            return deltaTicks >= 0 && deltaTicks <= 0xFF ? SMALL_DELTA : LARGE_DELTA;
        }
    }

    /** Returns the reference time in microseconds (within its 2^24 × 64 ms cycle). */
    public long referenceTimeMicros() {
        return (long) referenceTime * REFERENCE_TIME_TICK_MICROS;
    }

    /** Returns the packets that arrived, in sequence order. */
    public List<PacketResult> receivedPackets() {
        final List<PacketResult> received = new ArrayList<>();
        for (PacketResult packet : packets) {
            if (packet.received()) {
                received.add(packet);
            }
        }
        return Collections.unmodifiableList(received);
    }

    /**
     * Returns a builder for feedback whose first packet is the first one added; later packets must
     * come in sequence order, and a gap is reported as not received.
     */
    public static Builder builder(long senderSsrc, long mediaSsrc, int referenceTime, int feedbackPacketCount) {
        return new Builder(senderSsrc, mediaSsrc, referenceTime, feedbackPacketCount);
    }

    /** Parses the feedback that fills {@code buf[off .. off + len)}. */
    public static ParseResult<TransportWideFeedback> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(NAME, TYPE_RTPFB, FMT, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<TransportWideFeedback> parseBody(RtcpHeader header, byte[] buf) {
        final String error = FeedbackHeader.check(NAME, header, FIXED_FCI);
        if (error != null) {
            return ParseResult.error(error);
        }
        final int fci = FeedbackHeader.fciOffset(header);
        final int end = header.bodyOffset() + header.bodyLength();
        final int base = BigEndian.getUint16(buf, fci);
        final int count = BigEndian.getUint16(buf, fci + 2);
        if (count == 0) {
            return ParseResult.error(NAME + ": packet status count 0 (expected: >= 1)");
        }
        final byte[] symbols = new byte[count];
        int decoded = 0;
        int pos = fci + FIXED_FCI;
        while (decoded < count) {
            if (end - pos < 2) {
                return ParseResult.error(NAME + ": chunks for " + decoded + " of " + count
                                         + " packet statuses, then the packet ends");
            }
            final int chunk = BigEndian.getUint16(buf, pos);
            pos += 2;
            decoded = decodeChunk(chunk, symbols, decoded);
        }
        final List<PacketResult> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int seq = SeqNum16.add(base, i);
            switch (symbols[i]) {
                case NOT_RECEIVED:
                    packets.add(PacketResult.notReceived(seq));
                    break;
                case SMALL_DELTA:
                    if (pos >= end) {
                        return deltaPastTheEnd(seq);
                    }
                    packets.add(PacketResult.received(seq, buf[pos] & 0xFF));
                    pos += 1;
                    break;
                case LARGE_DELTA:
                    if (end - pos < 2) {
                        return deltaPastTheEnd(seq);
                    }
                    packets.add(PacketResult.received(seq, (short) BigEndian.getUint16(buf, pos)));
                    pos += 2;
                    break;
                default:
                    return ParseResult.error(NAME + ": status symbol 3 (reserved) for sequence number " + seq);
            }
        }
        return ParseResult.ok(new TransportWideFeedback(
                FeedbackHeader.senderSsrc(header, buf), FeedbackHeader.mediaSsrc(header, buf), base,
                BigEndian.getUint24(buf, fci + 4), buf[fci + 7] & 0xFF, Collections.unmodifiableList(packets)));
    }

    private static ParseResult<TransportWideFeedback> deltaPastTheEnd(int seq) {
        return ParseResult.error(NAME + ": the receive delta of sequence number " + seq + " runs past the packet");
    }

    /** Decodes the statuses of one chunk into {@code symbols} from {@code at}; returns how many are known now. */
    private static int decodeChunk(int chunk, byte[] symbols, int at) {
        final int room = symbols.length - at;
        if ((chunk & 0x8000) == 0) {
            final int run = Math.min(chunk & 0x1FFF, room);
            final byte symbol = (byte) (chunk >>> 13 & 0x3);
            for (int i = 0; i < run; i++) {
                symbols[at + i] = symbol;
            }
            return at + run;
        }
        if ((chunk & 0x4000) == 0) {
            final int n = Math.min(14, room);
            for (int i = 0; i < n; i++) {
                symbols[at + i] = (byte) (chunk >>> (13 - i) & 0x1);
            }
            return at + n;
        }
        final int n = Math.min(7, room);
        for (int i = 0; i < n; i++) {
            symbols[at + i] = (byte) (chunk >>> (12 - 2 * i) & 0x3);
        }
        return at + n;
    }

    /** Returns the chunks that encode the statuses, in order. */
    List<Integer> chunks() {
        final ChunkEncoder encoder = new ChunkEncoder();
        for (PacketResult packet : packets) {
            encoder.add(packet.symbol());
        }
        return encoder.finish();
    }

    private int unpaddedSize() {
        int size = FeedbackHeader.SIZE + FIXED_FCI + 2 * chunks().size();
        for (PacketResult packet : packets) {
            size += packet.symbol();
        }
        return size;
    }

    @Override
    public int packetType() {
        return TYPE_RTPFB;
    }

    @Override
    public int serializedSize() {
        return (unpaddedSize() + 3) & ~3;
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final List<Integer> chunks = chunks();
        int unpadded = FeedbackHeader.SIZE + FIXED_FCI + 2 * chunks.size();
        for (PacketResult packet : packets) {
            unpadded += packet.symbol();
        }
        final int size = (unpadded + 3) & ~3;
        Checks.checkDst(buf, off, size);
        int pos = FeedbackHeader.write(buf, off, FMT, TYPE_RTPFB, size, senderSsrc, mediaSsrc);
        pos = BigEndian.putUint16(buf, pos, baseSequenceNumber);
        pos = BigEndian.putUint16(buf, pos, packets.size());
        pos = BigEndian.putUint24(buf, pos, referenceTime);
        pos = BigEndian.putUint8(buf, pos, feedbackPacketCount);
        for (int chunk : chunks) {
            pos = BigEndian.putUint16(buf, pos, chunk);
        }
        for (PacketResult packet : packets) {
            if (packet.symbol() == SMALL_DELTA) {
                buf[pos++] = (byte) packet.deltaTicks();
            } else if (packet.symbol() == LARGE_DELTA) {
                pos = BigEndian.putUint16(buf, pos, packet.deltaTicks() & 0xFFFF);
            }
        }
        // Padding with the P bit, as libwebrtc writes it (RFC 3550 §6.4.1).
        final int padding = size - unpadded;
        if (padding > 0) {
            buf[off] |= 0x20;
            while (pos < off + size - 1) {
                buf[pos++] = 0;
            }
            buf[pos] = (byte) padding;
        }
        return size;
    }

    /**
     * Packs status symbols into chunks: the open chunk takes the next symbol while a run-length,
     * one-bit or two-bit chunk can hold all it has; when none can, it is written out, and a
     * two-bit vector leaves what it could not hold in the open chunk.
     */
    private static final class ChunkEncoder {
        private static final int MAX_RUN = 0x1FFF;
        private static final int ONE_BIT_CAPACITY = 14;
        private static final int TWO_BIT_CAPACITY = 7;

        private final List<Integer> chunks = new ArrayList<>();
        private final int[] vector = new int[ONE_BIT_CAPACITY];
        private int size;
        private boolean allSame = true;
        private boolean hasLarge;

        void add(int symbol) {
            if (!canAdd(symbol)) {
                emit();
            }
            if (size < ONE_BIT_CAPACITY) {
                vector[size] = symbol;
            }
            size++;
            allSame = allSame && symbol == vector[0];
            hasLarge = hasLarge || symbol == LARGE_DELTA;
        }

        List<Integer> finish() {
            if (size > 0) {
                if (allSame) {
                    chunks.add(runLength());
                } else if (size <= TWO_BIT_CAPACITY) {
                    chunks.add(twoBit(size));
                } else {
                    chunks.add(oneBit());
                }
            }
            return chunks;
        }

        private boolean canAdd(int symbol) {
            if (size < TWO_BIT_CAPACITY) {
                return true;
            }
            if (size < ONE_BIT_CAPACITY && !hasLarge && symbol != LARGE_DELTA) {
                return true;
            }
            return size < MAX_RUN && allSame && symbol == vector[0];
        }

        private void emit() {
            if (allSame) {
                chunks.add(runLength());
                size = 0;
                hasLarge = false;
                return;
            }
            if (size == ONE_BIT_CAPACITY) {
                chunks.add(oneBit());
                size = 0;
                allSame = true;
                hasLarge = false;
                return;
            }
            chunks.add(twoBit(TWO_BIT_CAPACITY));
            size -= TWO_BIT_CAPACITY;
            allSame = true;
            hasLarge = false;
            for (int i = 0; i < size; i++) {
                vector[i] = vector[i + TWO_BIT_CAPACITY];
                allSame = allSame && vector[i] == vector[0];
                hasLarge = hasLarge || vector[i] == LARGE_DELTA;
            }
        }

        private int runLength() {
            return vector[0] << 13 | size;
        }

        private int oneBit() {
            int chunk = 0x8000;
            for (int i = 0; i < size; i++) {
                chunk |= vector[i] << (ONE_BIT_CAPACITY - 1 - i);
            }
            return chunk;
        }

        private int twoBit(int count) {
            int chunk = 0xC000;
            for (int i = 0; i < count; i++) {
                chunk |= vector[i] << 2 * (TWO_BIT_CAPACITY - 1 - i);
            }
            return chunk;
        }
    }

    /** Builds {@link TransportWideFeedback} from packets in sequence order. */
    public static final class Builder {
        private final long senderSsrc;
        private final long mediaSsrc;
        private final int referenceTime;
        private final int feedbackPacketCount;
        private final List<PacketResult> packets = new ArrayList<>();

        private Builder(long senderSsrc, long mediaSsrc, int referenceTime, int feedbackPacketCount) {
            this.senderSsrc = senderSsrc;
            this.mediaSsrc = mediaSsrc;
            this.referenceTime = referenceTime;
            this.feedbackPacketCount = feedbackPacketCount;
        }

        /**
         * Adds a packet that arrived {@code deltaTicks} (250 µs ticks) after the previous received
         * one, reporting any sequence numbers skipped since the last packet added as not received.
         *
         * @throws IllegalArgumentException if {@code sequenceNumber} is not after the last one
         *     added, or the feedback would cover more than 65535 packets
         */
        public Builder addReceived(int sequenceNumber, int deltaTicks) {
            fillGapBefore(sequenceNumber);
            packets.add(PacketResult.received(sequenceNumber, deltaTicks));
            return this;
        }

        /** Adds a packet that did not arrive; see {@link #addReceived}. */
        public Builder addNotReceived(int sequenceNumber) {
            fillGapBefore(sequenceNumber);
            packets.add(PacketResult.notReceived(sequenceNumber));
            return this;
        }

        /** Returns how many packets the feedback covers so far, lost ones included. */
        public int size() {
            return packets.size();
        }

        /**
         * Returns the feedback.
         *
         * @throws IllegalStateException if no packet was added
         */
        public TransportWideFeedback build() {
            if (packets.isEmpty()) {
                throw new IllegalStateException("no packet added (expected: at least one)");
            }
            return new TransportWideFeedback(senderSsrc, mediaSsrc, packets.get(0).sequenceNumber(), referenceTime,
                                             feedbackPacketCount, packets);
        }

        private void fillGapBefore(int sequenceNumber) {
            Checks.checkRange("sequenceNumber", sequenceNumber, 0, 0xFFFF);
            if (packets.isEmpty()) {
                return;
            }
            final int last = packets.get(packets.size() - 1).sequenceNumber();
            final int step = SeqNum16.delta(last, sequenceNumber);
            if (step <= 0) {
                throw new IllegalArgumentException(
                        "sequenceNumber: " + sequenceNumber + " (expected: after the last one added, " + last + ')');
            }
            if (packets.size() + step > 0xFFFF) {
                throw new IllegalArgumentException(
                        "sequenceNumber: " + sequenceNumber + " (expected: within 65535 packets of the base, "
                        + packets.get(0).sequenceNumber() + ')');
            }
            for (int seq = SeqNum16.add(last, 1); seq != sequenceNumber; seq = SeqNum16.add(seq, 1)) {
                packets.add(PacketResult.notReceived(seq));
            }
        }
    }
}
