package dev.remotemedia.rtc.transport.ice;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Where a local candidate's datagrams go out: a {@link MuxEndpoint} or a {@link TurnRelay}. */
interface CandidateSocket {

    /** Sends one datagram to {@code to}; thread-safe. */
    void send(InetSocketAddress to, byte[] buf, int off, int len) throws IOException;

    /** The selected pair uses {@code remote}: route what comes from it here for good. */
    void select(InetSocketAddress remote);
}
