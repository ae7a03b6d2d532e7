package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

/**
 * A STUN or TURN server could not give a candidate (W3C WebRTC §4.8.6,
 * {@code RTCPeerConnectionIceErrorEvent}); gathering goes on without it.
 *
 * @param url       the server's URL as configured
 * @param errorCode the STUN error code the server answered (401 when it rejected the credential,
 *                  …), or 701 when it could not be reached
 * @param errorText what went wrong; never the credential
 */
public record RTCPeerConnectionIceErrorEvent(String url, int errorCode, String errorText) {
    public RTCPeerConnectionIceErrorEvent {
        requireNonNull(url, "url");
        requireNonNull(errorText, "errorText");
    }
}
