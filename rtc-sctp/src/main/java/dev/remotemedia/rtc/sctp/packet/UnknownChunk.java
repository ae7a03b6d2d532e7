package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * A chunk of a type this package does not model (I-DATA, I-FORWARD-TSN, ECNE, AUTH, ASCONF, ...),
 * kept whole. What the receiver does with it depends on the upper two bits of its type, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2">RFC 9260 §3.2</a>: {@link
 * #stopsProcessing()} and {@link #isReported()} read them; a reported chunk goes back to the peer
 * in an {@link UnrecognizedChunkTypeCause}.
 *
 * @param type the Chunk Type, {@code 0..255}
 * @param flags the Chunk Flags, {@code 0..255}
 * @param value the bytes after the header; a parsed one shares the input array
 */
public record UnknownChunk(int type, int flags, ByteView value) implements Chunk {

    private static final String NAME = "chunk";

    public UnknownChunk {
        Tlv.checkUint8("type", type);
        Tlv.checkUint8("flags", flags);
        requireNonNull(value, "value");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + value.length());
    }

    /** Parses the chunk at {@code buf[off .. off + len)}, whatever its type. */
    public static ParseResult<UnknownChunk> parse(byte[] buf, int off, int len) {
        if (len < Tlv.HEADER_SIZE) {
            return ParseResult.error(NAME + ": " + len + " bytes (expected: >= 4, the header)");
        }
        final int type = buf[off] & 0xFF;
        final String problem = Tlv.checkChunkHeader(NAME, type, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new UnknownChunk(type, buf[off + 1] & 0xFF, Tlv.value(buf, off)));
    }

    /**
     * Returns whether the type's highest bit is 0: the receiver discards the rest of the packet
     * (types {@code 0x00..0x7F}).
     */
    public boolean stopsProcessing() {
        return (type & 0x80) == 0;
    }

    /** Returns whether the type's second-highest bit is 1: the receiver reports the chunk. */
    public boolean isReported() {
        return (type & 0x40) != 0;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + value.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, serializedSize());
        final int pos = value.copyTo(dst, Tlv.putChunkHeader(dst, off, type, flags, length()));
        return Tlv.pad(dst, pos, end);
    }
}
