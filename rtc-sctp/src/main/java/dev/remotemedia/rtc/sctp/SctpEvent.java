package dev.remotemedia.rtc.sctp;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an {@link SctpSocket} tells its event loop, in the order it happened; polled with {@link
 * SctpSocket#pollEvent()} after the call that caused it returns (STYLE.md rule 7).
 */
public sealed interface SctpEvent {

    /**
     * A packet to hand to the lower layer (a DTLS record, RFC 8261). The array is the loop's to keep;
     * the association never touches it again.
     */
    record SendPacket(byte[] packet) implements SctpEvent {
        public SendPacket {
            requireNonNull(packet, "packet");
        }

        @Override
        public String toString() {
            return "SendPacket{" + packet.length + " bytes}";
        }
    }

    /** The association is ESTABLISHED: messages flow. */
    record Connected() implements SctpEvent {}

    /**
     * The peer restarted its side (RFC 9260 §5.2.4 case A) and the association carries on with fresh
     * sequence numbers. Messages in flight either way may be lost, and every stream starts over; a
     * data channel layer should treat its channels as gone.
     */
    record ConnectionRestarted() implements SctpEvent {}

    /**
     * A whole message arrived.
     *
     * @param streamId the stream it came on
     * @param ppid its Payload Protocol Identifier
     * @param payload its bytes, the loop's to keep
     */
    record MessageReceived(int streamId, long ppid, byte[] payload) implements SctpEvent {
        public MessageReceived {
            requireNonNull(payload, "payload");
        }

        @Override
        public String toString() {
            return "MessageReceived{streamId=" + streamId + ", ppid=" + ppid + ", " + payload.length + " bytes}";
        }
    }

    /**
     * The bytes buffered for {@code streamId} fell to or below its threshold ({@link
     * SctpSocket#setBufferedAmountLowThreshold}), from above it.
     */
    record BufferedAmountLow(int streamId) implements SctpEvent {}

    /** Which way a stream reset went. */
    enum Direction {
        /** The peer reset its outgoing streams: nothing more will arrive on them. */
        INCOMING,
        /** Our request to reset our outgoing streams succeeded: their sequence numbers start over. */
        OUTGOING
    }

    /**
     * Streams were reset (RFC 6525). For a data channel, the channel is closed once both directions
     * of its stream are reset (RFC 8831 §6.7).
     */
    record StreamsReset(Direction direction, List<Integer> streamIds) implements SctpEvent {
        public StreamsReset {
            requireNonNull(direction, "direction");
            streamIds = List.copyOf(streamIds);
        }
    }

    /** The peer refused to reset our outgoing {@code streamIds}; they are usable again. */
    record StreamsResetFailed(List<Integer> streamIds, String reason) implements SctpEvent {
        public StreamsResetFailed {
            streamIds = List.copyOf(streamIds);
            requireNonNull(reason, "reason");
        }
    }

    /** The association closed gracefully (SHUTDOWN exchange, RFC 9260 §9.2). */
    record Closed() implements SctpEvent {}

    /**
     * The association ended abruptly: either side sent an ABORT, or it gave up on an unanswering
     * peer. Nothing more is sent or received.
     */
    record Aborted(ErrorKind kind, String reason) implements SctpEvent {
        public Aborted {
            requireNonNull(kind, "kind");
            requireNonNull(reason, "reason");
        }
    }

    /**
     * Something went wrong that did not end the association, such as a malformed packet (dropped)
     * or an ERROR chunk from the peer.
     */
    record Error(ErrorKind kind, String message) implements SctpEvent {
        public Error {
            requireNonNull(kind, "kind");
            requireNonNull(message, "message");
        }
    }
}
