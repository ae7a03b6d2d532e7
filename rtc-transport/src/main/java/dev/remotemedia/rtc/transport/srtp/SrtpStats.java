package dev.remotemedia.rtc.transport.srtp;

/**
 * Live packet counters of one {@link SrtpSession}, for {@code getStats} and {@code /metrics}.
 * Only the session's thread writes them; any thread may read them (each read sees a recent value,
 * the counters are not a consistent snapshot of each other).
 */
public final class SrtpStats {

    private volatile long rtpProtected;
    private volatile long rtcpProtected;
    private volatile long rtpUnprotected;
    private volatile long rtcpUnprotected;
    private volatile long authFailures;
    private volatile long replays;
    private volatile long malformed;
    private volatile long otherDrops;
    private volatile long protectFailures;

    SrtpStats() {}

    /** RTP packets protected for sending. */
    public long rtpPacketsProtected() {
        return rtpProtected;
    }

    /** RTCP packets protected for sending. */
    public long rtcpPacketsProtected() {
        return rtcpProtected;
    }

    /** SRTP packets received that authenticated and decrypted. */
    public long rtpPacketsUnprotected() {
        return rtpUnprotected;
    }

    /** SRTCP packets received that authenticated and decrypted. */
    public long rtcpPacketsUnprotected() {
        return rtcpUnprotected;
    }

    /** Received packets dropped because their tag did not verify ({@link SrtpError#AUTH_FAILED}). */
    public long authFailures() {
        return authFailures;
    }

    /** Received packets dropped as replays or as too old for the window ({@link SrtpError#REPLAYED}). */
    public long replays() {
        return replays;
    }

    /** Received packets dropped as too short or not version 2 ({@link SrtpError#MALFORMED}). */
    public long malformed() {
        return malformed;
    }

    /** Received packets dropped for any other {@link SrtpError}: stream limit, provider, closed. */
    public long otherDrops() {
        return otherDrops;
    }

    /** Packets the protect methods refused, for any {@link SrtpError}. */
    public long protectFailures() {
        return protectFailures;
    }

    // Single writer (the session's thread): a volatile read-increment-write loses nothing.

    void rtpProtected() {
        rtpProtected++;
    }

    void rtcpProtected() {
        rtcpProtected++;
    }

    void rtpUnprotected() {
        rtpUnprotected++;
    }

    void rtcpUnprotected() {
        rtcpUnprotected++;
    }

    void protectFailed() {
        protectFailures++;
    }

    void dropped(SrtpError error) {
        switch (error) {
            case AUTH_FAILED -> authFailures++;
            case REPLAYED -> replays++;
            case MALFORMED -> malformed++;
            default -> otherDrops++;
        }
    }

    @Override
    public String toString() {
        return "SrtpStats[rtpProtected=" + rtpProtected + ", rtcpProtected=" + rtcpProtected
               + ", rtpUnprotected=" + rtpUnprotected + ", rtcpUnprotected=" + rtcpUnprotected
               + ", authFailures=" + authFailures + ", replays=" + replays + ", malformed=" + malformed
               + ", otherDrops=" + otherDrops + ", protectFailures=" + protectFailures + ']';
    }
}
