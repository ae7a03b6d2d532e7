package dev.remotemedia.rtc.sctp.rx;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reassembly of the unordered messages of one stream: a message leaves as soon as it is complete.
 * Unordered fragments carry no usable SSN, so a message is a run of consecutive TSNs from a B
 * fragment to an E fragment (RFC 9260 §6.9). Whole single-chunk messages bypass the map; the
 * fragments of larger ones wait in a {@code TreeMap<Long, ...>} keyed by unwrapped TSN.
 *
 * <p>Completeness is only looked for when it is possible (the new fragment is an E or has a stored
 * successor), so in-order arrival costs O(1) per fragment plus one walk per message.
 */
final class UnorderedStream {

    private static final long NONE = Long.MIN_VALUE;

    private final ReassemblyQueue queue;
    private final int streamId;
    private final TreeMap<Long, Fragment> fragments = new TreeMap<>();
    private long bytes;
    /** The last TSN dropped of a too-large message whose E fragment has not arrived yet. */
    private long discardAfter = NONE;

    UnorderedStream(ReassemblyQueue queue, int streamId) {
        this.queue = queue;
        this.streamId = streamId;
    }

    void add(Fragment fragment) {
        if (discardAfter != NONE && fragment.tsn == discardAfter + 1) {
            if (!fragment.beginning) {
                discardAfter = fragment.ending ? NONE : fragment.tsn;
                discardFollowers();
                return;
            }
            discardAfter = NONE;
        }
        if (fragment.isWholeMessage()) {
            queue.deliver(fragment.toMessage());
            return;
        }
        if (fragments.putIfAbsent(fragment.tsn, fragment) != null) {
            return;
        }
        bytes += fragment.data.length;
        queue.hold(fragment.data.length);
        if (!tryAssemble(fragment) && bytes > queue.maxMessageSize()) {
            dropIfTooLarge(fragment);
        }
    }

    /** Drops every fragment at or below {@code tsn} (RFC 3758 §3.6). */
    void skipTo(long tsn) {
        final NavigableMap<Long, Fragment> skipped = fragments.headMap(tsn, true);
        long freed = 0;
        for (Fragment fragment : skipped.values()) {
            freed += fragment.data.length;
        }
        skipped.clear();
        release(freed);
        if (discardAfter != NONE && discardAfter < tsn) {
            discardAfter = NONE;
        }
    }

    private boolean tryAssemble(Fragment fragment) {
        Fragment last = fragment;
        if (!fragment.ending) {
            Fragment next;
            while (!last.ending && (next = fragments.get(last.tsn + 1)) != null && !next.beginning) {
                last = next;
            }
            if (!last.ending) {
                return false;
            }
        }
        final Fragment first = findBeginning(fragment);
        if (first == null) {
            return false;
        }
        final NavigableMap<Long, Fragment> run = fragments.subMap(first.tsn, true, last.tsn, true);
        final List<Fragment> parts = new ArrayList<>(run.values());
        run.clear();
        long size = 0;
        for (Fragment part : parts) {
            size += part.data.length;
        }
        release(size);
        if (size > queue.maxMessageSize()) {
            queue.emit(new ReassemblyEvent.MessageTooLarge(streamId, true, size, queue.maxMessageSize()));
        } else {
            queue.deliver(Fragment.assemble(parts, 0, parts.size()));
        }
        return true;
    }

    /** Drops the message {@code fragment} belongs to if what arrived of it already exceeds the limit. */
    private void dropIfTooLarge(Fragment fragment) {
        final Fragment first = findBeginning(fragment);
        if (first == null) {
            return;
        }
        long size = 0;
        Fragment last = first;
        for (Fragment next = first; ; ) {
            size += next.data.length;
            last = next;
            next = next.ending ? null : fragments.get(next.tsn + 1);
            if (next == null || next.beginning) {
                break;
            }
        }
        if (size <= queue.maxMessageSize()) {
            return;
        }
        fragments.subMap(first.tsn, true, last.tsn, true).clear();
        release(size);
        queue.emit(new ReassemblyEvent.MessageTooLarge(streamId, true, size, queue.maxMessageSize()));
        discardAfter = fragments.containsKey(last.tsn + 1) ? NONE : last.tsn;
    }

    /** Walks down from {@code fragment} over consecutive TSNs to a B fragment, or returns null. */
    private Fragment findBeginning(Fragment fragment) {
        Fragment first = fragment;
        Fragment previous;
        while (!first.beginning && (previous = fragments.get(first.tsn - 1)) != null && !previous.ending) {
            first = previous;
        }
        return first.beginning ? first : null;
    }

    /** Drops stored fragments that continue a message being discarded. */
    private void discardFollowers() {
        Fragment next;
        while (discardAfter != NONE && (next = fragments.get(discardAfter + 1)) != null) {
            if (next.beginning) {
                discardAfter = NONE;
                return;
            }
            fragments.remove(next.tsn);
            release(next.data.length);
            discardAfter = next.ending ? NONE : next.tsn;
        }
    }

    private void release(long freed) {
        bytes -= freed;
        queue.release(freed);
    }
}
