package dev.remotemedia.transport.peer;

/**
 * Counters of one {@link ServerPeer}'s {@value ServerPeer#CHANNEL_LABEL} channel.
 *
 * @param messagesIn DataBuffers received and handed to the pipeline
 * @param bytesIn bytes of those messages
 * @param messagesOut pipeline outputs sent to the client
 * @param bytesOut bytes of those messages
 * @param rejectedIn messages dropped because they were not a valid DataBuffer (each answered
 *     with an {@code error} control message)
 * @param droppedIn valid messages dropped because the peer's input queue was full
 * @param droppedOut outputs dropped because they could not be sent (too large, channel gone)
 */
public record ServerPeerStats(long messagesIn, long bytesIn, long messagesOut, long bytesOut,
                              long rejectedIn, long droppedIn, long droppedOut) {}
