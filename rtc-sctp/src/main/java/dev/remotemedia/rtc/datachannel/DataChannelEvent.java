package dev.remotemedia.rtc.datachannel;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/** What a {@link DataChannelManager} tells its event loop, polled after the call that caused it. */
public sealed interface DataChannelEvent {

    /** The peer opened {@code channel} in-band (W3C {@code ondatachannel}); an {@link Opened} follows. */
    record ChannelAnnounced(DataChannel channel) implements DataChannelEvent {
        public ChannelAnnounced {
            requireNonNull(channel, "channel");
        }
    }

    /** {@code channel} is open (W3C {@code onopen}). */
    record Opened(DataChannel channel) implements DataChannelEvent {
        public Opened {
            requireNonNull(channel, "channel");
        }
    }

    /**
     * A message arrived on channel {@code channelId}.
     *
     * @param binary whether it was sent as binary (PPID 53 or 57) rather than text (51 or 56)
     * @param data its bytes (UTF-8 for text), the loop's to keep; empty for an empty message
     */
    record Message(int channelId, boolean binary, byte[] data) implements DataChannelEvent {
        public Message {
            requireNonNull(data, "data");
        }

        /** Returns the data as text. */
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Message{channelId=" + channelId + ", " + (binary ? "binary" : "text") + ", "
                   + data.length + " bytes}";
        }
    }

    /** The bytes buffered on the channel fell to its low threshold (W3C {@code onbufferedamountlow}). */
    record BufferedAmountLow(int channelId) implements DataChannelEvent {}

    /** The channel started closing, by either side (W3C {@code onclosing}). */
    record Closing(int channelId) implements DataChannelEvent {}

    /** The channel is closed and its id free (W3C {@code onclose}). */
    record Closed(int channelId) implements DataChannelEvent {}

    /**
     * Something the peer sent was wrong and was dropped (a malformed DCEP message, a message on an
     * unknown channel, an OPEN for an id in use). The channels carry on.
     */
    record Error(String message) implements DataChannelEvent {
        public Error {
            requireNonNull(message, "message");
        }
    }
}
