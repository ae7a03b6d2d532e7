package dev.remotemedia.rtc.sctp.rx;

import java.util.Arrays;

/**
 * A sorted set of disjoint, non-adjacent ranges of unwrapped TSNs, in two parallel {@code long}
 * arrays so that adding a TSN boxes nothing. Adding near the end (the common case) is O(log n).
 */
final class TsnRanges {

    private long[] firsts = new long[8];
    private long[] lasts = new long[8];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long first(int index) {
        return firsts[index];
    }

    long last(int index) {
        return lasts[index];
    }

    /** Adds {@code tsn}; returns {@code false} if it was already in a range. */
    boolean add(long tsn) {
        final int i = firstRangeEndingAtOrAfter(tsn - 1);
        if (i == size) {
            insert(i, tsn);
            return true;
        }
        if (tsn >= firsts[i] && tsn <= lasts[i]) {
            return false;
        }
        if (lasts[i] + 1 == tsn) {
            if (i + 1 < size && firsts[i + 1] == tsn + 1) {
                lasts[i] = lasts[i + 1];
                removeAt(i + 1);
            } else {
                lasts[i] = tsn;
            }
            return true;
        }
        if (firsts[i] == tsn + 1) {
            firsts[i] = tsn;
            return true;
        }
        insert(i, tsn);
        return true;
    }

    /** Removes every TSN at or below {@code tsn}. */
    void removeTo(long tsn) {
        final int i = firstRangeEndingAtOrAfter(tsn + 1);
        if (i > 0) {
            System.arraycopy(firsts, i, firsts, 0, size - i);
            System.arraycopy(lasts, i, lasts, 0, size - i);
            size -= i;
        }
        if (size > 0 && firsts[0] <= tsn) {
            firsts[0] = tsn + 1;
        }
    }

    void removeFirst() {
        removeAt(0);
    }

    /** Returns the index of the first range whose last TSN is {@code >= value}, or {@code size}. */
    private int firstRangeEndingAtOrAfter(long value) {
        if (size > 0 && lasts[size - 1] < value) {
            return size;
        }
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (lasts[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void insert(int index, long tsn) {
        if (size == firsts.length) {
            firsts = Arrays.copyOf(firsts, size * 2);
            lasts = Arrays.copyOf(lasts, size * 2);
        }
        System.arraycopy(firsts, index, firsts, index + 1, size - index);
        System.arraycopy(lasts, index, lasts, index + 1, size - index);
        firsts[index] = tsn;
        lasts[index] = tsn;
        size++;
    }

    private void removeAt(int index) {
        System.arraycopy(firsts, index + 1, firsts, index, size - index - 1);
        System.arraycopy(lasts, index + 1, lasts, index, size - index - 1);
        size--;
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(firsts[i]).append("..").append(lasts[i]);
        }
        return sb.append(']').toString();
    }
}
