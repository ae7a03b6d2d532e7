package dev.remotemedia.rtc.sctp.tx;

/**
 * A DATA chunk to put in the next packet: its TSN and content.
 *
 * @param tsn {@code 0..4294967295}
 * @param chunk what the DATA chunk carries
 */
public record ChunkToSend(long tsn, OutgoingChunk chunk) {}
