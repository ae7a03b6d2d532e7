package dev.remotemedia.rtc.common;

/**
 * Turns wrapping 16-bit sequence numbers into {@code long}s that keep counting past 65535, so
 * they can be compared, subtracted and used as keys with ordinary arithmetic (like libwebrtc's
 * {@code SeqNumUnwrapper} and dcSCTP's {@code UnwrappedSequenceNumber}).
 *
 * <p>The first value unwraps to itself. Each later value unwraps to the number nearest to the
 * largest one unwrapped so far ({@link SeqNum16#delta}): up to 32767 behind it (reordering,
 * late retransmissions) or up to 32767 ahead (loss). A value exactly 32768 away is read as
 * ahead when it is numerically larger than the largest one's wrapped value, as in {@link
 * SeqNum16#isNewer}. A value further behind than that window is read as one from the next cycle,
 * so callers that may see such stale packets must drop them first. Values behind the first one
 * unwrap below it, and can be negative.
 *
 * <p>Not thread-safe: use it from the loop that owns the stream.
 */
public final class SeqNumUnwrapper16 {

    private boolean started;
    private long largest;

    /** Returns {@code value} unwrapped, remembering it if it is the largest so far. */
    public long unwrap(int value) {
        final long unwrapped = peek(value);
        if (!started || unwrapped > largest) {
            largest = unwrapped;
            started = true;
        }
        return unwrapped;
    }

    /** Returns what {@link #unwrap} would return for {@code value}, without changing any state. */
    public long peek(int value) {
        SeqNum16.checkValue(value, "value");
        if (!started) {
            return value;
        }
        return largest + SeqNum16.delta((int) (largest & SeqNum16.MAX_VALUE), value);
    }

    /** Forgets every value, so the next one unwraps to itself again (as after a stream reset). */
    public void reset() {
        started = false;
        largest = 0;
    }

    @Override
    public String toString() {
        return started ? "SeqNumUnwrapper16{largest=" + largest + '}' : "SeqNumUnwrapper16{empty}";
    }
}
