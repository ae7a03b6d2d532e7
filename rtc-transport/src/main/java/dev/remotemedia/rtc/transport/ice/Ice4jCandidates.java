package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Candidate;
import org.ice4j.ice.CandidateExtendedType;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.ServerReflexiveCandidate;

/** Between SDP candidate lines and ice4j's candidates. */
final class Ice4jCandidates {

    private Ice4jCandidates() {}

    /** The SDP line that signals a candidate. */
    static CandidateLine toLine(Candidate<?> local) {
        TransportAddress address = local.getTransportAddress();
        TransportAddress related = local.getType() == CandidateType.HOST_CANDIDATE ? null : local.getRelatedAddress();
        return new CandidateLine(local.getFoundation(), 1, "udp", local.getPriority(),
                                 CandidateLine.formatAddress(address.getAddress()), address.getPort(),
                                 local.getType().toString(),
                                 related == null ? null : CandidateLine.formatAddress(related.getAddress()),
                                 related == null ? -1 : related.getPort(), List.of());
    }

    /**
     * Why this transport cannot use a remote candidate, or {@code null} when it can.
     *
     * @param remoteUfrag the remote ufrag when known, to drop candidates of another generation
     */
    static @Nullable String whyUnusable(CandidateLine line, @Nullable String remoteUfrag) {
        if (line.componentId() != 1) {
            return "component " + line.componentId() + " (only component 1 is used: RTCP is muxed)";
        }
        if (!line.transport().equals("udp")) {
            return "transport " + line.transport() + " (only UDP is used)";
        }
        if (line.ipAddress() == null) {
            return "address " + line.address() + " is not an IP address (host and mDNS names are not resolved)";
        }
        if (line.port() == 0) {
            return "port 0";
        }
        switch (line.type()) {
            case "host", "srflx", "prflx", "relay" -> { }
            default -> {
                return "candidate type " + line.type();
            }
        }
        String ufrag = line.extension("ufrag");
        if (ufrag != null && remoteUfrag != null && !ufrag.equals(remoteUfrag)) {
            return "ufrag " + ufrag + " is not the remote ufrag " + remoteUfrag;
        }
        return null;
    }

    /**
     * Gives ice4j a remote candidate that {@link #whyUnusable} accepted; once checks run, ice4j
     * pairs it with the local candidates at once.
     */
    static void addRemote(Component component, CandidateLine line, boolean checksRunning) {
        InetAddress ip = requireNonNull(line.ipAddress(), "checked by whyUnusable");
        RemoteCandidate remote = new RemoteCandidate(
                new TransportAddress(ip, line.port(), Transport.UDP), component, CandidateType.parse(line.type()),
                line.foundation(), line.priority(), null, line.extension("ufrag"));
        if (checksRunning) {
            component.addUpdateRemoteCandidates(remote);
            component.updateRemoteCandidates();
        } else {
            component.addRemoteCandidate(remote);
        }
    }

    /**
     * Adds a server-reflexive candidate for each distinct address the STUN servers reported,
     * based on the host candidate of the same mux socket, and returns those added.
     */
    static List<LocalCandidate> addServerReflexive(Component component, List<MappedAddressQuery> queries) {
        Set<InetSocketAddress> seen = new LinkedHashSet<>();
        List<LocalCandidate> added = new ArrayList<>();
        for (MappedAddressQuery query : queries) {
            InetSocketAddress mapped = query.result().getNow(null);
            if (mapped == null || mapped.equals(query.socket().localAddress()) || !seen.add(mapped)) {
                continue;
            }
            for (LocalCandidate local : component.getLocalCandidates()) {
                if (local instanceof MuxHostCandidate host && host.endpoint().socket() == query.socket()) {
                    ServerReflexiveCandidate srflx = new ServerReflexiveCandidate(
                            new TransportAddress(mapped, Transport.UDP), host,
                            new TransportAddress(query.server(), Transport.UDP),
                            CandidateExtendedType.STUN_SERVER_REFLEXIVE_CANDIDATE);
                    if (component.addLocalCandidate(srflx)) {
                        added.add(srflx);
                    }
                }
            }
        }
        return added;
    }
}
