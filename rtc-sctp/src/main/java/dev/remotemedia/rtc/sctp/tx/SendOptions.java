package dev.remotemedia.rtc.sctp.tx;

/**
 * How one message is sent: ordered or not, and its partial reliability (RFC 3758; RFC 8831 §6.1:
 * a data channel's {@code maxRetransmits} or {@code maxPacketLifeTime}).
 *
 * @param unordered deliver without regard to order (the U bit); such messages get no SSN
 * @param maxRetransmits how many times a chunk of it may be retransmitted before the message is
 *     abandoned, {@code >= 0}; {@link #UNLIMITED_RETRANSMITS} for a reliable message
 * @param lifetimeNanos how long after {@link SendQueue#add} the message may still be sent or
 *     retransmitted, {@code >= 0}; {@link #UNLIMITED_LIFETIME} for no limit. A lifetime of 0
 *     still sends it once if it is sent at once.
 */
public record SendOptions(boolean unordered, int maxRetransmits, long lifetimeNanos) {

    /** A {@link #maxRetransmits} that never gives up. */
    public static final int UNLIMITED_RETRANSMITS = Integer.MAX_VALUE;
    /** A {@link #lifetimeNanos} that never expires. */
    public static final long UNLIMITED_LIFETIME = Long.MAX_VALUE;

    private static final SendOptions RELIABLE_ORDERED =
            new SendOptions(false, UNLIMITED_RETRANSMITS, UNLIMITED_LIFETIME);
    private static final SendOptions RELIABLE_UNORDERED =
            new SendOptions(true, UNLIMITED_RETRANSMITS, UNLIMITED_LIFETIME);

    public SendOptions {
        if (maxRetransmits < 0) {
            throw new IllegalArgumentException("maxRetransmits: " + maxRetransmits + " (expected: >= 0)");
        }
        if (lifetimeNanos < 0) {
            throw new IllegalArgumentException("lifetimeNanos: " + lifetimeNanos + " (expected: >= 0)");
        }
    }

    /** Returns options for a reliable message, ordered or not. */
    public static SendOptions reliable(boolean unordered) {
        return unordered ? RELIABLE_UNORDERED : RELIABLE_ORDERED;
    }

    /** Returns options for a message abandoned after {@code maxRetransmits} retransmissions. */
    public static SendOptions withMaxRetransmits(boolean unordered, int maxRetransmits) {
        return new SendOptions(unordered, maxRetransmits, UNLIMITED_LIFETIME);
    }

    /** Returns options for a message abandoned {@code lifetimeNanos} after it was queued. */
    public static SendOptions withLifetime(boolean unordered, long lifetimeNanos) {
        return new SendOptions(unordered, UNLIMITED_RETRANSMITS, lifetimeNanos);
    }

    /** Returns whether the message may be abandoned (RFC 3758 partial reliability). */
    public boolean isPartiallyReliable() {
        return maxRetransmits != UNLIMITED_RETRANSMITS || lifetimeNanos != UNLIMITED_LIFETIME;
    }
}
