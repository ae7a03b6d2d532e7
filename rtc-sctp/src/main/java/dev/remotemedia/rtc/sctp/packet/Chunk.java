package dev.remotemedia.rtc.sctp.packet;

/**
 * A chunk of an {@link SctpPacket}, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2">RFC 9260 §3.2</a>: one final class per
 * chunk type WebRTC uses, and {@link UnknownChunk} for the rest (kept whole, so the association can
 * apply the rules of the type's upper two bits).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                          Chunk Value                          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Parsed chunks share the input array wherever they hold bytes (payloads, cookies, opaque
 * values): copy them ({@code ByteView.copyToArray()}) to keep them after the array is reused.
 */
public sealed interface Chunk
        permits DataChunk, InitChunk, InitAckChunk, SackChunk, HeartbeatRequestChunk,
                HeartbeatAckChunk, AbortChunk, ShutdownChunk, ShutdownAckChunk, ErrorChunk,
                CookieEchoChunk, CookieAckChunk, ShutdownCompleteChunk, ReConfigChunk,
                ForwardTsnChunk, UnknownChunk {

    /** Returns the Chunk Type, {@code 0..255}. */
    int type();

    /** Returns the Chunk Length field: header and value, without the chunk's padding. */
    int length();

    /** Returns how many bytes {@link #serializeTo} writes: {@link #length()} padded to 4. */
    default int serializedSize() {
        return Tlv.padded(length());
    }

    /**
     * Writes the chunk and its zero padding at {@code dst[off]}; returns {@code off +
     * serializedSize()}.
     *
     * @throws IndexOutOfBoundsException before writing anything if it does not fit
     */
    int serializeTo(byte[] dst, int off);
}
