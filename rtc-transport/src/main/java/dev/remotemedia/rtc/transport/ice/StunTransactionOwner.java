package dev.remotemedia.rtc.transport.ice;

import java.net.InetSocketAddress;

/** Who gets the response to a STUN request sent through a {@link MuxSocket}. */
interface StunTransactionOwner {

    /** Takes a response; called on the socket's reader thread, must not block. */
    void onStunResponse(byte[] data, InetSocketAddress from);

    /** Whether responses are still wanted. */
    boolean isClosed();
}
