package dev.remotemedia.pipeline.graph;

import dev.remotemedia.pipeline.data.RuntimeData;

/**
 * The items waiting for one node during a step, each with the input port it arrived on: a growable
 * ring of two parallel arrays, so handing an item to the next node allocates nothing.
 */
final class Inbox {
    /** More than this many items waiting for one node in one step means a node floods the graph. */
    static final int MAX_ITEMS = 1 << 16;

    private RuntimeData[] items = new RuntimeData[4];
    private int[] ports = new int[4];
    private int head;
    private int size;
    private int maxSize;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** Returns false (and adds nothing) when the inbox already holds {@link #MAX_ITEMS}. */
    boolean add(int port, RuntimeData data) {
        if (size == items.length) {
            if (size == MAX_ITEMS) {
                return false;
            }
            grow();
        }
        final int tail = (head + size) & (items.length - 1);
        items[tail] = data;
        ports[tail] = port;
        size++;
        if (size > maxSize) {
            maxSize = size;
        }
        return true;
    }

    /** The port of the oldest item; call before {@link #poll()}. */
    int peekPort() {
        return ports[head];
    }

    RuntimeData poll() {
        final RuntimeData data = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return data;
    }

    void clear() {
        while (size > 0) {
            poll();
        }
    }

    private void grow() {
        final int n = items.length;
        final RuntimeData[] newItems = new RuntimeData[n * 2];
        final int[] newPorts = new int[n * 2];
        for (int i = 0; i < size; i++) {
            newItems[i] = items[(head + i) & (n - 1)];
            newPorts[i] = ports[(head + i) & (n - 1)];
        }
        items = newItems;
        ports = newPorts;
        head = 0;
    }
}
