package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.Nullable;

/**
 * The common packet format of RTCP feedback, <a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.1">RFC
 * 4585 §6.1</a>, shared by the transport-layer (205) and payload-specific (206) messages.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   FMT   |       PT      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :            Feedback Control Information (FCI)                 :
 * }</pre>
 */
final class FeedbackHeader {

    /** The two SSRCs after the common header. */
    static final int SSRCS_SIZE = 8;
    /** The size of a feedback packet without FCI. */
    static final int SIZE = RtcpHeader.SIZE + SSRCS_SIZE;

    private FeedbackHeader() {}

    /** Returns an error if the body cannot hold both SSRCs and {@code fciMinimum} bytes, else {@code null}. */
    static @Nullable String check(String name, RtcpHeader header, int fciMinimum) {
        return header.checkBodyLength(name, SSRCS_SIZE + fciMinimum);
    }

    static long senderSsrc(RtcpHeader header, byte[] buf) {
        return BigEndian.getUint32(buf, header.bodyOffset());
    }

    static long mediaSsrc(RtcpHeader header, byte[] buf) {
        return BigEndian.getUint32(buf, header.bodyOffset() + 4);
    }

    static int fciOffset(RtcpHeader header) {
        return header.bodyOffset() + SSRCS_SIZE;
    }

    static int fciLength(RtcpHeader header) {
        return header.bodyLength() - SSRCS_SIZE;
    }

    /** Writes the header and both SSRCs; returns where the FCI goes. */
    static int write(byte[] buf, int off, int fmt, int packetType, int size, long senderSsrc, long mediaSsrc) {
        int pos = RtcpHeader.write(buf, off, fmt, packetType, size);
        pos = BigEndian.putUint32(buf, pos, senderSsrc);
        return BigEndian.putUint32(buf, pos, mediaSsrc);
    }
}
