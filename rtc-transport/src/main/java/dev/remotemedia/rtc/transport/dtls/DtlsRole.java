package dev.remotemedia.rtc.transport.dtls;

import static java.util.Objects.requireNonNull;

/**
 * Which end of the DTLS handshake this endpoint plays, decided by SDP {@code a=setup}
 * (<a href="https://www.rfc-editor.org/rfc/rfc5763#section-5">RFC 5763 §5</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc8842#section-5">RFC 8842 §5</a>): the {@code active}
 * side sends the ClientHello, the {@code passive} side answers it.
 */
public enum DtlsRole {
    /** Sends the ClientHello; SDP {@code a=setup:active}. */
    CLIENT("active"),
    /** Waits for the ClientHello; SDP {@code a=setup:passive}. */
    SERVER("passive");

    private final String setupValue;

    DtlsRole(String setupValue) {
        this.setupValue = setupValue;
    }

    /** The {@code a=setup} value that announces this role in an answer: {@code active} or {@code passive}. */
    public String setupValue() {
        return setupValue;
    }

    /**
     * The role this endpoint takes when the remote description says {@code a=setup:remoteSetup}:
     * the opposite of {@code active} or {@code passive}; for {@code actpass} (every offer) the
     * answerer picks, and like Chromium it answers {@code active}, so it becomes the client.
     *
     * @throws IllegalArgumentException for {@code holdconn} or anything else, which WebRTC cannot use
     */
    public static DtlsRole fromRemoteSetup(String remoteSetup) {
        requireNonNull(remoteSetup, "remoteSetup");
        switch (remoteSetup) {
            case "active":
                return SERVER;
            case "passive":
            case "actpass":
                return CLIENT;
            default:
                throw new IllegalArgumentException("setup: '" + remoteSetup
                                                   + "' (expected: active, passive or actpass)");
        }
    }
}
