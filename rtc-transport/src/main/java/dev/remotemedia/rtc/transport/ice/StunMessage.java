package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.transport.ice.StunPacket.TransactionId;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A whole STUN message as the {@link TurnClient} reads and writes it (<a
 * href="https://www.rfc-editor.org/rfc/rfc8489#section-5">RFC 8489 §5</a>, TURN methods and
 * attributes of <a href="https://www.rfc-editor.org/rfc/rfc8656#section-17">RFC 8656 §17–18</a>):
 * the header (see {@link StunPacket}) followed by type-length-value attributes, each padded to 4
 * bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Value (variable)                ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #parse} copies the datagram and checks every attribute's bounds; a malformed message
 * is an error string, never an exception.
 */
final class StunMessage {

    static final int METHOD_ALLOCATE = 0x003;
    static final int METHOD_REFRESH = 0x004;
    static final int METHOD_SEND = 0x006;
    static final int METHOD_DATA = 0x007;
    static final int METHOD_CREATE_PERMISSION = 0x008;
    static final int METHOD_CHANNEL_BIND = 0x009;

    static final int ATTR_USERNAME = 0x0006;
    static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    static final int ATTR_ERROR_CODE = 0x0009;
    static final int ATTR_CHANNEL_NUMBER = 0x000C;
    static final int ATTR_LIFETIME = 0x000D;
    static final int ATTR_XOR_PEER_ADDRESS = 0x0012;
    static final int ATTR_DATA = 0x0013;
    static final int ATTR_REALM = 0x0014;
    static final int ATTR_NONCE = 0x0015;
    static final int ATTR_XOR_RELAYED_ADDRESS = 0x0016;
    static final int ATTR_REQUESTED_TRANSPORT = 0x0019;
    static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;

    /** REQUESTED-TRANSPORT's value for UDP: protocol 17, then three reserved bytes (RFC 8656 §18.7). */
    static final int TRANSPORT_UDP = 17 << 24;

    private static final int INTEGRITY_LENGTH = 20; // HMAC-SHA1
    private static final int MAX_ATTRIBUTES = 64;

    private record Attribute(int type, int offset, int length) {}

    /** A parsed message, or why it is not one. */
    sealed interface Parsed {}

    record Ok(StunMessage message) implements Parsed {}

    record Invalid(String reason) implements Parsed {}

    private final byte[] raw;
    private final List<Attribute> attributes;

    private StunMessage(byte[] raw, List<Attribute> attributes) {
        this.raw = raw;
        this.attributes = attributes;
    }

    /** Parses one STUN message from {@code buf}; attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored. */
    static Parsed parse(byte[] buf, int off, int len) {
        if (!StunPacket.isStun(buf, off, len)) {
            return new Invalid("not a STUN message (header, magic cookie or length)");
        }
        int messageLength = StunPacket.HEADER_LENGTH + BigEndian.getUint16(buf, off + 2);
        byte[] raw = new byte[messageLength];
        System.arraycopy(buf, off, raw, 0, messageLength);
        List<Attribute> attributes = new ArrayList<>();
        int at = StunPacket.HEADER_LENGTH;
        while (at < messageLength) {
            if (at + 4 > messageLength) {
                return new Invalid("attribute header at byte " + at + " overruns the message");
            }
            int type = BigEndian.getUint16(raw, at);
            int length = BigEndian.getUint16(raw, at + 2);
            if (at + 4 + length > messageLength) {
                return new Invalid("attribute 0x" + Integer.toHexString(type) + " at byte " + at + ": length "
                                   + length + " overruns the message");
            }
            if (attributes.size() == MAX_ATTRIBUTES) {
                return new Invalid("more than " + MAX_ATTRIBUTES + " attributes");
            }
            attributes.add(new Attribute(type, at + 4, length));
            at += 4 + ((length + 3) & ~3);
        }
        return new Ok(new StunMessage(raw, List.copyOf(attributes)));
    }

    int method() {
        return StunPacket.method(raw, 0);
    }

    int messageClass() {
        return StunPacket.messageClass(raw, 0);
    }

    TransactionId transactionId() {
        return StunPacket.transactionId(raw, 0);
    }

    boolean has(int type) {
        return find(type) != null;
    }

    /** The attribute's value, or {@code null} when it is missing. */
    byte @Nullable [] value(int type) {
        Attribute a = find(type);
        if (a == null) {
            return null;
        }
        byte[] v = new byte[a.length()];
        System.arraycopy(raw, a.offset(), v, 0, a.length());
        return v;
    }

    /** A text attribute (REALM, NONCE, …), or {@code null}. */
    @Nullable String text(int type) {
        byte[] v = value(type);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** A 32-bit attribute (LIFETIME, CHANNEL-NUMBER), or -1 when it is missing or not 4 bytes. */
    long uint32(int type) {
        Attribute a = find(type);
        return a == null || a.length() != 4 ? -1 : BigEndian.getUint32(raw, a.offset());
    }

    /** ERROR-CODE's code, class × 100 + number (RFC 8489 §14.8), or -1 when missing or malformed. */
    int errorCode() {
        Attribute a = find(ATTR_ERROR_CODE);
        if (a == null || a.length() < 4) {
            return -1;
        }
        int code = (raw[a.offset() + 2] & 0x07) * 100 + (raw[a.offset() + 3] & 0xff);
        return code >= 300 && code <= 699 ? code : -1;
    }

    /** ERROR-CODE's reason phrase, or an empty string. */
    String errorReason() {
        Attribute a = find(ATTR_ERROR_CODE);
        if (a == null || a.length() < 4) {
            return "";
        }
        return new String(raw, a.offset() + 4, a.length() - 4, StandardCharsets.UTF_8);
    }

    /** An XOR-…-ADDRESS attribute (RFC 8489 §14.2), or {@code null} when missing or malformed. */
    @Nullable InetSocketAddress xorAddress(int type) {
        Attribute a = find(type);
        if (a == null || a.length() < 4) {
            return null;
        }
        int family = raw[a.offset() + 1] & 0xff;
        int addressLength = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addressLength < 0 || a.length() != 4 + addressLength) {
            return null;
        }
        int port = BigEndian.getUint16(raw, a.offset() + 2) ^ (StunPacket.MAGIC_COOKIE >>> 16);
        byte[] address = new byte[addressLength];
        for (int i = 0; i < addressLength; i++) {
            address[i] = (byte) (raw[a.offset() + 4 + i] ^ raw[4 + i]); // cookie, then transaction ID
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether MESSAGE-INTEGRITY is present and is the HMAC-SHA1, under {@code key}, of the message
     * up to it with the length field counting up to its end (RFC 8489 §14.5).
     */
    boolean hasValidIntegrity(byte[] key) {
        Attribute a = find(ATTR_MESSAGE_INTEGRITY);
        if (a == null || a.length() != INTEGRITY_LENGTH) {
            return false;
        }
        int covered = a.offset() - 4;
        byte[] copy = new byte[covered];
        System.arraycopy(raw, 0, copy, 0, covered);
        BigEndian.putUint16(copy, 2, covered - StunPacket.HEADER_LENGTH + 4 + INTEGRITY_LENGTH);
        byte[] expected = hmacSha1(key, copy, covered);
        byte[] actual = new byte[INTEGRITY_LENGTH];
        System.arraycopy(raw, a.offset(), actual, 0, INTEGRITY_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    private @Nullable Attribute find(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return a;
            }
            if (a.type() == ATTR_MESSAGE_INTEGRITY) {
                return null; // RFC 8489 §14.5: later attributes (but FINGERPRINT) are ignored
            }
        }
        return null;
    }

    /**
     * The long-term credential key, MD5(username ":" realm ":" password) (RFC 8489 §9.2.2). The
     * OpaqueString profile (RFC 8265) is not applied: names and passwords outside ASCII may not
     * match a server that applies it.
     */
    static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5").digest(
                    (username + ':' + realm + ':' + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }

    private static byte[] hmacSha1(byte[] key, byte[] data, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(data, 0, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    /** Writes a STUN message; attributes in the order added, MESSAGE-INTEGRITY last. */
    static final class Builder {
        private final byte[] header = new byte[StunPacket.HEADER_LENGTH];
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        /** {@code messageClass}: {@link StunPacket#CLASS_REQUEST}, {@link StunPacket#CLASS_INDICATION}, … */
        Builder(int method, int messageClass, TransactionId id) {
            int type = (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                       | ((messageClass & 1) << 4) | ((messageClass & 2) << 7);
            BigEndian.putUint16(header, 0, type);
            BigEndian.putUint32(header, 4, StunPacket.MAGIC_COOKIE & 0xFFFF_FFFFL);
            BigEndian.putUint32(header, 8, id.high() & 0xFFFF_FFFFL);
            BigEndian.putUint32(header, 12, (id.low() >>> 32) & 0xFFFF_FFFFL);
            BigEndian.putUint32(header, 16, id.low() & 0xFFFF_FFFFL);
        }

        Builder add(int type, byte[] value) {
            return add(type, value, 0, value.length);
        }

        Builder add(int type, byte[] value, int off, int len) {
            if (len > 0xFFFF - 4) {
                throw new IllegalArgumentException("attribute 0x" + Integer.toHexString(type) + ": " + len
                                                   + " bytes (expected: < 65532)");
            }
            byte[] tl = new byte[4];
            BigEndian.putUint16(tl, 0, type);
            BigEndian.putUint16(tl, 2, len);
            body.writeBytes(tl);
            body.write(value, off, len);
            body.write(new byte[(4 - (len & 3)) & 3], 0, (4 - (len & 3)) & 3);
            return this;
        }

        Builder addText(int type, String value) {
            return add(type, value.getBytes(StandardCharsets.UTF_8));
        }

        Builder addUint32(int type, long value) {
            byte[] v = new byte[4];
            BigEndian.putUint32(v, 0, value & 0xFFFF_FFFFL);
            return add(type, v);
        }

        Builder addXorAddress(int type, InetSocketAddress address) {
            byte[] ip = address.getAddress().getAddress();
            byte[] v = new byte[4 + ip.length];
            v[1] = (byte) (address.getAddress() instanceof Inet4Address ? 1 : 2);
            BigEndian.putUint16(v, 2, address.getPort() ^ (StunPacket.MAGIC_COOKIE >>> 16));
            for (int i = 0; i < ip.length; i++) {
                v[4 + i] = (byte) (ip[i] ^ header[4 + i]);
            }
            return add(type, v);
        }

        /** The message; with a key, MESSAGE-INTEGRITY is appended (RFC 8489 §14.5). */
        byte[] build(byte @Nullable [] integrityKey) {
            byte[] attrs = body.toByteArray();
            int total = StunPacket.HEADER_LENGTH + attrs.length + (integrityKey == null ? 0 : 4 + INTEGRITY_LENGTH);
            byte[] out = new byte[total];
            System.arraycopy(header, 0, out, 0, StunPacket.HEADER_LENGTH);
            System.arraycopy(attrs, 0, out, StunPacket.HEADER_LENGTH, attrs.length);
            BigEndian.putUint16(out, 2, total - StunPacket.HEADER_LENGTH);
            if (integrityKey != null) {
                int at = StunPacket.HEADER_LENGTH + attrs.length;
                byte[] mac = hmacSha1(integrityKey, out, at);
                BigEndian.putUint16(out, at, ATTR_MESSAGE_INTEGRITY);
                BigEndian.putUint16(out, at + 2, INTEGRITY_LENGTH);
                System.arraycopy(mac, 0, out, at + 4, INTEGRITY_LENGTH);
            }
            return out;
        }
    }
}
