package dev.remotemedia.rtc.rtp.video;

import java.util.Arrays;

/**
 * A byte array that grows as a frame is reassembled, refusing to grow past a limit so hostile
 * payloads cannot make a receiver allocate without bound.
 */
final class FrameWriter {

    private final int limit;
    private byte[] bytes;
    private int size;

    FrameWriter(int limit) {
        this.limit = limit;
        bytes = new byte[Math.min(limit, 1024)];
    }

    /** Appends {@code buf[off .. off + len)}; returns false, writing nothing, past the limit. */
    boolean write(byte[] buf, int off, int len) {
        if (!ensure(len)) {
            return false;
        }
        System.arraycopy(buf, off, bytes, size, len);
        size += len;
        return true;
    }

    /** Appends one byte; returns false past the limit. */
    boolean write(int value) {
        if (!ensure(1)) {
            return false;
        }
        bytes[size++] = (byte) value;
        return true;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private boolean ensure(int more) {
        if (more > limit - size) {
            return false;
        }
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + more, 2L * bytes.length)));
        }
        return true;
    }
}
