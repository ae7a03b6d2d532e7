package dev.remotemedia.rtc.sctp.rx;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.EventQueue;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.common.SeqNumUnwrapper32;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns received DATA fragments into user messages (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.9">RFC 9260 §6.9</a>): ordered streams
 * deliver in SSN order, unordered messages as soon as they are complete. Messages and errors come
 * out of {@link #poll()} in delivery order.
 *
 * <p><b>Bounds.</b> The fragments held count against {@code maxBufferedBytes}, the receive window
 * the association advertises as a_rwnd ({@link #remainingBytes()}). Before handing a chunk to
 * {@link DataTracker#observe} the association asks {@link #admit}: as in dcSCTP, above 90 % of the
 * window only chunks that move the cumulative TSN ack point (and so may complete a message) are
 * accepted; others are {@linkplain Admission#DROP dropped} unacknowledged for the peer to send
 * again. A full window that cannot make progress is {@linkplain Admission#EXHAUSTED exhausted}: the
 * association aborts with an Out of Resource error cause. A message that grows beyond {@code
 * maxMessageSize} is dropped with a {@link ReassemblyEvent.MessageTooLarge} and the stream moves on.
 *
 * <p><b>Stream reset</b> (<a href="https://www.rfc-editor.org/rfc/rfc6525#section-5.2.2">RFC 6525
 * §5.2.2</a>). When an Outgoing SSN Reset Request arrives whose Sender's Last Assigned TSN is
 * still ahead of {@link DataTracker#cumulativeTsnAck()}, the association calls {@link
 * #enterDeferredReset}; later chunks of those streams (and later FORWARD TSNs) wait aside until
 * {@link #resetStreamsAndLeaveDeferredReset} once the ack point has reached that TSN. Otherwise
 * it calls {@code resetStreamsAndLeaveDeferredReset} at once.
 *
 * <p>Not thread-safe: use it from the loop that owns the association.
 */
public final class ReassemblyQueue {

    /** What to do with an arriving DATA chunk; see {@link #admit}. */
    public enum Admission {
        /** Accept: observe its TSN and {@link #add} it. */
        ACCEPT,
        /** Drop it without acknowledging it; the peer sends it again later. */
        DROP,
        /** The receive window is full and cannot drain: abort the association (Out of Resource). */
        EXHAUSTED
    }

    private final long maxBufferedBytes;
    private final long highWatermark;
    private final int maxMessageSize;
    private final SeqNumUnwrapper32 tsns = new SeqNumUnwrapper32();
    private final HashMap<Integer, OrderedStream> ordered = new HashMap<>();
    private final HashMap<Integer, UnorderedStream> unordered = new HashMap<>();
    private final EventQueue<ReassemblyEvent> events = EventQueue.unbounded();
    private long bufferedBytes;
    private @Nullable DeferredReset deferred;

    /**
     * @param peerInitialTsn the Initial TSN from the peer's INIT or INIT ACK
     * @param maxBufferedBytes the receive window, in bytes (at least {@code maxMessageSize} to be
     *     able to receive the largest message)
     * @param maxMessageSize the largest message accepted, in bytes
     */
    public ReassemblyQueue(long peerInitialTsn, long maxBufferedBytes, int maxMessageSize) {
        if (maxBufferedBytes <= 0) {
            throw new IllegalArgumentException("maxBufferedBytes: " + maxBufferedBytes + " (expected: > 0)");
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: > 0)");
        }
        this.maxBufferedBytes = maxBufferedBytes;
        highWatermark = maxBufferedBytes / 10 * 9;
        this.maxMessageSize = maxMessageSize;
        tsns.unwrap(SeqNum32.add(peerInitialTsn, -1));
    }

    /**
     * Decides whether a DATA chunk carrying {@code payloadLength} bytes may be accepted.
     *
     * @param advancesCumulativeTsn {@link DataTracker#willIncreaseCumulativeTsnAck} for its TSN
     */
    public Admission admit(int payloadLength, boolean advancesCumulativeTsn) {
        if (bufferedBytes + payloadLength <= highWatermark) {
            return Admission.ACCEPT;
        }
        if (!advancesCumulativeTsn) {
            return Admission.DROP;
        }
        return bufferedBytes < maxBufferedBytes ? Admission.ACCEPT : Admission.EXHAUSTED;
    }

    /**
     * Adds a fragment whose TSN {@link DataTracker#observe} reported as new; any message it
     * completes becomes available from {@link #poll()}.
     */
    public void add(DataFragment fragment) {
        requireNonNull(fragment, "fragment");
        addFragment(new Fragment(tsns.unwrap(fragment.tsn()), fragment));
    }

    /**
     * Applies a FORWARD TSN that {@link DataTracker#handleForwardTsn} accepted (RFC 3758 §3.6):
     * drops unordered fragments up to its new cumulative TSN and, on each listed ordered stream,
     * the messages up to the listed SSN, then delivers what that unblocks.
     */
    public void handleForwardTsn(ForwardTsn forwardTsn) {
        requireNonNull(forwardTsn, "forwardTsn");
        // Peek: only the TSNs of accepted DATA chunks move the unwrapper, never a peer's claim.
        final long tsn = tsns.peek(forwardTsn.newCumulativeTsn());
        if (deferred != null && tsn > deferred.lastAssignedTsn) {
            deferred.actions.add(forwardTsn);
            return;
        }
        for (UnorderedStream stream : unordered.values()) {
            stream.skipTo(tsn);
        }
        for (ForwardTsn.SkippedStream skipped : forwardTsn.skippedStreams()) {
            orderedStream(skipped.streamId()).skipTo(skipped.ssn());
        }
    }

    /**
     * Holds back, from now on, the fragments of {@code streamIds} with a TSN after {@code
     * senderLastAssignedTsn}, and FORWARD TSNs beyond it (RFC 6525 §5.2.2 E2). Does nothing if a
     * deferred reset is already in progress.
     */
    public void enterDeferredReset(long senderLastAssignedTsn, List<Integer> streamIds) {
        if (deferred == null) {
            deferred = new DeferredReset(tsns.peek(senderLastAssignedTsn), new HashSet<>(streamIds));
        }
    }

    /** Returns whether a deferred stream reset holds fragments back. */
    public boolean isDeferringReset() {
        return deferred != null;
    }

    /**
     * Resets the next expected SSN of {@code streamIds} (all ordered streams when empty) to 0, and
     * processes whatever a deferred reset held back (RFC 6525 §5.2.2 E3).
     */
    public void resetStreamsAndLeaveDeferredReset(List<Integer> streamIds) {
        if (streamIds.isEmpty()) {
            ordered.values().forEach(OrderedStream::reset);
        } else {
            for (int streamId : streamIds) {
                final OrderedStream stream = ordered.get(streamId);
                if (stream != null) {
                    stream.reset();
                }
            }
        }
        final DeferredReset held = deferred;
        if (held != null) {
            deferred = null;
            for (Object action : held.actions) {
                if (action instanceof Fragment fragment) {
                    release(fragment.data.length);
                    addFragment(fragment);
                } else {
                    handleForwardTsn((ForwardTsn) action);
                }
            }
        }
    }

    /** Returns the next message or error, or {@code null} when there is none. */
    public @Nullable ReassemblyEvent poll() {
        return events.poll();
    }

    /** Returns how many bytes of fragments wait for the rest of their message (or a reset). */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Returns the receive window left, to advertise as a_rwnd. */
    public long remainingBytes() {
        return Math.max(0, maxBufferedBytes - bufferedBytes);
    }

    int maxMessageSize() {
        return maxMessageSize;
    }

    void deliver(ReassemblyEvent.MessageReady message) {
        events.add(message);
    }

    void emit(ReassemblyEvent event) {
        events.add(event);
    }

    void hold(long bytes) {
        bufferedBytes += bytes;
    }

    void release(long bytes) {
        bufferedBytes -= bytes;
    }

    private void addFragment(Fragment fragment) {
        if (deferred != null && fragment.tsn > deferred.lastAssignedTsn
            && deferred.streamIds.contains(fragment.streamId)) {
            deferred.actions.add(fragment);
            hold(fragment.data.length);
        } else if (fragment.unordered) {
            unordered.computeIfAbsent(fragment.streamId, id -> new UnorderedStream(this, id)).add(fragment);
        } else {
            orderedStream(fragment.streamId).add(fragment);
        }
    }

    private OrderedStream orderedStream(int streamId) {
        return ordered.computeIfAbsent(streamId, id -> new OrderedStream(this, id));
    }

    private static final class DeferredReset {
        final long lastAssignedTsn;
        final Set<Integer> streamIds;
        final List<Object> actions = new ArrayList<>();

        DeferredReset(long lastAssignedTsn, Set<Integer> streamIds) {
            this.lastAssignedTsn = lastAssignedTsn;
            this.streamIds = streamIds;
        }
    }

    @Override
    public String toString() {
        return "ReassemblyQueue{bufferedBytes=" + bufferedBytes + '/' + maxBufferedBytes
               + ", streams=" + (ordered.size() + unordered.size())
               + (deferred != null ? ", deferring reset" : "") + '}';
    }
}
