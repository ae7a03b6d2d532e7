package dev.remotemedia.rtc.sctp.tx;

import static java.util.Objects.requireNonNull;

/**
 * The retransmission timeout (RTO) of the association's one path, from RTT samples (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.3.1">RFC 9260 §6.3.1</a>), in integer
 * nanoseconds with RTO.Alpha = 1/8 and RTO.Beta = 1/4.
 *
 * <p>Karn's algorithm (no sample from a retransmitted chunk) is the caller's part: {@link
 * RetransmissionQueue} only samples chunks sent once. As in dcSCTP, the variance term never adds
 * less than {@link SctpOptions#minRttVariance()}, so the RTO stays above SRTT plus the peer's
 * delayed-SACK time even on a steady path; samples above {@link SctpOptions#maxRtt()} are ignored.
 *
 * <p>Not thread-safe: use it from the loop that owns the association.
 */
public final class RetransmissionTimeout {

    private final long minNanos;
    private final long maxNanos;
    private final long maxRttNanos;
    private final long minVarianceTermNanos;
    private final long maxBackoffNanos;
    private long srttNanos;
    private long rttvarNanos;
    private long rtoNanos;
    private boolean measured;

    /** Starts at {@link SctpOptions#rtoInitial()}. */
    public RetransmissionTimeout(SctpOptions options) {
        requireNonNull(options, "options");
        minNanos = options.rtoMin().toNanos();
        maxNanos = options.rtoMax().toNanos();
        maxRttNanos = options.maxRtt().toNanos();
        minVarianceTermNanos = options.minRttVariance().toNanos();
        maxBackoffNanos = Math.min(maxNanos, options.maxTimerBackoff().toNanos());
        rtoNanos = options.rtoInitial().toNanos();
    }

    /** Updates SRTT, RTTVAR and the RTO with an RTT sample (RFC 9260 §6.3.1 C1-C3). */
    public void observeRtt(long rttNanos) {
        if (rttNanos < 0 || rttNanos > maxRttNanos) {
            return;
        }
        if (!measured) {
            srttNanos = rttNanos;
            rttvarNanos = rttNanos / 2;
            measured = true;
        } else {
            // RTTVAR first, from the old SRTT.
            rttvarNanos = (3 * rttvarNanos + Math.abs(srttNanos - rttNanos)) / 4;
            srttNanos = (7 * srttNanos + rttNanos) / 8;
        }
        final long rto = srttNanos + Math.max(4 * rttvarNanos, minVarianceTermNanos);
        rtoNanos = Math.min(Math.max(rto, minNanos), maxNanos);
    }

    /**
     * Doubles the RTO after a T3-rtx expiry (RFC 9260 §6.3.3 E2), up to {@link
     * SctpOptions#maxTimerBackoff()} (and RTO.Max); never lowers it. The next RTT sample recomputes
     * it from SRTT and RTTVAR.
     */
    public void backOff() {
        rtoNanos = Math.max(rtoNanos, Math.min(rtoNanos * 2, maxBackoffNanos));
    }

    /** Returns the current RTO. */
    public long rtoNanos() {
        return rtoNanos;
    }

    /** Returns the smoothed RTT, or 0 before the first sample. */
    public long srttNanos() {
        return srttNanos;
    }

    /** Returns the RTT variation, or 0 before the first sample. */
    public long rttvarNanos() {
        return rttvarNanos;
    }

    /** Returns whether an RTT sample has been taken. */
    public boolean hasMeasurement() {
        return measured;
    }

    @Override
    public String toString() {
        return "RetransmissionTimeout{rtoNanos=" + rtoNanos + ", srttNanos=" + srttNanos
               + ", rttvarNanos=" + rttvarNanos + '}';
    }
}
