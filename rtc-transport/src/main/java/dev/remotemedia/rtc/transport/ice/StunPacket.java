package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.Nullable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The few STUN facts the {@link IceUdpMux} needs to route a datagram to the right ICE agent, read
 * without decoding the whole message, plus the Binding request it sends itself to learn its
 * server-reflexive address (<a href="https://www.rfc-editor.org/rfc/rfc8489#section-5">RFC 8489
 * §5</a>). ice4j decodes, authenticates and answers everything else.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * |                     Transaction ID (96 bits)                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Every method takes {@code buf, off, len}; callers check {@link #isStun} first. Malformed
 * attributes give {@code null}, never an exception.
 */
final class StunPacket {

    static final int HEADER_LENGTH = 20;
    static final int MAGIC_COOKIE = 0x2112A442;

    /** Message classes (RFC 8489 §5): the C1 and C0 bits of the type. */
    static final int CLASS_REQUEST = 0;
    static final int CLASS_INDICATION = 1;
    static final int CLASS_SUCCESS_RESPONSE = 2;
    static final int CLASS_ERROR_RESPONSE = 3;

    static final int METHOD_BINDING = 0x001;

    static final int ATTR_MAPPED_ADDRESS = 0x0001;
    static final int ATTR_USERNAME = 0x0006;
    static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;

    /** A 96-bit transaction ID, as a map key. */
    record TransactionId(int high, long low) {
        static TransactionId random(Random random) {
            return new TransactionId(random.nextInt(), random.nextLong());
        }
    }

    private StunPacket() {}

    /**
     * Returns whether the datagram is one STUN message: the first two bits are zero, the magic
     * cookie is there and the length field, a multiple of 4, fits the datagram.
     */
    static boolean isStun(byte[] buf, int off, int len) {
        if (len < HEADER_LENGTH || (buf[off] & 0xC0) != 0 || int32(buf, off + 4) != MAGIC_COOKIE) {
            return false;
        }
        int messageLength = uint16(buf, off + 2);
        return messageLength % 4 == 0 && HEADER_LENGTH + messageLength <= len;
    }

    /** Returns the message class: {@link #CLASS_REQUEST}, {@link #CLASS_INDICATION}, … */
    static int messageClass(byte[] buf, int off) {
        int type = uint16(buf, off);
        return ((type >> 7) & 0x2) | ((type >> 4) & 0x1);
    }

    /** Returns the method, {@link #METHOD_BINDING} for ICE and consent checks. */
    static int method(byte[] buf, int off) {
        int type = uint16(buf, off);
        return (type & 0x000F) | ((type >> 1) & 0x0070) | ((type >> 2) & 0x0F80);
    }

    static TransactionId transactionId(byte[] buf, int off) {
        return new TransactionId(int32(buf, off + 8),
                                 ((long) int32(buf, off + 12) << 32) | (int32(buf, off + 16) & 0xFFFF_FFFFL));
    }

    /**
     * Returns the recipient's ufrag from the USERNAME of an ICE connectivity check: the part
     * before the colon of {@code "RFRAG:LFRAG"} (<a
     * href="https://www.rfc-editor.org/rfc/rfc8445#section-7.2.2">RFC 8445 §7.2.2</a>), or
     * {@code null} when there is none.
     */
    static @Nullable String recipientUfrag(byte[] buf, int off, int len) {
        int at = findAttribute(buf, off, len, ATTR_USERNAME);
        if (at < 0) {
            return null;
        }
        int valueLength = uint16(buf, at + 2);
        int end = at + 4;
        while (end < at + 4 + valueLength && buf[end] != ':') {
            end++;
        }
        if (end == at + 4 + valueLength || end == at + 4) {
            return null;
        }
        return new String(buf, at + 4, end - (at + 4), StandardCharsets.UTF_8);
    }

    /**
     * Returns the XOR-MAPPED-ADDRESS (<a href="https://www.rfc-editor.org/rfc/rfc8489#section-14.2">RFC
     * 8489 §14.2</a>) of a response, falling back on MAPPED-ADDRESS, or {@code null}.
     *
     * <pre>
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                X-Address (Variable)
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    static @Nullable InetSocketAddress mappedAddress(byte[] buf, int off, int len) {
        int at = findAttribute(buf, off, len, ATTR_XOR_MAPPED_ADDRESS);
        boolean xor = at >= 0;
        if (!xor) {
            at = findAttribute(buf, off, len, ATTR_MAPPED_ADDRESS);
            if (at < 0) {
                return null;
            }
        }
        int valueLength = uint16(buf, at + 2);
        int family = buf[at + 5] & 0xff;
        int addressLength = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addressLength < 0 || valueLength != 4 + addressLength) {
            return null;
        }
        int port = uint16(buf, at + 6);
        byte[] address = new byte[addressLength];
        System.arraycopy(buf, at + 8, address, 0, addressLength);
        if (xor) {
            port ^= MAGIC_COOKIE >>> 16;
            // The address is XORed with the magic cookie followed by the transaction ID.
            for (int i = 0; i < addressLength; i++) {
                address[i] ^= buf[off + 4 + i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Returns a Binding request with no attributes (RFC 8489 §6.1), 20 bytes. */
    static byte[] bindingRequest(TransactionId id) {
        byte[] b = new byte[HEADER_LENGTH];
        b[1] = METHOD_BINDING;
        putInt32(b, 4, MAGIC_COOKIE);
        putInt32(b, 8, id.high());
        putInt32(b, 12, (int) (id.low() >>> 32));
        putInt32(b, 16, (int) id.low());
        return b;
    }

    /**
     * Returns the offset of the first attribute of {@code type}, or -1 when it is missing or the
     * attributes before it overrun the message.
     */
    private static int findAttribute(byte[] buf, int off, int len, int type) {
        int end = off + Math.min(len, HEADER_LENGTH + uint16(buf, off + 2));
        int at = off + HEADER_LENGTH;
        while (at + 4 <= end) {
            int attrType = uint16(buf, at);
            int attrLength = uint16(buf, at + 2);
            if (at + 4 + attrLength > end) {
                return -1;
            }
            if (attrType == type) {
                return at;
            }
            at += 4 + ((attrLength + 3) & ~3);
        }
        return -1;
    }

    private static int uint16(byte[] b, int at) {
        return BigEndian.getUint16(b, at);
    }

    private static int int32(byte[] b, int at) {
        return (int) BigEndian.getUint32(b, at);
    }

    private static void putInt32(byte[] b, int at, int v) {
        BigEndian.putUint32(b, at, v & 0xFFFF_FFFFL);
    }
}
