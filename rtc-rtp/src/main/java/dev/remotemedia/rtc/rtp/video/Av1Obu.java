package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * AV1 OBU facts the payload format needs (AV1 bitstream specification §5.3): the header, its
 * size field, and splitting a temporal unit in the low overhead bitstream format into its OBUs.
 *
 * <pre>{@code
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |F| type  |X|S|-|  (F: forbidden, X: extension byte follows, S: obu_size follows)
 * +-+-+-+-+-+-+-+-+
 * |TID|SID|-|-|-|    (X = 1)
 * +-+-+-+-+-+-+-+-+
 * }</pre>
 */
public final class Av1Obu {

    /** OBU_SEQUENCE_HEADER: opens a coded video sequence with a keyframe. */
    public static final int SEQUENCE_HEADER = 1;
    /** OBU_TEMPORAL_DELIMITER: not sent over RTP (§5). */
    public static final int TEMPORAL_DELIMITER = 2;
    /** OBU_FRAME_HEADER. */
    public static final int FRAME_HEADER = 3;
    /** OBU_TILE_GROUP. */
    public static final int TILE_GROUP = 4;
    /** OBU_METADATA. */
    public static final int METADATA = 5;
    /** OBU_FRAME: a frame header and its tile group. */
    public static final int FRAME = 6;
    /** OBU_TILE_LIST: not sent over RTP (§5). */
    public static final int TILE_LIST = 8;
    /** OBU_PADDING. */
    public static final int PADDING = 15;

    static final int HAS_SIZE = 0x02;
    static final int HAS_EXTENSION = 0x04;

    private Av1Obu() {}

    /** Returns the OBU type of header byte {@code header}. */
    public static int type(int header) {
        return (header >>> 3) & 0xF;
    }

    /** Returns whether temporal unit {@code temporalUnit} holds a sequence header OBU. */
    public static boolean hasSequenceHeader(byte[] temporalUnit) {
        final List<byte[]> obus = split(temporalUnit);
        if (obus == null) {
            return false;
        }
        for (byte[] obu : obus) {
            if (type(obu[0]) == SEQUENCE_HEADER) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits a temporal unit in the low overhead bitstream format (each OBU with its size field,
     * but for a last one that may go without) into its OBUs, each as header and payload without
     * the size field and with obu_has_size_field cleared, as the RTP format sends them; {@code
     * null} if the bytes are not such a sequence.
     */
    static @Nullable List<byte[]> split(byte[] temporalUnit) {
        requireNonNull(temporalUnit, "temporalUnit");
        final List<byte[]> obus = new ArrayList<>();
        int pos = 0;
        final int end = temporalUnit.length;
        while (pos < end) {
            final int header = temporalUnit[pos] & 0xFF;
            if ((header & 0x80) != 0) {
                return null;
            }
            final int headerSize = (header & HAS_EXTENSION) != 0 ? 2 : 1;
            if (end - pos < headerSize) {
                return null;
            }
            int payloadStart = pos + headerSize;
            int payloadSize;
            if ((header & HAS_SIZE) != 0) {
                final long read = Leb128.read(temporalUnit, payloadStart, end);
                if (read == Leb128.INVALID) {
                    return null;
                }
                payloadStart += Leb128.length(read);
                if (Leb128.value(read) > end - payloadStart) {
                    return null;
                }
                payloadSize = (int) Leb128.value(read);
            } else {
                payloadSize = end - payloadStart;
            }
            final byte[] obu = new byte[headerSize + payloadSize];
            obu[0] = (byte) (header & ~HAS_SIZE);
            if (headerSize == 2) {
                obu[1] = temporalUnit[pos + 1];
            }
            System.arraycopy(temporalUnit, payloadStart, obu, headerSize, payloadSize);
            obus.add(obu);
            pos = payloadStart + payloadSize;
        }
        return obus;
    }
}
