package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;

/**
 * Derives the W3C {@link IceTransportState} from what ice4j reports and from the deadlines ice4j
 * does not keep: the ICE timeout, and consent expiry (RFC 7675). Sans-I/O: it is told the time
 * and asked for its next deadline. Every method returns the new state when it changed, else
 * {@code null}. Not thread-safe: {@link IceTransport} calls it under its lock.
 *
 * <ul>
 *   <li>{@code new} → {@code checking} when checks start;
 *   <li>→ {@code failed} when no pair is selected within the ICE timeout, or ice4j fails;
 *   <li>→ {@code connected} when a pair is valid (a check on it was answered), or when ice4j
 *       selects (nominates) one: RFC 8445 §12 lets an agent send data on a valid pair before
 *       nomination, so DTLS need not wait for it;
 *   <li>→ {@code failed} when ice4j gives up after a pair was valid but before one was selected;
 *   <li>{@code connected} → {@code completed} once ice4j has stopped checking and the remote side
 *       has signalled end-of-candidates;
 *   <li>→ {@code disconnected} after {@code disconnectedAfter} without a consent response, back
 *       when one comes, → {@code failed} after {@code consentTimeout} (RFC 7675 §5.1);
 *   <li>anything → {@code closed}.
 * </ul>
 */
final class IceStateMachine {

    private final long iceTimeoutNanos;
    private final long disconnectedAfterNanos;
    private final long consentTimeoutNanos;

    private IceTransportState state = IceTransportState.NEW;
    private long checksStartedNanos;
    private boolean connected;
    private boolean selected;
    private boolean checksFinished;
    private boolean remoteEndOfCandidates;
    private long lastConsentNanos;

    IceStateMachine(long iceTimeoutNanos, long disconnectedAfterNanos, long consentTimeoutNanos) {
        if (iceTimeoutNanos <= 0 || disconnectedAfterNanos <= 0 || consentTimeoutNanos < disconnectedAfterNanos) {
            throw new IllegalArgumentException("timeouts: ice " + iceTimeoutNanos + ", disconnected after "
                                               + disconnectedAfterNanos + ", consent " + consentTimeoutNanos
                                               + " ns (expected: > 0, consent >= disconnected after)");
        }
        this.iceTimeoutNanos = iceTimeoutNanos;
        this.disconnectedAfterNanos = disconnectedAfterNanos;
        this.consentTimeoutNanos = consentTimeoutNanos;
    }

    IceTransportState state() {
        return state;
    }

    @Nullable IceTransportState onChecksStarted(long nowNanos) {
        if (state != IceTransportState.NEW) {
            return null;
        }
        checksStartedNanos = nowNanos;
        return set(IceTransportState.CHECKING);
    }

    /** A check on a pair was answered: the pair is valid, and data may flow on it. */
    @Nullable IceTransportState onPairValidated(long nowNanos) {
        if (state != IceTransportState.NEW && state != IceTransportState.CHECKING) {
            return null;
        }
        connected = true;
        lastConsentNanos = nowNanos;
        return set(connectedState());
    }

    /** ice4j selected a pair. */
    @Nullable IceTransportState onPairSelected(long nowNanos) {
        if (isTerminal()) {
            return null;
        }
        selected = true;
        if (state != IceTransportState.NEW && state != IceTransportState.CHECKING) {
            return null;
        }
        connected = true;
        lastConsentNanos = nowNanos;
        return set(connectedState());
    }

    /** ice4j stopped checking after selecting a pair (its TERMINATED state). */
    @Nullable IceTransportState onChecksFinished() {
        checksFinished = true;
        return state == IceTransportState.CONNECTED ? set(connectedState()) : null;
    }

    @Nullable IceTransportState onRemoteEndOfCandidates() {
        remoteEndOfCandidates = true;
        return state == IceTransportState.CONNECTED ? set(connectedState()) : null;
    }

    /**
     * ice4j gave up: every pair failed, or (as controlled agent) no pair was nominated in time.
     * After a pair was selected, ice4j never says so.
     */
    @Nullable IceTransportState onAgentFailed() {
        return selected || isTerminal() ? null : set(IceTransportState.FAILED);
    }

    /** A consent check on the selected pair was answered. */
    @Nullable IceTransportState onConsent(long nowNanos) {
        if (!connected || isTerminal()) {
            return null;
        }
        lastConsentNanos = nowNanos;
        return state == IceTransportState.DISCONNECTED ? set(connectedState()) : null;
    }

    @Nullable IceTransportState advanceTime(long nowNanos) {
        if (state == IceTransportState.CHECKING && nowNanos - checksStartedNanos >= iceTimeoutNanos) {
            return set(IceTransportState.FAILED);
        }
        if (connected && !isTerminal()) {
            long silence = nowNanos - lastConsentNanos;
            if (silence >= consentTimeoutNanos) {
                return set(IceTransportState.FAILED);
            }
            if (silence >= disconnectedAfterNanos && state != IceTransportState.DISCONNECTED) {
                return set(IceTransportState.DISCONNECTED);
            }
        }
        return null;
    }

    /** When {@link #advanceTime} may next change the state; {@link Long#MAX_VALUE} for never. */
    long nextDeadlineNanos() {
        return switch (state) {
            case CHECKING -> checksStartedNanos + iceTimeoutNanos;
            case CONNECTED, COMPLETED -> lastConsentNanos + disconnectedAfterNanos;
            case DISCONNECTED -> lastConsentNanos + consentTimeoutNanos;
            default -> Long.MAX_VALUE;
        };
    }

    @Nullable IceTransportState onClose() {
        return state == IceTransportState.CLOSED ? null : set(IceTransportState.CLOSED);
    }

    private boolean isTerminal() {
        return state == IceTransportState.FAILED || state == IceTransportState.CLOSED;
    }

    private IceTransportState connectedState() {
        return checksFinished && remoteEndOfCandidates ? IceTransportState.COMPLETED : IceTransportState.CONNECTED;
    }

    private @Nullable IceTransportState set(IceTransportState next) {
        if (next == state) {
            return null;
        }
        state = next;
        return next;
    }
}
