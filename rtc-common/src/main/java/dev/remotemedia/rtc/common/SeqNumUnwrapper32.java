package dev.remotemedia.rtc.common;

/**
 * Turns wrapping 32-bit sequence numbers into {@code long}s that keep counting past 4294967295, so
 * they can be compared, subtracted and used as keys with ordinary arithmetic (like libwebrtc's
 * {@code SeqNumUnwrapper} and dcSCTP's {@code UnwrappedSequenceNumber}).
 *
 * <p>The first value unwraps to itself. Each later value unwraps to the number nearest to the
 * largest one unwrapped so far ({@link SeqNum32#delta}): up to 2^31 − 1 behind it (reordering,
 * late retransmissions) or up to 2^31 − 1 ahead (loss). A value exactly 2^31 away is read as
 * ahead when it is numerically larger than the largest one's wrapped value, as in {@link
 * SeqNum32#isNewer}. A value further behind than that window is read as one from the next cycle,
 * so callers that may see such stale packets must drop them first. Values behind the first one
 * unwrap below it, and can be negative.
 *
 * <p>Not thread-safe: use it from the loop that owns the stream.
 */
public final class SeqNumUnwrapper32 {

    private boolean started;
    private long largest;

    /** Returns {@code value} unwrapped, remembering it if it is the largest so far. */
    public long unwrap(long value) {
        final long unwrapped = peek(value);
        if (!started || unwrapped > largest) {
            largest = unwrapped;
            started = true;
        }
        return unwrapped;
    }

    /** Returns what {@link #unwrap} would return for {@code value}, without changing any state. */
    public long peek(long value) {
        SeqNum32.checkValue(value, "value");
        if (!started) {
            return value;
        }
        return largest + SeqNum32.delta(largest & SeqNum32.MAX_VALUE, value);
    }

    /** Forgets every value, so the next one unwraps to itself again (as after a stream reset). */
    public void reset() {
        started = false;
        largest = 0;
    }

    @Override
    public String toString() {
        return started ? "SeqNumUnwrapper32{largest=" + largest + '}' : "SeqNumUnwrapper32{empty}";
    }
}
