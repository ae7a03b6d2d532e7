package dev.remotemedia.rtc.sctp.rx;

import java.util.ArrayList;

/**
 * The fragments received so far of one ordered message (one stream, one SSN), sorted by TSN.
 * Fragments usually arrive in order, so adding one is an append.
 */
final class PartialMessage {

    private final ArrayList<Fragment> fragments = new ArrayList<>(4);
    private long bytes;
    private boolean dropped;

    /** Adds {@code fragment}; returns {@code false} if its TSN is already here or the message was dropped. */
    boolean add(Fragment fragment) {
        if (dropped) {
            return false;
        }
        final int n = fragments.size();
        if (n == 0 || fragments.get(n - 1).tsn < fragment.tsn) {
            fragments.add(fragment);
        } else {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                final int mid = (lo + hi) >>> 1;
                if (fragments.get(mid).tsn < fragment.tsn) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (fragments.get(lo).tsn == fragment.tsn) {
                return false;
            }
            fragments.add(lo, fragment);
        }
        bytes += fragment.data.length;
        return true;
    }

    /** Returns whether the fragments run from a B fragment to an E fragment without a TSN gap. */
    boolean isComplete() {
        final int n = fragments.size();
        if (n == 0) {
            return false;
        }
        final Fragment first = fragments.get(0);
        final Fragment last = fragments.get(n - 1);
        return first.beginning && last.ending && last.tsn - first.tsn == n - 1;
    }

    ReassemblyEvent.MessageReady assemble() {
        return Fragment.assemble(fragments, 0, fragments.size());
    }

    /** Frees every fragment and swallows those still to come; returns the bytes freed. */
    long drop() {
        final long freed = bytes;
        fragments.clear();
        bytes = 0;
        dropped = true;
        return freed;
    }

    long bytes() {
        return bytes;
    }

    boolean isDropped() {
        return dropped;
    }
}
