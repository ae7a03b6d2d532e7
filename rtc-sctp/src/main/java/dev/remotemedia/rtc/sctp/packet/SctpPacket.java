package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An SCTP packet, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3">RFC 9260 §3</a>: the
 * common header and one or more chunks. Over DTLS (RFC 8261) one packet fills one DTLS record.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Source Port Number        |     Destination Port Number   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Verification Tag                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Checksum                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Chunk #1                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              ...                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Chunk #n                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>{@link #parse} checks the checksum ({@link Crc32c}), the size, and every chunk's length and
 * layout, and returns an error for the first problem; it never throws on malformed input. It does
 * not apply protocol rules (verification tags, which chunks may be bundled, what to do with {@link
 * UnknownChunk}s): that is the association's job. The padding after the last chunk may be missing,
 * as RFC 9260 §3.2 asks receivers to accept.
 *
 * @param sourcePort the sender's port, {@code 0..65535} (5000 for WebRTC unless SDP says otherwise)
 * @param destinationPort the receiver's port, {@code 0..65535}
 * @param verificationTag the receiver's initiate tag, or 0 in a packet holding an INIT
 * @param chunks the chunks in wire order, at least one; parsed ones share the input array
 */
public record SctpPacket(int sourcePort, int destinationPort, long verificationTag, List<Chunk> chunks) {

    /** The size of the common header. */
    public static final int COMMON_HEADER_SIZE = 12;
    /** The largest packet {@link ParseOptions#DEFAULT} accepts: what a UDP datagram can hold. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 0xFFFF;
    private static final String NAME = "SCTP packet";

    /**
     * How {@link #parse} treats a packet.
     *
     * @param verifyChecksum whether to check the CRC32c. Turn it off only where something else
     *     detects errors and the peer is trusted to make well-formed packets (as dcSCTP's {@code
     *     disable_checksum_verification} does for fuzzing and tests); otherwise use {@code
     *     acceptZeroChecksum}
     * @param acceptZeroChecksum whether a checksum field of zero passes without checking, as
     *     <a href="https://www.rfc-editor.org/rfc/rfc9653#section-5.3">RFC 9653 §5.3</a> allows
     *     once the local side has sent a {@link ZeroChecksumAcceptableParameter}; a non-zero field
     *     is still checked
     * @param maxPacketSize the largest packet accepted, in bytes, {@code >= 16}
     */
    public record ParseOptions(boolean verifyChecksum, boolean acceptZeroChecksum, int maxPacketSize) {

        /** Verify the checksum, zero or not; accept packets up to 65535 bytes. */
        public static final ParseOptions DEFAULT = new ParseOptions(true, false, DEFAULT_MAX_PACKET_SIZE);

        public ParseOptions {
            if (maxPacketSize < COMMON_HEADER_SIZE + Tlv.HEADER_SIZE) {
                throw new IllegalArgumentException(
                        "maxPacketSize: " + maxPacketSize + " (expected: >= 16, a header and a chunk)");
            }
        }

        /** Returns these options with checksum verification off. */
        public ParseOptions withoutChecksumVerification() {
            return new ParseOptions(false, acceptZeroChecksum, maxPacketSize);
        }

        /** Returns these options accepting a zero checksum (RFC 9653, once negotiated). */
        public ParseOptions withZeroChecksumAccepted() {
            return new ParseOptions(verifyChecksum, true, maxPacketSize);
        }

        /** Returns these options with {@code maxPacketSize}. */
        public ParseOptions withMaxPacketSize(int maxPacketSize) {
            return new ParseOptions(verifyChecksum, acceptZeroChecksum, maxPacketSize);
        }
    }

    public SctpPacket {
        Tlv.checkUint16("sourcePort", sourcePort);
        Tlv.checkUint16("destinationPort", destinationPort);
        Tlv.checkUint32("verificationTag", verificationTag);
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("chunks: [] (expected: at least one chunk)");
        }
    }

    /** Parses the packet in {@code buf[off .. off + len)} with {@link ParseOptions#DEFAULT}. */
    public static ParseResult<SctpPacket> parse(byte[] buf, int off, int len) {
        return parse(buf, off, len, ParseOptions.DEFAULT);
    }

    /** Parses the packet in {@code buf[off .. off + len)}. Never throws on malformed input. */
    public static ParseResult<SctpPacket> parse(byte[] buf, int off, int len, ParseOptions options) {
        Objects.checkFromIndexSize(off, len, requireNonNull(buf, "buf").length);
        requireNonNull(options, "options");
        if (len < COMMON_HEADER_SIZE + Tlv.HEADER_SIZE) {
            return ParseResult.error(NAME + ": " + len + " bytes (expected: >= "
                                     + (COMMON_HEADER_SIZE + Tlv.HEADER_SIZE) + ", a header and a chunk)");
        }
        if (len > options.maxPacketSize()) {
            return ParseResult.error(
                    NAME + ": " + len + " bytes (expected: <= " + options.maxPacketSize() + ')');
        }
        if (options.verifyChecksum()) {
            final long stored = Crc32c.readChecksum(buf, off);
            if (stored != 0 || !options.acceptZeroChecksum()) {
                final long computed = Crc32c.computePacketChecksum(buf, off, len);
                if (stored != computed) {
                    return ParseResult.error(String.format(
                            "%s: checksum 0x%08x (expected: 0x%08x)", NAME, stored, computed));
                }
            }
        }
        final ParseResult<List<Chunk>> chunks = parseChunks(buf, off, len);
        if (chunks instanceof ParseResult.Error<List<Chunk>> error) {
            return error.withContext(NAME + ": ");
        }
        return ParseResult.ok(new SctpPacket(BigEndian.getUint16(buf, off), BigEndian.getUint16(buf, off + 2),
                                             BigEndian.getUint32(buf, off + 4), chunks.orElseThrow()));
    }

    private static ParseResult<List<Chunk>> parseChunks(byte[] buf, int off, int len) {
        final List<Chunk> chunks = new ArrayList<>();
        final int end = off + len;
        int pos = off + COMMON_HEADER_SIZE;
        while (pos < end) {
            final int remaining = end - pos;
            if (remaining < Tlv.HEADER_SIZE) {
                return ParseResult.error(Tlv.where("chunk " + chunks.size(), pos - off) + remaining
                                         + " trailing bytes (expected: none, or a 4-byte chunk header)");
            }
            final int length = Tlv.lengthField(buf, pos);
            if (length < Tlv.HEADER_SIZE || length > remaining) {
                return ParseResult.error(Tlv.where("chunk " + chunks.size(), pos - off) + "length " + length
                                         + " (expected: " + Tlv.HEADER_SIZE + ".." + remaining + ')');
            }
            final ParseResult<? extends Chunk> chunk = Chunks.parse(buf, pos, length);
            if (chunk instanceof ParseResult.Error<? extends Chunk> error) {
                return error.withContext(Tlv.where("chunk " + chunks.size(), pos - off));
            }
            chunks.add(((ParseResult.Ok<? extends Chunk>) chunk).value());
            pos += Math.min(Tlv.padded(length), remaining);
        }
        return ParseResult.ok(Collections.unmodifiableList(chunks));
    }

    /** Returns how many bytes {@link #serializeTo} writes: the header and every chunk, padded. */
    public int serializedSize() {
        int size = COMMON_HEADER_SIZE;
        for (Chunk chunk : chunks) {
            size += chunk.serializedSize();
        }
        return size;
    }

    /**
     * Writes the packet at {@code dst[off]}, checksum included; returns {@code off +
     * serializedSize()}.
     *
     * @throws IndexOutOfBoundsException before writing anything if it does not fit
     */
    public int serializeTo(byte[] dst, int off) {
        final int size = serializedSize();
        final int end = Tlv.checkDst(dst, off, size);
        int pos = BigEndian.putUint16(dst, off, sourcePort);
        pos = BigEndian.putUint16(dst, pos, destinationPort);
        pos = BigEndian.putUint32(dst, pos, verificationTag);
        pos = BigEndian.putUint32(dst, pos, 0);
        for (Chunk chunk : chunks) {
            pos = chunk.serializeTo(dst, pos);
        }
        Crc32c.writeChecksum(dst, off, size);
        return end;
    }

    /** Returns the packet as a new array, checksum included. */
    public byte[] toByteArray() {
        final byte[] bytes = new byte[serializedSize()];
        serializeTo(bytes, 0);
        return bytes;
    }
}
