package dev.remotemedia.rtc.rtp.video;

import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * The aggregation header at the start of every AV1 RTP payload (<a
 * href="https://aomediacodec.github.io/av1-rtp-spec/#44-av1-aggregation-header">AV1 RTP
 * specification §4.4</a>).
 *
 * <pre>{@code
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Z|Y| W |N|-|-|-|
 * +-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param continuation Z: the first OBU element continues the previous packet's last one
 * @param continues Y: the last OBU element continues in the next packet
 * @param elementCount W: {@code 1..3} elements, the last without a length field; {@code 0}: every
 *     element has a length field
 * @param newCodedVideoSequence N: the first packet of a coded video sequence
 */
public record Av1AggregationHeader(boolean continuation, boolean continues, int elementCount,
                                   boolean newCodedVideoSequence) {

    public Av1AggregationHeader {
        Checks.checkRange("elementCount", elementCount, 0, 3);
    }

    /** Reads the header byte {@code value}; the reserved bits are ignored. */
    public static Av1AggregationHeader of(int value) {
        return new Av1AggregationHeader((value & 0x80) != 0, (value & 0x40) != 0, (value >>> 4) & 0x3,
                                        (value & 0x08) != 0);
    }

    /** Returns the header byte, reserved bits zero. */
    public int toByte() {
        return (continuation ? 0x80 : 0) | (continues ? 0x40 : 0) | elementCount << 4 | (newCodedVideoSequence ? 0x08 : 0);
    }
}
