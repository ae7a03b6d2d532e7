package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.TimeSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TURN allocations of one {@link IceTransport}: a {@link TurnRelay} per TURN server of its
 * mux, each on a private socket, started when the transport gathers and closed with it.
 * Thread-safe.
 */
final class TurnRelays {

    private static final Logger logger = LoggerFactory.getLogger(TurnRelays.class);

    private final IceUdpMux mux;
    private final DatagramHandler dataHandler;
    private final TimeSource clock;
    private final List<TurnRelay> relays = new CopyOnWriteArrayList<>();
    private boolean closed; // guarded by this

    TurnRelays(IceUdpMux mux, DatagramHandler dataHandler, TimeSource clock) {
        this.mux = mux;
        this.clock = clock;
        this.dataHandler = dataHandler;
    }

    /**
     * Sends an Allocate to every TURN server of the mux and returns the relays; empty without
     * TURN servers, or when the mux or these relays are closed.
     */
    List<TurnRelay> start() {
        List<TurnServer> servers = mux.turnServers();
        if (servers.isEmpty()) {
            return List.of();
        }
        TurnSocketReader reader;
        try {
            reader = mux.turnReader();
        } catch (IOException e) { // the mux is closing
            logger.debug("no TURN allocations: {}", e.getMessage());
            return List.of();
        }
        List<TurnRelay> started = new ArrayList<>();
        for (TurnServer server : servers) {
            started.add(TurnRelay.start(server, reader, mux.timer(), mux.config().gatheringTimeout(), dataHandler,
                                           clock));
        }
        synchronized (this) {
            if (!closed) {
                relays.addAll(started);
                return started;
            }
        }
        started.forEach(TurnRelay::close);
        return List.of();
    }

    /** Asks every relay for a permission for {@code peer}, a remote candidate's IP (RFC 8656 §9). */
    void permit(InetAddress peer) {
        for (TurnRelay relay : relays) {
            relay.permit(peer);
        }
    }

    /** The local addresses of the private sockets open now. */
    List<InetSocketAddress> socketAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (TurnRelay relay : relays) {
            InetSocketAddress a = relay.localAddress();
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** Deallocates and closes every relay, also those that never made a candidate. Idempotent. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        relays.forEach(TurnRelay::close);
    }
}
