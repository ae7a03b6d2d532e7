package dev.remotemedia.rtc.transport.dtls;

import dev.remotemedia.rtc.common.error.RemoteMediaException;

/**
 * What a {@link DtlsTransport} reports. Every method runs on the connection's loop (the executor
 * given to {@link DtlsTransportBuilder#loop}), never on the handshake thread, and may call back
 * into the transport ({@code send}, {@code close}).
 */
public interface DtlsListener {

    /** The handshake succeeded and the peer's certificate matched a signaled fingerprint. */
    void onConnected(DtlsConnectionInfo info);

    /**
     * One decrypted record: an SCTP packet for a data channel. The bytes are only valid during the
     * call (the buffer is reused for the next record); copy what must be kept.
     */
    void onData(byte[] buf, int off, int len);

    /** The peer sent close_notify; nothing more will arrive. Not called for a local {@code close()}. */
    void onClosed();

    /**
     * The handshake or the connection failed, with code {@code CONNECTION_FAILED} and a message
     * that says why (fingerprint mismatch, timeout, the peer's fatal alert). Not called after a
     * local {@code close()}.
     */
    void onFailed(RemoteMediaException error);
}
