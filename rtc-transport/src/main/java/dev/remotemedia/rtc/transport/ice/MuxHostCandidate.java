package dev.remotemedia.rtc.transport.ice;

import org.ice4j.TransportAddress;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.socket.IceSocketWrapper;

/** A host candidate on an {@link IceUdpMux} socket; freeing it closes its {@link MuxEndpoint}. */
final class MuxHostCandidate extends HostCandidate {

    private final MuxEndpoint endpoint;

    MuxHostCandidate(MuxEndpoint endpoint, Component component) {
        super(endpoint.wrapper(), component);
        this.endpoint = endpoint;
    }

    MuxEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The endpoint already carries only STUN (the mux routes the rest elsewhere), so it is its own
     * STUN socket; ice4j's default wants a {@code MultiplexingDatagramSocket} and throws.
     */
    @Override
    public IceSocketWrapper getStunSocket(TransportAddress serverAddress) {
        return endpoint.wrapper();
    }

    @Override
    protected void free() {
        try {
            super.free(); // removes the socket from the agent's STUN stack, which ends its reader
        } finally {
            endpoint.close();
        }
    }
}
