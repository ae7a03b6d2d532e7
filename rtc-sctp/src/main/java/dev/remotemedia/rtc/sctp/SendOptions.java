package dev.remotemedia.rtc.sctp;

/**
 * How {@link SctpSocket#send} delivers one message: ordered or not, and whether it may be given up
 * (partial reliability, <a href="https://www.rfc-editor.org/rfc/rfc3758">RFC 3758</a>). A message
 * with a limit that is reached before the peer acknowledges it is abandoned and skipped with a
 * FORWARD TSN; it is never delivered twice, and never out of order on an ordered stream.
 *
 * <p>Partial reliability needs the peer to support FORWARD TSN; without it every message is sent
 * reliably.
 *
 * @param unordered whether the peer may deliver it before earlier messages of its stream
 * @param maxRetransmits how many times it may be retransmitted, {@code >= 0}; or {@link
 *     #NO_LIMIT}. Zero means "send once": lost is lost
 * @param lifetimeMillis how long after {@code send} it may still be sent or retransmitted, {@code
 *     >= 0}; or {@link #NO_LIMIT}. It is measured from the call, so it includes queueing time
 */
public record SendOptions(boolean unordered, int maxRetransmits, long lifetimeMillis) {

    /** The value of {@code maxRetransmits} or {@code lifetimeMillis} that sets no limit. */
    public static final int NO_LIMIT = -1;

    /** Ordered and reliable: what a data channel created with the defaults uses. */
    public static final SendOptions DEFAULT = new SendOptions(false, NO_LIMIT, NO_LIMIT);

    public SendOptions {
        if (maxRetransmits < NO_LIMIT) {
            throw new IllegalArgumentException(
                    "maxRetransmits: " + maxRetransmits + " (expected: >= 0, or -1 for no limit)");
        }
        if (lifetimeMillis < NO_LIMIT) {
            throw new IllegalArgumentException(
                    "lifetimeMillis: " + lifetimeMillis + " (expected: >= 0, or -1 for no limit)");
        }
    }

    /** Returns reliable options, ordered or not. */
    public static SendOptions reliable(boolean unordered) {
        return new SendOptions(unordered, NO_LIMIT, NO_LIMIT);
    }

    /** Returns these options with {@code unordered}. */
    public SendOptions withUnordered(boolean unordered) {
        return new SendOptions(unordered, maxRetransmits, lifetimeMillis);
    }

    /** Returns these options with {@code maxRetransmits} ({@link #NO_LIMIT} removes the limit). */
    public SendOptions withMaxRetransmits(int maxRetransmits) {
        return new SendOptions(unordered, maxRetransmits, lifetimeMillis);
    }

    /** Returns these options with {@code lifetimeMillis} ({@link #NO_LIMIT} removes the limit). */
    public SendOptions withLifetimeMillis(long lifetimeMillis) {
        return new SendOptions(unordered, maxRetransmits, lifetimeMillis);
    }

    /** Returns whether the message is never given up. */
    public boolean isReliable() {
        return maxRetransmits == NO_LIMIT && lifetimeMillis == NO_LIMIT;
    }
}
