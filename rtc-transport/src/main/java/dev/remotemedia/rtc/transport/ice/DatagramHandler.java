package dev.remotemedia.rtc.transport.ice;

/**
 * Receives the datagrams an {@link IceTransport} takes in that are not STUN: DTLS records
 * (first byte 20..63) and SRTP/SRTCP packets (128..191), as RFC 7983 tells them apart. Anything
 * else is dropped before it gets here.
 *
 * <p><b>Thread.</b> Called on the reader thread of the {@link IceUdpMux} socket, which reads for
 * every transport on that socket: hand the datagram to the connection's event loop and return;
 * never block here. The array belongs to the handler from the call on (the mux allocates one per
 * datagram and never touches it again), so it may be posted to another thread without a copy.
 */
@FunctionalInterface
public interface DatagramHandler {

    /** Takes one datagram, {@code data[offset .. offset + length)}. */
    void onDatagram(byte[] data, int offset, int length);

    /** A handler that drops every datagram. */
    static DatagramHandler discarding() {
        return (data, offset, length) -> {};
    }
}
