package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * A TURN server as the mux resolved it from an {@link IceServer}: its URI (for messages), the
 * address, and the long-term credential. {@link #toString()} masks the credential.
 */
record TurnServer(String url, InetSocketAddress address, String username, String credential) {

    TurnServer {
        requireNonNull(url, "url");
        requireNonNull(address, "address");
        requireNonNull(username, "username");
        requireNonNull(credential, "credential");
    }

    @Override
    public String toString() {
        return "TurnServer{" + url + " at " + MuxSocket.describe(address) + ", username=" + username
               + ", credential=***}";
    }
}
