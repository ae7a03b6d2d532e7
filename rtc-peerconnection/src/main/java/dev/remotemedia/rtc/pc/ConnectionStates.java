package dev.remotemedia.rtc.pc;

import java.util.Collection;

/**
 * The aggregate states of a peer connection computed from its transports' states, as W3C WebRTC
 * §4.3.3 (RTCPeerConnectionState) and §4.3.4 (RTCIceConnectionState) define them. With BUNDLE a
 * connection has one ICE and one DTLS transport, but the rules are written for any number.
 */
final class ConnectionStates {
    private ConnectionStates() {}

    /** W3C §4.3.4, in the order the table gives its rows. */
    static RTCIceConnectionState iceConnectionState(boolean closed, Collection<RTCIceTransportState> ice) {
        if (closed) {
            return RTCIceConnectionState.CLOSED;
        }
        if (ice.contains(RTCIceTransportState.FAILED)) {
            return RTCIceConnectionState.FAILED;
        }
        if (ice.contains(RTCIceTransportState.DISCONNECTED)) {
            return RTCIceConnectionState.DISCONNECTED;
        }
        if (allIn(ice, RTCIceTransportState.NEW, RTCIceTransportState.CLOSED)) {
            return RTCIceConnectionState.NEW;
        }
        if (ice.contains(RTCIceTransportState.NEW) || ice.contains(RTCIceTransportState.CHECKING)) {
            return RTCIceConnectionState.CHECKING;
        }
        if (allIn(ice, RTCIceTransportState.COMPLETED, RTCIceTransportState.CLOSED)) {
            return RTCIceConnectionState.COMPLETED;
        }
        return RTCIceConnectionState.CONNECTED;
    }

    /** W3C §4.3.3: the ICE and DTLS transports together. */
    static RTCPeerConnectionState connectionState(boolean closed, Collection<RTCIceTransportState> ice,
                                                  Collection<RTCDtlsTransportState> dtls) {
        if (closed) {
            return RTCPeerConnectionState.CLOSED;
        }
        if (ice.contains(RTCIceTransportState.FAILED) || dtls.contains(RTCDtlsTransportState.FAILED)) {
            return RTCPeerConnectionState.FAILED;
        }
        if (ice.contains(RTCIceTransportState.DISCONNECTED)) {
            return RTCPeerConnectionState.DISCONNECTED;
        }
        if (allIn(ice, RTCIceTransportState.NEW, RTCIceTransportState.CLOSED)
            && allIn(dtls, RTCDtlsTransportState.NEW, RTCDtlsTransportState.CLOSED)) {
            return RTCPeerConnectionState.NEW;
        }
        if (ice.contains(RTCIceTransportState.NEW) || ice.contains(RTCIceTransportState.CHECKING)
            || dtls.contains(RTCDtlsTransportState.NEW) || dtls.contains(RTCDtlsTransportState.CONNECTING)) {
            return RTCPeerConnectionState.CONNECTING;
        }
        return RTCPeerConnectionState.CONNECTED;
    }

    @SafeVarargs
    private static <E> boolean allIn(Collection<E> states, E... allowed) {
        outer:
        for (E state : states) {
            for (E ok : allowed) {
                if (state == ok) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }
}
