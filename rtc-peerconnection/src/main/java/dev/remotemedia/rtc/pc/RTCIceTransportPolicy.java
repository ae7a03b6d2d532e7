package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/**
 * Which candidates connections may use (W3C WebRTC §4.2.5, {@code RTCIceTransportPolicy}), set on
 * the {@link PeerConnectionFactory} next to the ICE servers.
 */
public enum RTCIceTransportPolicy {
    /** Host, server-reflexive and relayed candidates (the default). */
    ALL,
    /**
     * Only relayed candidates from the factory's TURN servers: no host or server-reflexive
     * candidate is signaled or used for checks, so every datagram goes through a TURN server, as
     * browsers do with {@code iceTransportPolicy: 'relay'}.
     */
    RELAY;

    /** The W3C name, {@code "all"} or {@code "relay"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCIceTransportPolicy fromW3cName(String name) {
        return W3cNames.parse(RTCIceTransportPolicy.class, name);
    }
}
