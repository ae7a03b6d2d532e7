package dev.remotemedia.rtc.transport.ice;

/**
 * Which local candidates a transport may use, as W3C's
 * <a href="https://www.w3.org/TR/webrtc/#rtcicetransportpolicy-enum">RTCIceTransportPolicy</a>.
 */
public enum IceTransportPolicy {
    /** Host, server-reflexive and relayed candidates. */
    ALL,
    /**
     * Only relayed candidates from the configured TURN servers: no host or server-reflexive
     * candidate is signaled or checked, so every datagram goes through a TURN server. Without a
     * TURN server that allocates, gathering ends with no candidate and the transport fails.
     */
    RELAY
}
