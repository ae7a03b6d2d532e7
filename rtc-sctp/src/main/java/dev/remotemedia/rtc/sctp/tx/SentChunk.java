package dev.remotemedia.rtc.sctp.tx;

/** One DATA chunk in {@link OutstandingData}: what it carries and where it stands. */
final class SentChunk {

    enum AckState {
        /** In flight: counted in the flight size. */
        UNACKED,
        /** Acknowledged (cumulatively or by a gap ack block), or never to be sent. */
        ACKED,
        /** Reported missing at least once; no longer counted in flight. */
        NACKED
    }

    enum Lifecycle { ACTIVE, TO_BE_RETRANSMITTED, ABANDONED }

    final OutgoingChunk chunk;
    final int size;
    final long sentNanos;
    final int maxRetransmits;
    final long expiresAtNanos;
    AckState ack = AckState.UNACKED;
    Lifecycle lifecycle = Lifecycle.ACTIVE;
    int nacks;
    int retransmissions;

    SentChunk(OutgoingChunk chunk, long sentNanos, int maxRetransmits, long expiresAtNanos) {
        this.chunk = chunk;
        size = chunk.serializedSize();
        this.sentNanos = sentNanos;
        this.maxRetransmits = maxRetransmits;
        this.expiresAtNanos = expiresAtNanos;
    }

    boolean isPartiallyReliable() {
        return maxRetransmits != SendOptions.UNLIMITED_RETRANSMITS || expiresAtNanos != Long.MAX_VALUE;
    }

    /** Puts it back in flight as it is sent again. */
    void markRetransmitted() {
        lifecycle = Lifecycle.ACTIVE;
        ack = AckState.UNACKED;
        nacks = 0;
        retransmissions++;
    }

    String describe() {
        return lifecycle == Lifecycle.ABANDONED ? "abandoned"
               : lifecycle == Lifecycle.TO_BE_RETRANSMITTED ? "to-be-retransmitted"
               : ack == AckState.ACKED ? "acked"
               : ack == AckState.NACKED ? "nacked" : "in-flight";
    }
}
