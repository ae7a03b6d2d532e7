package dev.remotemedia.rtc.transport.srtp;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Arrays;

/**
 * Crypto contexts by SSRC: open addressing on a primitive {@code int[]}, so that the per-packet
 * lookup boxes nothing (a {@code HashMap<Integer, …>} would allocate for most SSRCs).
 */
final class SsrcMap<V> {

    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    @Nullable V get(int ssrc) {
        final int mask = keys.length - 1;
        for (int i = slot(ssrc, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == ssrc) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Adds a context for an SSRC that {@link #get} did not find. */
    void put(int ssrc, V value) {
        if ((size + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        insert(keys, values, ssrc, value);
        size++;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void resize(int capacity) {
        final int[] newKeys = new int[capacity];
        final Object[] newValues = new Object[capacity];
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                insert(newKeys, newValues, keys[i], values[i]);
            }
        }
        keys = newKeys;
        values = newValues;
    }

    private static void insert(int[] keys, Object[] values, int ssrc, Object value) {
        final int mask = keys.length - 1;
        int i = slot(ssrc, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = ssrc;
        values[i] = value;
    }

    private static int slot(int ssrc, int mask) {
        final int h = ssrc * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
