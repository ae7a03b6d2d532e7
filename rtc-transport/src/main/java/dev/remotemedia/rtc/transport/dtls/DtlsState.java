package dev.remotemedia.rtc.transport.dtls;

/**
 * The life of a {@link DtlsTransport}, named like W3C
 * <a href="https://www.w3.org/TR/webrtc/#rtcdtlstransportstate-enum">{@code RTCDtlsTransportState}</a>
 * so the peer connection can report it as is.
 */
public enum DtlsState {
    /** Built, handshake not started; datagrams that arrive are kept for it. */
    NEW,
    /** The handshake runs. */
    CONNECTING,
    /** The handshake succeeded and the remote certificate matched its fingerprint: data may flow. */
    CONNECTED,
    /** Closed locally, or the peer sent close_notify. */
    CLOSED,
    /** The handshake or the connection failed; the listener got the reason. */
    FAILED
}
