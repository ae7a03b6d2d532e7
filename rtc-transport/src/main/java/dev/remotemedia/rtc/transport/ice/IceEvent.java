package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

/**
 * What an {@link IceTransport} tells its listener, always on the listener's executor and in the
 * order the transport saw it happen.
 */
public sealed interface IceEvent {

    /**
     * A local candidate to send to the remote side (trickle ICE, RFC 8838), as the value of an SDP
     * {@code a=candidate} attribute without the {@code a=}: {@code "candidate:1 1 udp 2130706431
     * 192.0.2.2 10000 typ host"}, which is also what W3C's {@code RTCIceCandidate.candidate} holds.
     */
    record LocalCandidate(String candidate) implements IceEvent {
        public LocalCandidate {
            requireNonNull(candidate, "candidate");
        }
    }

    /**
     * Every local candidate has been signalled (end-of-candidates, RFC 8838 §4.5): send the
     * remote side an {@code a=end-of-candidates} (W3C: a null candidate).
     */
    record GatheringComplete() implements IceEvent {}

    /**
     * A STUN or TURN server could not give a candidate, as W3C's
     * <a href="https://www.w3.org/TR/webrtc/#rtcpeerconnectioniceerrorevent">RTCPeerConnectionIceErrorEvent</a>:
     * gathering goes on without it.
     *
     * @param url the server's URI as configured
     * @param errorCode the STUN error code the server answered (401 for rejected credentials, 486,
     *     …), or 701 when it did not answer in time
     * @param errorText what went wrong, never a credential
     */
    record CandidateError(String url, int errorCode, String errorText) implements IceEvent {
        public CandidateError {
            requireNonNull(url, "url");
            requireNonNull(errorText, "errorText");
        }
    }

    /** The transport changed state. */
    record StateChanged(IceTransportState state) implements IceEvent {
        public StateChanged {
            requireNonNull(state, "state");
        }
    }
}
