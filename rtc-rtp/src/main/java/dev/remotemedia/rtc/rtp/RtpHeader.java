package dev.remotemedia.rtc.rtp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * Cheap looks at the first bytes of a datagram, for the demultiplexer that routes packets before
 * anything parses them.
 */
public final class RtpHeader {

    private RtpHeader() {}

    /**
     * Returns whether {@code buf[off .. off + len)} is RTCP rather than RTP on a port that carries
     * both (<a href="https://www.rfc-editor.org/rfc/rfc5761#section-4">RFC 5761 §4</a>): its second
     * byte, read as an RTCP packet type, is in {@code 192..223}, which as an RTP marker bit and
     * payload type is the range 64..95 that RTP must not use there. False for fewer than 2 bytes.
     */
    public static boolean isRtcp(byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        if (len < 2) {
            return false;
        }
        final int packetType = buf[off + 1] & 0xFF;
        return packetType >= 192 && packetType <= 223;
    }

    /**
     * Returns whether {@code buf[off .. off + len)} may be RTP or RTCP: at least as long as the
     * smallest RTCP packet (4 bytes) and version 2. The RFC 7983 first-byte range 128..191 is the
     * same test.
     */
    public static boolean isRtpOrRtcp(byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        return len >= 4 && (buf[off] & 0xC0) == RtpPacket.VERSION << 6;
    }

    /**
     * Returns the SSRC of the RTP packet at {@code buf[off .. off + len)}, or {@code -1} if it is
     * shorter than the fixed header. Does not check anything else.
     */
    public static long ssrc(byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        return len < RtpPacket.FIXED_HEADER_SIZE ? -1 : BigEndian.getUint32(buf, off + 8);
    }
}
