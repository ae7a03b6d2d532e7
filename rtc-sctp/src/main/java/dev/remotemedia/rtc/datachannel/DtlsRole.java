package dev.remotemedia.rtc.datachannel;

/**
 * This side's DTLS role, which decides the stream ids of the data channels it opens in-band (<a
 * href="https://www.rfc-editor.org/rfc/rfc8832#section-6">RFC 8832 §6</a>): the DTLS client uses
 * even ids and the server odd ones, so both can open channels at once without colliding.
 */
public enum DtlsRole {
    /** The DTLS client ({@code a=setup:active}): even stream ids. */
    CLIENT,
    /** The DTLS server ({@code a=setup:passive}): odd stream ids. */
    SERVER;

    /** Returns the first stream id this role allocates: 0 for the client, 1 for the server. */
    public int firstStreamId() {
        return this == CLIENT ? 0 : 1;
    }

    /** Returns whether this role allocates {@code streamId}. */
    public boolean owns(int streamId) {
        return (streamId & 1) == firstStreamId();
    }
}
