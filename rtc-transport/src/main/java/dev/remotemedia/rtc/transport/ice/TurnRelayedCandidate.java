package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import java.net.InetSocketAddress;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidateExtendedType;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.socket.IceSocketWrapper;

/**
 * A relayed candidate on a {@link TurnRelay} (RFC 8445 §5.1.1.2): its own base, so ice4j pairs it
 * with every remote candidate and sends its checks through the relay. Freeing it closes the relay,
 * which deallocates.
 */
final class TurnRelayedCandidate extends LocalCandidate {

    private final TurnRelay relay;
    private final @Nullable TransportAddress mapped;

    TurnRelayedCandidate(TurnRelay relay, InetSocketAddress relayed, @Nullable InetSocketAddress mapped,
                         Component component) {
        super(new TransportAddress(relayed, Transport.UDP), component, CandidateType.RELAYED_CANDIDATE,
              CandidateExtendedType.TURN_RELAYED_CANDIDATE, null);
        this.relay = relay;
        this.mapped = mapped == null ? null : new TransportAddress(mapped, Transport.UDP);
        setBase(this);
        setRelayServerAddress(new TransportAddress(relay.server().address(), Transport.UDP));
        if (this.mapped != null) {
            setMappedAddress(this.mapped);
        }
    }

    TurnRelay relay() {
        return relay;
    }

    /** The server-reflexive address the TURN server saw, as {@code raddr}/{@code rport}. */
    @Override
    public @Nullable TransportAddress getRelatedAddress() {
        return mapped;
    }

    @Override
    protected IceSocketWrapper getCandidateIceSocketWrapper() {
        return relay.wrapper();
    }

    @Override
    public IceSocketWrapper getStunSocket(TransportAddress serverAddress) {
        return relay.wrapper();
    }

    @Override
    protected void free() {
        try {
            super.free(); // removes the socket from the agent's STUN stack, which ends its reader
        } finally {
            relay.close();
        }
    }
}
