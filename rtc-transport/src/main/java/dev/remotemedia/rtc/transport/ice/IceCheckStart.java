package dev.remotemedia.rtc.transport.ice;

/**
 * When an {@link IceTransport} starts ice4j's connectivity checks. Gathering must have run and
 * the remote credentials be known (RFC 8445 §6.1.2), and then there should be something to
 * check: a remote candidate, the remote side's end-of-candidates, or a check from the remote side
 * that ice4j has answered (its peer-reflexive pair, RFC 8445 §7.3.1.3). ice4j's pacer looks for a
 * pair at once when checks start but, finding none, waits a whole pacing interval (Ta) before it
 * looks again; with trickle ICE the answer arrives before its candidates, so starting on the
 * answer alone used to cost that interval. With nothing to check, checks start after one pacing
 * interval anyway.
 *
 * <p>A remote check counts once ice4j has <em>answered</em> it, not when it reaches our socket:
 * it gets to ice4j's agent through two more threads, and checks started before find no pair and
 * skip a beat too (tried: it made Java↔Java setup slower).
 *
 * <p>Sans-I/O: the transport reports what happened and does what {@link #decide} says. Not
 * thread-safe: the transport calls it under its lock.
 */
final class IceCheckStart {

    /** What the transport should do now. */
    enum Decision {
        /** Nothing yet. */
        WAIT,
        /** Nothing to check yet: arm a timer of one pacing interval, then call {@link #pacingIntervalElapsed}. */
        ARM_TIMER,
        /** Start the checks (said once). */
        START
    }

    private boolean ready;
    private boolean somethingToCheck;
    private boolean timerArmed;
    private boolean started;

    /** Gathering has run and the remote credentials are known. */
    void prerequisitesMet() {
        ready = true;
    }

    void remoteCandidateAdded() {
        somethingToCheck = true;
    }

    void remoteEndOfCandidates() {
        somethingToCheck = true;
    }

    void remoteCheckAnswered() {
        somethingToCheck = true;
    }

    void pacingIntervalElapsed() {
        somethingToCheck = true;
    }

    boolean started() {
        return started;
    }

    Decision decide() {
        if (started || !ready) {
            return Decision.WAIT;
        }
        if (somethingToCheck) {
            started = true;
            return Decision.START;
        }
        if (!timerArmed) {
            timerArmed = true;
            return Decision.ARM_TIMER;
        }
        return Decision.WAIT;
    }
}
