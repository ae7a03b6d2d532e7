package dev.remotemedia.rtc.transport.ice;

/**
 * Tells the protocols that share one UDP 5-tuple apart by the first byte of a datagram
 * (<a href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a>):
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--> forward to STUN
 *                  |      [16..19] -+--> forward to ZRTP
 *      packet -->  |      [20..63] -+--> forward to DTLS
 *                  |      [64..79] -+--> forward to TURN Channel
 *                  |    [128..191] -+--> forward to RTP/RTCP
 *                  +----------------+
 * </pre>
 */
public final class Rfc7983 {

    /** What a datagram carries, by its first byte. */
    public enum Kind {
        STUN,
        ZRTP,
        DTLS,
        TURN_CHANNEL,
        /** RTP or RTCP (SRTP/SRTCP in WebRTC); RFC 5761 §4 tells the two apart. */
        RTP_RTCP,
        /** A first byte RFC 7983 assigns to nothing, or an empty datagram: drop it. */
        UNKNOWN
    }

    private Rfc7983() {}

    /** Classifies a datagram by its first byte, given as {@code 0..255}. */
    public static Kind classify(int firstByte) {
        if (firstByte < 0 || firstByte > 255) {
            throw new IllegalArgumentException("firstByte: " + firstByte + " (expected: 0..255)");
        }
        if (firstByte <= 3) {
            return Kind.STUN;
        }
        if (firstByte >= 16 && firstByte <= 19) {
            return Kind.ZRTP;
        }
        if (firstByte >= 20 && firstByte <= 63) {
            return Kind.DTLS;
        }
        if (firstByte >= 64 && firstByte <= 79) {
            return Kind.TURN_CHANNEL;
        }
        if (firstByte >= 128 && firstByte <= 191) {
            return Kind.RTP_RTCP;
        }
        return Kind.UNKNOWN;
    }

    /** Classifies {@code buf[off .. off + len)}; an empty datagram is {@link Kind#UNKNOWN}. */
    public static Kind classify(byte[] buf, int off, int len) {
        return len <= 0 ? Kind.UNKNOWN : classify(buf[off] & 0xff);
    }
}
