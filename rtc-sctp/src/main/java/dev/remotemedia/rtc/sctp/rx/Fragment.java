package dev.remotemedia.rtc.sctp.rx;

import java.util.List;

/** A fragment held for reassembly: an owned copy of its payload and an unwrapped TSN. */
final class Fragment {

    final long tsn;
    final int streamId;
    final int ssn;
    final long ppid;
    final byte[] data;
    final boolean beginning;
    final boolean ending;
    final boolean unordered;

    Fragment(long tsn, DataFragment source) {
        this.tsn = tsn;
        streamId = source.streamId();
        ssn = source.ssn();
        ppid = source.ppid();
        data = source.payload().copyToArray();
        beginning = source.beginning();
        ending = source.ending();
        unordered = source.unordered();
    }

    boolean isWholeMessage() {
        return beginning && ending;
    }

    ReassemblyEvent.MessageReady toMessage() {
        return new ReassemblyEvent.MessageReady(streamId, ppid, data, unordered);
    }

    /** Concatenates fragments {@code [from, to)} of {@code fragments}, in order, into a message. */
    static ReassemblyEvent.MessageReady assemble(List<Fragment> fragments, int from, int to) {
        final Fragment first = fragments.get(from);
        if (to - from == 1) {
            return first.toMessage();
        }
        int size = 0;
        for (int i = from; i < to; i++) {
            size += fragments.get(i).data.length;
        }
        final byte[] payload = new byte[size];
        int pos = 0;
        for (int i = from; i < to; i++) {
            final byte[] data = fragments.get(i).data;
            System.arraycopy(data, 0, payload, pos, data.length);
            pos += data.length;
        }
        return new ReassemblyEvent.MessageReady(first.streamId, first.ppid, payload, first.unordered);
    }
}
