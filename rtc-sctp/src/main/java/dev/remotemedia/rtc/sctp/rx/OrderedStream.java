package dev.remotemedia.rtc.sctp.rx;

import dev.remotemedia.rtc.common.SeqNumUnwrapper16;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reassembly of one ordered stream: messages leave in SSN order (RFC 9260 §6.5, §6.6). The
 * message with the next expected SSN is kept apart from later ones, so in-order traffic never
 * touches the map (a {@code TreeMap<Long, ...>}, which boxes; fine while SSNs run ahead rarely).
 */
final class OrderedStream {

    private final ReassemblyQueue queue;
    private final int streamId;
    private final SeqNumUnwrapper16 ssns = new SeqNumUnwrapper16();
    private final TreeMap<Long, PartialMessage> later = new TreeMap<>();
    private PartialMessage head;
    private long nextSsn;

    OrderedStream(ReassemblyQueue queue, int streamId) {
        this.queue = queue;
        this.streamId = streamId;
        nextSsn = ssns.unwrap(0);
    }

    void add(Fragment fragment) {
        final long ssn = ssns.peek(fragment.ssn);
        if (ssn < nextSsn) {
            // A message already delivered, skipped by FORWARD TSN or dropped as too large.
            return;
        }
        ssns.unwrap(fragment.ssn);
        if (ssn != nextSsn) {
            addTo(later.computeIfAbsent(ssn, unused -> new PartialMessage()), fragment);
            return;
        }
        if (head == null && fragment.isWholeMessage()) {
            queue.deliver(fragment.toMessage());
            nextSsn++;
        } else {
            if (head == null) {
                head = new PartialMessage();
            }
            addTo(head, fragment);
        }
        deliverReady();
    }

    /** Skips every message up to and including {@code ssn} (RFC 3758 §3.6). */
    void skipTo(int ssn) {
        final long unwrapped = ssns.peek(ssn);
        if (unwrapped < nextSsn) {
            return;
        }
        ssns.unwrap(ssn);
        if (head != null) {
            queue.release(head.bytes());
            head = null;
        }
        final NavigableMap<Long, PartialMessage> skipped = later.headMap(unwrapped, true);
        for (PartialMessage message : skipped.values()) {
            queue.release(message.bytes());
        }
        skipped.clear();
        nextSsn = unwrapped + 1;
        deliverReady();
    }

    /** Forgets everything and expects SSN 0 next (RFC 6525 §5.2.2). */
    void reset() {
        if (head != null) {
            queue.release(head.bytes());
            head = null;
        }
        for (PartialMessage message : later.values()) {
            queue.release(message.bytes());
        }
        later.clear();
        ssns.reset();
        nextSsn = ssns.unwrap(0);
    }

    private void addTo(PartialMessage message, Fragment fragment) {
        if (!message.add(fragment)) {
            return;
        }
        queue.hold(fragment.data.length);
        if (message.bytes() > queue.maxMessageSize()) {
            final long dropped = message.drop();
            queue.release(dropped);
            queue.emit(new ReassemblyEvent.MessageTooLarge(streamId, false, dropped, queue.maxMessageSize()));
        }
    }

    private void deliverReady() {
        while (true) {
            if (head == null && !later.isEmpty() && later.firstKey() == nextSsn) {
                final Map.Entry<Long, PartialMessage> first = later.pollFirstEntry();
                head = first.getValue();
            }
            if (head == null) {
                return;
            }
            if (head.isDropped()) {
                head = null;
                nextSsn++;
                continue;
            }
            if (!head.isComplete()) {
                return;
            }
            queue.release(head.bytes());
            queue.deliver(head.assemble());
            head = null;
            nextSsn++;
        }
    }
}
