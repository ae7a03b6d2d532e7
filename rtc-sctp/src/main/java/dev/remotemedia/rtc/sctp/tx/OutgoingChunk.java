package dev.remotemedia.rtc.sctp.tx;

import dev.remotemedia.rtc.common.ByteView;

/**
 * One DATA chunk's worth of a queued message, before a TSN is assigned: what {@link
 * SendQueue#produce} hands out and {@link RetransmissionQueue} keeps until it is acknowledged.
 *
 * @param messageId identifies the message within the send queue, to abandon the rest of it
 * @param streamId {@code 0..65535}
 * @param ssn {@code 0..65535}; 0 for unordered messages
 * @param ppid the payload protocol identifier, {@code 0..4294967295}
 * @param payload a view into the queued message's array (no copy); never changed afterwards
 * @param beginning the B bit
 * @param ending the E bit
 * @param unordered the U bit
 * @param maxRetransmits from {@link SendOptions#maxRetransmits()}
 * @param expiresAtNanos when the message may no longer be sent; {@link Long#MAX_VALUE} never
 */
public record OutgoingChunk(long messageId, int streamId, int ssn, long ppid, ByteView payload,
                            boolean beginning, boolean ending, boolean unordered, int maxRetransmits,
                            long expiresAtNanos) {

    /** The size of a DATA chunk header (RFC 9260 §3.3.1). */
    public static final int DATA_CHUNK_HEADER_SIZE = 16;

    /** Returns the size of the serialized DATA chunk, padding included. */
    public int serializedSize() {
        return serializedSize(payload.length());
    }

    /** Returns the size of a serialized DATA chunk carrying {@code payloadLength} bytes, padded to 4. */
    public static int serializedSize(int payloadLength) {
        return (DATA_CHUNK_HEADER_SIZE + payloadLength + 3) & ~3;
    }

    /** Returns whether the message has expired at {@code nowNanos}. */
    public boolean isExpired(long nowNanos) {
        return nowNanos > expiresAtNanos;
    }
}
