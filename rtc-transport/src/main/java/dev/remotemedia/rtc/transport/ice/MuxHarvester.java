package dev.remotemedia.rtc.transport.ice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ice4j.ice.Agent;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;

/**
 * Gives an agent one host candidate per {@link IceUdpMux} socket, instead of ice4j's host
 * harvester, which binds a socket per agent and skips loopback addresses, and a relayed candidate
 * per {@link TurnRelay} that allocated (before ice4j pairs them, so the relayed ones are paired too). Each candidate's
 * endpoint is registered with the agent's STUN stack for every remote address, so the agent can
 * send checks before it has heard from the other side.
 */
final class MuxHarvester implements CandidateHarvester {

    private final List<MuxSocket> sockets;
    /**
     * Dropped by {@link #closeEndpoints()}: the handler leads to the whole peer connection, and
     * ice4j keeps a freed agent, which holds this harvester, until its STUN retransmissions and
     * its finalizer have run (about 15 s after 1,000 connections closed at once).
     */
    private volatile DatagramHandler dataHandler;
    private volatile Runnable checkAnsweredListener;
    private final HarvestStatistics statistics = new HarvestStatistics();
    private final List<MuxEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final List<TurnRelay> relays = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param sockets the mux sockets to offer host candidates on; none for a relay-only transport
     */
    MuxHarvester(List<MuxSocket> sockets, DatagramHandler dataHandler) {
        this(sockets, dataHandler, () -> { });
    }

    /**
     * @param checkAnsweredListener runs on an ice4j thread when the agent first answers a check
     *     from the remote side on one of the host candidates
     */
    MuxHarvester(List<MuxSocket> sockets, DatagramHandler dataHandler, Runnable checkAnsweredListener) {
        this.sockets = List.copyOf(sockets);
        this.dataHandler = dataHandler;
        this.checkAnsweredListener = checkAnsweredListener;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        Agent agent = component.getParentStream().getParentAgent();
        List<LocalCandidate> candidates = new ArrayList<>(sockets.size());
        for (MuxSocket socket : sockets) {
            if (closed) {
                break; // the transport closed while ice4j was gathering
            }
            MuxEndpoint endpoint = socket.register(agent.getLocalUfrag(), dataHandler);
            endpoint.onFirstCheckAnswered(() -> checkAnsweredListener.run());
            endpoints.add(endpoint);
            if (closed) {
                endpoint.close();
                break;
            }
            MuxHostCandidate candidate = new MuxHostCandidate(endpoint, component);
            if (component.addLocalCandidate(candidate)) {
                agent.getStunStack().addSocket(endpoint.wrapper());
                candidates.add(candidate);
            } else {
                endpoint.close();
            }
        }
        for (TurnRelay relay : relays) {
            if (closed) {
                break;
            }
            if (relay.allocation().getNow(null) instanceof TurnEvent.Allocated a) {
                TurnRelayedCandidate candidate = new TurnRelayedCandidate(relay, a.relayed(), a.mapped(), component);
                if (component.addLocalCandidate(candidate)) {
                    agent.getStunStack().addSocket(relay.wrapper());
                    candidates.add(candidate);
                } else {
                    relay.close();
                }
            }
        }
        return candidates;
    }

    /** Offers a relayed candidate for each of {@code allocated} in {@link #harvest}; call before it. */
    void addRelays(List<TurnRelay> allocated) {
        relays.addAll(allocated);
    }

    /**
     * Closes every endpoint this harvester made, whether or not ice4j freed its candidate, and any
     * it makes from now on. Closing an endpoint also ends the ice4j thread that reads it.
     */
    void closeEndpoints() {
        closed = true;
        dataHandler = DatagramHandler.discarding();
        checkAnsweredListener = () -> { };
        for (MuxEndpoint endpoint : endpoints) {
            endpoint.close();
        }
        for (TurnRelay relay : relays) {
            relay.close();
        }
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return statistics;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }
}
