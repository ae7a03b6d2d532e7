package dev.remotemedia.rtc.sctp.tx;

import java.util.ArrayDeque;

/** The queued messages of one outgoing stream, its next SSN, buffered amount and reset state. */
final class OutgoingStream {

    enum ResetState {
        /** Sending normally. */
        NONE,
        /** A reset was asked for: no new messages; queued ones are still sent. */
        DRAINING,
        /** In a reset request in flight: nothing is sent. */
        RESETTING
    }

    /** A queued message and how much of it has been handed out. */
    static final class Message {
        final long id;
        final long ppid;
        final byte[] payload;
        final boolean unordered;
        final int maxRetransmits;
        final long expiresAtNanos;
        int offset;
        int ssn = -1;

        Message(long id, long ppid, byte[] payload, SendOptions options, long expiresAtNanos) {
            this.id = id;
            this.ppid = ppid;
            this.payload = payload;
            unordered = options.unordered();
            maxRetransmits = options.maxRetransmits();
            this.expiresAtNanos = expiresAtNanos;
        }

        int remaining() {
            return payload.length - offset;
        }
    }

    final int streamId;
    final ArrayDeque<Message> messages = new ArrayDeque<>();
    int nextSsn;
    long bufferedAmount;
    long lowThreshold;
    ResetState resetState = ResetState.NONE;
    /** Whether the stream waits in the scheduler's round-robin ring. */
    boolean scheduled;

    OutgoingStream(int streamId) {
        this.streamId = streamId;
    }

    /** Returns whether the scheduler may pick this stream. */
    boolean hasSendableData() {
        return !messages.isEmpty() && resetState != ResetState.RESETTING;
    }

    boolean isReadyToBeReset() {
        return resetState == ResetState.DRAINING && messages.isEmpty();
    }
}
