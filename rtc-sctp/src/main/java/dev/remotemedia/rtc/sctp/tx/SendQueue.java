package dev.remotemedia.rtc.sctp.tx;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.EventQueue;
import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Outgoing messages per stream, waiting to be cut into DATA chunks (RFC 9260 §6.9). Streams take
 * turns message by message (round robin): without I-DATA the fragments of one message must have
 * consecutive TSNs, so a started message is finished before another stream's turn. Ordered
 * messages get the stream's next SSN when their first fragment leaves; unordered ones get none.
 *
 * <p>Payloads are not copied: {@link #add} takes ownership of the array, and each chunk's payload
 * is a view into it.
 *
 * <p><b>Buffered amount</b>: bytes queued and not yet handed out, per stream and in total, as
 * {@code RTCDataChannel.bufferedAmount}. A {@link SendQueueEvent.BufferedAmountLow} is reported when
 * a stream's amount falls from above its low threshold to at or below it.
 *
 * <p><b>Partial reliability</b>: a message whose lifetime ends before its first fragment leaves is
 * dropped here ({@link #expiredMessageCount()}); once started, {@link RetransmissionQueue} decides.
 *
 * <p><b>Stream reset</b> (closing a data channel, RFC 8831 §6.7): {@link #prepareResetStream}
 * refuses new messages on the stream but still sends those queued, as the W3C closing procedure
 * asks. Once drained the stream is {@linkplain #hasStreamsReadyToBeReset ready}; {@link
 * #beginResetStreams} holds it while the association's reset request is in flight, then {@link
 * #commitResetStreams} restarts its SSNs at 0 and reopens it, or {@link #rollbackResetStreams}
 * makes it ready again.
 *
 * <p>Not thread-safe: use it from the loop that owns the association.
 */
public final class SendQueue {

    private final int maxMessageSize;
    private final long maxBufferedBytes;
    private final HashMap<Integer, OutgoingStream> streams = new HashMap<>();
    private final ArrayDeque<OutgoingStream> ring = new ArrayDeque<>();
    private final EventQueue<SendQueueEvent> events = EventQueue.unbounded();
    private @Nullable OutgoingStream current;
    private long totalBufferedAmount;
    private long nextMessageId;
    private long expiredMessages;
    /** Streams whose reset state is not NONE: asked for every packet, so kept instead of counted. */
    private int streamsInReset;

    /**
     * @param maxMessageSize the largest message accepted (the peer's {@code max-message-size})
     * @param maxBufferedBytes the most bytes queued over all streams
     */
    public SendQueue(int maxMessageSize, long maxBufferedBytes) {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: > 0)");
        }
        if (maxBufferedBytes <= 0) {
            throw new IllegalArgumentException("maxBufferedBytes: " + maxBufferedBytes + " (expected: > 0)");
        }
        this.maxMessageSize = maxMessageSize;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /**
     * Queues a message. The queue owns {@code payload} from now on: the caller must not change it.
     *
     * @param nowNanos starts the message's lifetime
     */
    public SendStatus add(long nowNanos, int streamId, long ppid, byte[] payload, SendOptions options) {
        requireNonNull(payload, "payload");
        requireNonNull(options, "options");
        checkStreamId(streamId);
        if (payload.length == 0) {
            return SendStatus.MESSAGE_EMPTY;
        }
        if (payload.length > maxMessageSize) {
            return SendStatus.MESSAGE_TOO_LARGE;
        }
        if (totalBufferedAmount + payload.length > maxBufferedBytes) {
            return SendStatus.BUFFER_FULL;
        }
        final OutgoingStream stream = stream(streamId);
        if (stream.resetState != OutgoingStream.ResetState.NONE) {
            return SendStatus.STREAM_RESETTING;
        }
        final long lifetime = options.lifetimeNanos();
        final long expiresAt = lifetime == SendOptions.UNLIMITED_LIFETIME || nowNanos > Long.MAX_VALUE - lifetime
                               ? Long.MAX_VALUE : nowNanos + lifetime;
        stream.messages.addLast(new OutgoingStream.Message(nextMessageId++, ppid, payload, options, expiresAt));
        stream.bufferedAmount += payload.length;
        totalBufferedAmount += payload.length;
        schedule(stream);
        return SendStatus.SUCCESS;
    }

    /**
     * Returns the next chunk to send, carrying at most {@code maxPayloadBytes} of its message, or
     * {@code null} when nothing is queued that may be sent.
     */
    public @Nullable OutgoingChunk produce(long nowNanos, int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            return null;
        }
        while (true) {
            final OutgoingStream stream = current != null ? current : nextScheduled();
            if (stream == null) {
                return null;
            }
            final OutgoingStream.Message message = stream.messages.peekFirst();
            if (message == null) {
                current = null;
                continue;
            }
            if (message.offset == 0 && nowNanos > message.expiresAtNanos) {
                // Never started, and too late to start: drop it whole (RFC 3758 §3.5 A1).
                stream.messages.removeFirst();
                expiredMessages++;
                decreaseBuffered(stream, message.payload.length);
                reschedule(stream);
                continue;
            }
            if (message.ssn < 0) {
                if (message.unordered) {
                    message.ssn = 0;
                } else {
                    message.ssn = stream.nextSsn;
                    stream.nextSsn = (stream.nextSsn + 1) & 0xFFFF;
                }
            }
            final int length = Math.min(maxPayloadBytes, message.remaining());
            final boolean beginning = message.offset == 0;
            final ByteView payload = ByteView.of(message.payload, message.offset, length);
            message.offset += length;
            final boolean ending = message.remaining() == 0;
            if (ending) {
                stream.messages.removeFirst();
                reschedule(stream);
            } else {
                current = stream;
            }
            decreaseBuffered(stream, length);
            return new OutgoingChunk(message.id, stream.streamId, message.ssn, message.ppid, payload,
                                     beginning, ending, message.unordered, message.maxRetransmits,
                                     message.expiresAtNanos);
        }
    }

    /**
     * Drops the rest of a partly sent message that {@link RetransmissionQueue} abandoned.
     *
     * @return {@code true} if part of it was still queued (the receiver then needs a FORWARD TSN
     *     past a placeholder end, as it never sees the E fragment)
     */
    public boolean discard(int streamId, long messageId) {
        final OutgoingStream stream = streams.get(streamId);
        if (stream == null || stream.messages.isEmpty()) {
            return false;
        }
        final OutgoingStream.Message message = stream.messages.peekFirst();
        if (message.id != messageId || message.offset == 0) {
            return false;
        }
        stream.messages.removeFirst();
        decreaseBuffered(stream, message.remaining());
        if (current == stream) {
            current = null;
        }
        reschedule(stream);
        return true;
    }

    /** Returns whether nothing is queued. */
    public boolean isEmpty() {
        return totalBufferedAmount == 0;
    }

    /** Returns the bytes queued over all streams. */
    public long totalBufferedAmount() {
        return totalBufferedAmount;
    }

    /** Returns the bytes queued on {@code streamId} and not yet handed out. */
    public long bufferedAmount(int streamId) {
        final OutgoingStream stream = streams.get(streamId);
        return stream == null ? 0 : stream.bufferedAmount;
    }

    /** Sets the threshold for {@link SendQueueEvent.BufferedAmountLow} on {@code streamId}. */
    public void setBufferedAmountLowThreshold(int streamId, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
        }
        stream(streamId).lowThreshold = bytes;
    }

    /** Returns the low threshold of {@code streamId} (0 unless set). */
    public long bufferedAmountLowThreshold(int streamId) {
        final OutgoingStream stream = streams.get(streamId);
        return stream == null ? 0 : stream.lowThreshold;
    }

    /** Returns how many messages expired before their first fragment was sent. */
    public long expiredMessageCount() {
        return expiredMessages;
    }

    /** Returns the next event, or {@code null} when there is none. */
    public @Nullable SendQueueEvent pollEvent() {
        return events.poll();
    }

    /** Refuses new messages on {@code streamId} and marks it for reset once drained. */
    public void prepareResetStream(int streamId) {
        final OutgoingStream stream = stream(streamId);
        if (stream.resetState == OutgoingStream.ResetState.NONE) {
            stream.resetState = OutgoingStream.ResetState.DRAINING;
            streamsInReset++;
        }
    }

    /** Returns whether a stream has drained and awaits {@link #beginResetStreams()}. */
    public boolean hasStreamsReadyToBeReset() {
        if (streamsInReset == 0) {
            return false;
        }
        for (OutgoingStream stream : streams.values()) {
            if (stream.isReadyToBeReset()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the drained streams, in ascending order, and holds them for the reset request the
     * association is about to send.
     */
    public List<Integer> beginResetStreams() {
        final List<Integer> ready = new ArrayList<>();
        for (OutgoingStream stream : streams.values()) {
            if (stream.isReadyToBeReset()) {
                stream.resetState = OutgoingStream.ResetState.RESETTING;
                ready.add(stream.streamId);
            }
        }
        ready.sort(null);
        return ready;
    }

    /** The peer performed the reset: the held streams restart at SSN 0 and accept messages again. */
    public void commitResetStreams() {
        for (OutgoingStream stream : streams.values()) {
            if (stream.resetState == OutgoingStream.ResetState.RESETTING) {
                stream.resetState = OutgoingStream.ResetState.NONE;
                stream.nextSsn = 0;
                streamsInReset--;
            }
        }
    }

    /** The reset request failed: the held streams become ready to be reset again. */
    public void rollbackResetStreams() {
        for (OutgoingStream stream : streams.values()) {
            if (stream.resetState == OutgoingStream.ResetState.RESETTING) {
                stream.resetState = OutgoingStream.ResetState.DRAINING;
            }
        }
    }

    private OutgoingStream stream(int streamId) {
        return streams.computeIfAbsent(checkStreamId(streamId), OutgoingStream::new);
    }

    private static int checkStreamId(int streamId) {
        if ((streamId & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("streamId: " + streamId + " (expected: 0..65535)");
        }
        return streamId;
    }

    private @Nullable OutgoingStream nextScheduled() {
        final OutgoingStream stream = ring.pollFirst();
        if (stream != null) {
            stream.scheduled = false;
        }
        return stream;
    }

    /** After a message ended or was dropped: the stream goes to the back of the ring if it has more. */
    private void reschedule(OutgoingStream stream) {
        if (current == stream) {
            current = null;
        }
        schedule(stream);
    }

    private void schedule(OutgoingStream stream) {
        if (!stream.scheduled && stream != current && stream.hasSendableData()) {
            stream.scheduled = true;
            ring.addLast(stream);
        }
    }

    private void decreaseBuffered(OutgoingStream stream, long bytes) {
        final long before = stream.bufferedAmount;
        stream.bufferedAmount -= bytes;
        totalBufferedAmount -= bytes;
        if (before > stream.lowThreshold && stream.bufferedAmount <= stream.lowThreshold) {
            events.add(new SendQueueEvent.BufferedAmountLow(stream.streamId));
        }
    }

    @Override
    public String toString() {
        return "SendQueue{totalBufferedAmount=" + totalBufferedAmount + ", streams=" + streams.size()
               + ", scheduled=" + ring.size() + '}';
    }
}
