package dev.remotemedia.rtc.pc;

import static dev.remotemedia.rtc.pc.RTCSignalingState.CLOSED;
import static dev.remotemedia.rtc.pc.RTCSignalingState.HAVE_LOCAL_OFFER;
import static dev.remotemedia.rtc.pc.RTCSignalingState.HAVE_LOCAL_PRANSWER;
import static dev.remotemedia.rtc.pc.RTCSignalingState.HAVE_REMOTE_OFFER;
import static dev.remotemedia.rtc.pc.RTCSignalingState.HAVE_REMOTE_PRANSWER;
import static dev.remotemedia.rtc.pc.RTCSignalingState.STABLE;
import static java.util.Objects.requireNonNull;

/**
 * The JSEP signaling state machine (RFC 8829 §3.2, W3C WebRTC §4.4.1.5 "set the session
 * description"): which description may be applied in which state, and the state it leads to.
 * Pure: no I/O, no clock.
 */
final class SignalingStates {
    private SignalingStates() {}

    /**
     * The state after applying a {@code type} description, locally or remotely, in {@code state}.
     *
     * @throws IllegalStateException ({@code InvalidStateError}) if that description may not be
     *         applied in {@code state}
     */
    static RTCSignalingState next(RTCSignalingState state, boolean local, RTCSdpType type) {
        requireNonNull(state, "state");
        requireNonNull(type, "type");
        final RTCSignalingState next = local ? nextLocal(state, type) : nextRemote(state, type);
        if (next == null) {
            throw new InvalidStateError("cannot set a " + (local ? "local " : "remote ")
                                            + type.w3cName() + " in signaling state " + state.w3cName());
        }
        return next;
    }

    private static RTCSignalingState nextLocal(RTCSignalingState state, RTCSdpType type) {
        switch (type) {
            case OFFER:
                return state == STABLE || state == HAVE_LOCAL_OFFER ? HAVE_LOCAL_OFFER : null;
            case PRANSWER:
                return state == HAVE_REMOTE_OFFER || state == HAVE_LOCAL_PRANSWER ? HAVE_LOCAL_PRANSWER : null;
            case ANSWER:
                return state == HAVE_REMOTE_OFFER || state == HAVE_LOCAL_PRANSWER ? STABLE : null;
            case ROLLBACK:
                return rollback(state);
            default:
                throw new AssertionError(type);
        }
    }

    private static RTCSignalingState nextRemote(RTCSignalingState state, RTCSdpType type) {
        switch (type) {
            case OFFER:
                // W3C §4.4.1.5: a remote offer in have-local-offer first rolls the local one back
                // ("perfect negotiation").
                return state == STABLE || state == HAVE_REMOTE_OFFER || state == HAVE_LOCAL_OFFER
                       ? HAVE_REMOTE_OFFER : null;
            case PRANSWER:
                return state == HAVE_LOCAL_OFFER || state == HAVE_REMOTE_PRANSWER ? HAVE_REMOTE_PRANSWER : null;
            case ANSWER:
                return state == HAVE_LOCAL_OFFER || state == HAVE_REMOTE_PRANSWER ? STABLE : null;
            case ROLLBACK:
                return rollback(state);
            default:
                throw new AssertionError(type);
        }
    }

    /** A rollback undoes an offer not yet answered (RFC 8829 §4.1.10.2). */
    private static RTCSignalingState rollback(RTCSignalingState state) {
        return state == HAVE_LOCAL_OFFER || state == HAVE_REMOTE_OFFER ? STABLE : null;
    }

    /** Whether a state is one where the connection is closed and nothing may be applied. */
    static boolean isClosed(RTCSignalingState state) {
        return state == CLOSED;
    }
}
