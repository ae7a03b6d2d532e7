package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Packetizes AV1 temporal units (<a href="https://aomediacodec.github.io/av1-rtp-spec/">AV1 RTP
 * specification</a> §4.4 to §5): each OBU travels as an OBU element without its size field (§5),
 * temporal delimiters and tile lists are left out (§5), elements are packed in order, and an
 * element that does not fit is continued in the next packet (Y, then Z). A packet of up to three
 * elements uses W so its last element needs no length field; N is set on the first packet of a
 * temporal unit with a sequence header.
 *
 * <p>Stateless: one instance may serve any number of streams.
 */
public final class Av1Packetizer implements VideoPacketizer {

    /** The smallest payload: aggregation header, a one-byte length and one byte of element. */
    public static final int MIN_PAYLOAD_SIZE = 3;

    /** Packetizes temporal unit {@code frame}, OBUs in the low overhead bitstream format. */
    @Override
    public List<byte[]> packetize(byte[] frame, int maxPayloadSize) {
        requireNonNull(frame, "frame");
        Checks.checkRange("maxPayloadSize", maxPayloadSize, MIN_PAYLOAD_SIZE, Integer.MAX_VALUE);
        final List<byte[]> obus = Av1Obu.split(frame);
        if (obus == null) {
            throw new IllegalArgumentException("frame: not a sequence of OBUs with size fields (expected: a "
                                               + "temporal unit in the low overhead bitstream format)");
        }
        boolean sequenceHeader = false;
        final List<byte[]> elements = new ArrayList<>(obus.size());
        for (byte[] obu : obus) {
            final int type = Av1Obu.type(obu[0]);
            sequenceHeader |= type == Av1Obu.SEQUENCE_HEADER;
            if (type != Av1Obu.TEMPORAL_DELIMITER && type != Av1Obu.TILE_LIST) {
                elements.add(obu);
            }
        }
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("frame: no OBU to send (expected: more than temporal delimiters)");
        }
        final List<byte[]> payloads = new ArrayList<>();
        final PacketBuilder packet = new PacketBuilder(maxPayloadSize);
        for (byte[] element : elements) {
            int offset = 0;
            while (offset < element.length) {
                final int left = element.length - offset;
                final int room = packet.room();
                if (Leb128.size(left) + left <= room || left <= room && packet.count() < 3) {
                    // The whole rest fits, with a length field or as the last element of W.
                    packet.add(element, offset, left);
                    offset = element.length;
                    if (Leb128.size(left) + left > room) {
                        payloads.add(packet.build(false, sequenceHeader && payloads.isEmpty()));
                    }
                    continue;
                }
                int fragment = room - Leb128.size(room);
                while (fragment > 0 && Leb128.size(fragment) + fragment > room) {
                    fragment--;
                }
                if (packet.count() < 3 && room > fragment) {
                    fragment = room; // as W's last element it needs no length field
                }
                if (fragment < 1) {
                    payloads.add(packet.build(false, sequenceHeader && payloads.isEmpty()));
                    continue;
                }
                packet.add(element, offset, fragment);
                offset += fragment;
                payloads.add(packet.build(true, sequenceHeader && payloads.isEmpty()));
            }
        }
        if (packet.count() > 0) {
            payloads.add(packet.build(false, sequenceHeader && payloads.isEmpty()));
        }
        return payloads;
    }

    /** The OBU element fragments of the packet being filled. */
    private static final class PacketBuilder {
        private final int maxPayloadSize;
        private final List<byte[]> arrays = new ArrayList<>();
        private final List<int[]> ranges = new ArrayList<>();
        private boolean continuation;
        private int used = 1;

        PacketBuilder(int maxPayloadSize) {
            this.maxPayloadSize = maxPayloadSize;
        }

        int count() {
            return arrays.size();
        }

        /** Returns the bytes left, counting every element so far with its length field. */
        int room() {
            return maxPayloadSize - used;
        }

        void add(byte[] element, int offset, int length) {
            arrays.add(element);
            ranges.add(new int[] {offset, length});
            used += Leb128.size(length) + length;
        }

        /** Returns the packet and starts the next, which continues an element if {@code continues}. */
        byte[] build(boolean continues, boolean newSequence) {
            final int count = arrays.size();
            final boolean lastWithoutLength = count <= 3;
            int size = 1;
            for (int i = 0; i < count; i++) {
                final int length = ranges.get(i)[1];
                size += length + (lastWithoutLength && i == count - 1 ? 0 : Leb128.size(length));
            }
            final byte[] payload = new byte[size];
            payload[0] = (byte) new Av1AggregationHeader(continuation, continues, lastWithoutLength ? count : 0,
                                                         newSequence).toByte();
            int pos = 1;
            for (int i = 0; i < count; i++) {
                final int[] range = ranges.get(i);
                if (!(lastWithoutLength && i == count - 1)) {
                    pos = Leb128.write(payload, pos, range[1]);
                }
                System.arraycopy(arrays.get(i), range[0], payload, pos, range[1]);
                pos += range[1];
            }
            arrays.clear();
            ranges.clear();
            used = 1;
            continuation = continues;
            return payload;
        }
    }
}
