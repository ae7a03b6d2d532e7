package dev.remotemedia.rtc.sctp.rx;

import java.util.Arrays;

/** What {@link ReassemblyQueue#poll()} hands to the association, in delivery order. */
public sealed interface ReassemblyEvent {

    /**
     * A whole user message, ready for the application.
     *
     * @param streamId {@code 0..65535}
     * @param ppid the payload protocol identifier of its first fragment
     * @param payload the message; a fresh array the receiver owns
     * @param unordered whether it was sent unordered
     */
    record MessageReady(int streamId, long ppid, byte[] payload, boolean unordered)
            implements ReassemblyEvent {

        @Override
        public boolean equals(Object obj) {
            return obj instanceof MessageReady that && streamId == that.streamId && ppid == that.ppid
                   && unordered == that.unordered && Arrays.equals(payload, that.payload);
        }

        @Override
        public int hashCode() {
            return (Integer.hashCode(streamId) * 31 + Long.hashCode(ppid)) * 31 + Arrays.hashCode(payload)
                   + (unordered ? 1 : 0);
        }

        @Override
        public String toString() {
            return "MessageReady{streamId=" + streamId + ", ppid=" + ppid + ", " + payload.length
                   + " bytes" + (unordered ? ", unordered" : "") + '}';
        }
    }

    /**
     * A message grew beyond the maximum message size and was dropped with everything received of
     * it; its remaining fragments are dropped as they arrive. The association reports it as an
     * error; the data channel carries on with the next message.
     *
     * @param streamId {@code 0..65535}
     * @param unordered whether it was sent unordered
     * @param droppedBytes how much of it had arrived when it was dropped
     * @param maxMessageSize the limit it exceeded
     */
    record MessageTooLarge(int streamId, boolean unordered, long droppedBytes, int maxMessageSize)
            implements ReassemblyEvent {}
}
