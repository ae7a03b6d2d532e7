package dev.remotemedia.rtc.transport.ice;

import java.util.Locale;

/**
 * The state of an {@link IceTransport}, named as W3C's
 * <a href="https://www.w3.org/TR/webrtc/#rtcicetransportstate">RTCIceTransportState</a>.
 */
public enum IceTransportState {
    /** Gathering, or waiting for the remote credentials; no check has been sent. */
    NEW,
    /** Connectivity checks are running and no pair has been selected yet. */
    CHECKING,
    /** A pair is selected and datagrams flow; checks may still run or candidates still arrive. */
    CONNECTED,
    /**
     * Connected, checks have finished and the remote side has signalled the end of its
     * candidates.
     */
    COMPLETED,
    /** Connected before, but consent (RFC 7675) has not been refreshed for a while. */
    DISCONNECTED,
    /**
     * No pair could be found before the ICE timeout, or consent expired (RFC 7675 §5.1). Terminal
     * until {@link IceTransport#close()}.
     */
    FAILED,
    /** {@link IceTransport#close()} was called, or its {@link IceUdpMux} was closed. Terminal. */
    CLOSED;

    /** The W3C name: {@code "new"}, {@code "checking"}, … */
    public String w3cName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether datagrams may be sent: a pair is selected and consent has not expired. */
    public boolean canSend() {
        return this == CONNECTED || this == COMPLETED || this == DISCONNECTED;
    }
}
