package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the ICE layer of a process runs: which addresses and UDP port it offers, which STUN servers
 * it asks for its public address, which TURN servers relay for it, and how long connectivity may
 * take. One {@link IceUdpMux} is
 * opened per configuration and shared by every {@link IceTransport}.
 *
 * <pre>{@code
 * IceConfig config = IceConfig.builder()
 *         .hostAddresses(List.of(InetAddress.getByName("127.0.0.1")))
 *         .iceTimeout(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 *
 * <p>Immutable. {@link Builder#build()} reports every problem at once.
 */
public final class IceConfig {

    /** How long checks may run before the transport fails ({@code WEBRTC_ICE_TIMEOUT_MS}). */
    public static final Duration DEFAULT_ICE_TIMEOUT = Duration.ofSeconds(10);
    /** How often consent is checked: RFC 7675 §5.1 (randomized by 0.8–1.2). */
    public static final Duration DEFAULT_CONSENT_INTERVAL = Duration.ofSeconds(5);
    /** How long without a consent response before the transport fails: RFC 7675 §5.1. */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);
    /** How long gathering waits for STUN servers before it signals end-of-candidates. */
    public static final Duration DEFAULT_GATHERING_TIMEOUT = Duration.ofSeconds(3);

    private final List<IceServer> iceServers;
    private final List<InetAddress> hostAddresses;
    private final int udpPort;
    private final Duration iceTimeout;
    private final Duration consentInterval;
    private final Duration consentTimeout;
    private final Duration gatheringTimeout;

    private IceConfig(Builder b, List<InetAddress> hostAddresses) {
        iceServers = List.copyOf(b.iceServers);
        this.hostAddresses = List.copyOf(hostAddresses);
        udpPort = b.udpPort;
        iceTimeout = b.iceTimeout;
        consentInterval = b.consentInterval;
        consentTimeout = b.consentTimeout;
        gatheringTimeout = b.gatheringTimeout;
    }

    /** Returns a builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the default configuration: every interface address, an ephemeral port, no STUN. */
    public static IceConfig defaults() {
        return builder().build();
    }

    /** The STUN servers asked for this host's server-reflexive address, and the TURN servers. */
    public List<IceServer> iceServers() {
        return iceServers;
    }

    /** The addresses offered as host candidates, each bound to {@link #udpPort()}. */
    public List<InetAddress> hostAddresses() {
        return hostAddresses;
    }

    /** The one UDP port every transport shares; {@code 0} picks an ephemeral port per address. */
    public int udpPort() {
        return udpPort;
    }

    /** How long connectivity checks may run without selecting a pair before the transport fails. */
    public Duration iceTimeout() {
        return iceTimeout;
    }

    /**
     * How often consent is refreshed on the selected pair (RFC 7675). ice4j reads this once per
     * JVM: the first {@link IceUdpMux} opened sets it (see {@link IceUdpMux#consentInterval()}).
     */
    public Duration consentInterval() {
        return consentInterval;
    }

    /**
     * How long the selected pair may go without a consent response before the transport fails and
     * stops sending (RFC 7675 §5.1). It goes {@code disconnected} after two intervals without one.
     */
    public Duration consentTimeout() {
        return consentTimeout;
    }

    /** How long gathering waits for the STUN servers and TURN allocations before it ends. */
    public Duration gatheringTimeout() {
        return gatheringTimeout;
    }

    /** Returns a builder holding this configuration. */
    public Builder toBuilder() {
        return builder().iceServers(iceServers).hostAddresses(hostAddresses).udpPort(udpPort)
                        .iceTimeout(iceTimeout).consentInterval(consentInterval)
                        .consentTimeout(consentTimeout).gatheringTimeout(gatheringTimeout);
    }

    /**
     * Every address of every interface that is up, except loopback, link-local and multicast
     * ones, IPv4 first; {@code 127.0.0.1} when there is none (DESIGN.md §5.6,
     * {@code WEBRTC_ICE_ADDRESSES}).
     */
    public static List<InetAddress> defaultHostAddresses() {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isMulticastAddress()
                        && !a.isAnyLocalAddress()) {
                        found.add(withoutScope(a));
                    }
                }
            }
        } catch (SocketException e) {
            found.clear();
        }
        found.sort(Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1));
        if (found.isEmpty()) {
            found.add(InetAddress.getLoopbackAddress());
        }
        return List.copyOf(new LinkedHashSet<>(found));
    }

    private static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e); // cannot happen: 4 or 16 bytes
        }
    }

    @Override
    public String toString() {
        return "IceConfig{iceServers=" + iceServers + ", hostAddresses=" + hostAddresses
               + ", udpPort=" + udpPort + ", iceTimeout=" + iceTimeout + ", consentInterval="
               + consentInterval + ", consentTimeout=" + consentTimeout + ", gatheringTimeout="
               + gatheringTimeout + '}';
    }

    /** Builds an {@link IceConfig}; not thread-safe. */
    public static final class Builder {
        private List<IceServer> iceServers = List.of();
        private List<InetAddress> hostAddresses = List.of();
        private int udpPort;
        private Duration iceTimeout = DEFAULT_ICE_TIMEOUT;
        private Duration consentInterval = DEFAULT_CONSENT_INTERVAL;
        private Duration consentTimeout = DEFAULT_CONSENT_TIMEOUT;
        private Duration gatheringTimeout = DEFAULT_GATHERING_TIMEOUT;

        private Builder() {}

        /**
         * STUN servers, asked once per mux socket for the server-reflexive address, and TURN
         * servers over UDP ({@code turn:host[:port][?transport=udp]} with a username and
         * credential), on which every transport allocates a relayed candidate of its own.
         * {@code turns:}, {@code ?transport=tcp} and {@code stuns:} are refused by {@link #build()}.
         */
        public Builder iceServers(List<IceServer> iceServers) {
            this.iceServers = List.copyOf(requireNonNull(iceServers, "iceServers"));
            return this;
        }

        /**
         * The addresses to offer; empty (the default) means {@link #defaultHostAddresses()}. Tests
         * use {@code 127.0.0.1}.
         */
        public Builder hostAddresses(List<InetAddress> hostAddresses) {
            this.hostAddresses = List.copyOf(requireNonNull(hostAddresses, "hostAddresses"));
            return this;
        }

        /** The UDP port for every transport ({@code WEBRTC_UDP_PORT}); {@code 0}, the default, is ephemeral. */
        public Builder udpPort(int udpPort) {
            this.udpPort = udpPort;
            return this;
        }

        public Builder iceTimeout(Duration iceTimeout) {
            this.iceTimeout = requireNonNull(iceTimeout, "iceTimeout");
            return this;
        }

        public Builder consentInterval(Duration consentInterval) {
            this.consentInterval = requireNonNull(consentInterval, "consentInterval");
            return this;
        }

        public Builder consentTimeout(Duration consentTimeout) {
            this.consentTimeout = requireNonNull(consentTimeout, "consentTimeout");
            return this;
        }

        public Builder gatheringTimeout(Duration gatheringTimeout) {
            this.gatheringTimeout = requireNonNull(gatheringTimeout, "gatheringTimeout");
            return this;
        }

        /**
         * Checks everything and builds.
         *
         * @throws RemoteMediaException {@link ErrorCode#INVALID_CONFIG} listing every problem, or
         *     {@link ErrorCode#NOT_AVAILABLE} when the only problems are {@code turns:}, {@code stuns:} or
         *     TURN over TCP servers
         */
        public IceConfig build() {
            List<String> problems = new ArrayList<>();
            List<String> notAvailable = new ArrayList<>();
            for (int i = 0; i < iceServers.size(); i++) {
                checkServer(iceServers.get(i), "iceServers[" + i + "]", problems, notAvailable);
            }
            Set<InetAddress> seen = new LinkedHashSet<>();
            for (int i = 0; i < hostAddresses.size(); i++) {
                InetAddress a = requireNonNull(hostAddresses.get(i), "hostAddresses[" + i + "]");
                if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                    problems.add("hostAddresses[" + i + "]: " + a.getHostAddress()
                                 + " (expected: a unicast address of this host, not a wildcard)");
                } else if (!seen.add(a)) {
                    problems.add("hostAddresses[" + i + "]: " + a.getHostAddress() + " is listed twice");
                }
            }
            if (udpPort < 0 || udpPort > 65535) {
                problems.add("udpPort: " + udpPort + " (expected: 0..65535, 0 for an ephemeral port)");
            }
            checkPositive("iceTimeout", iceTimeout, problems);
            checkPositive("consentInterval", consentInterval, problems);
            checkPositive("consentTimeout", consentTimeout, problems);
            checkPositive("gatheringTimeout", gatheringTimeout, problems);
            if (consentTimeout.compareTo(consentInterval.multipliedBy(3)) < 0) {
                problems.add("consentTimeout: " + consentTimeout + " (expected: at least three consentIntervals, "
                             + consentInterval.multipliedBy(3) + ", so one lost check does not fail the transport)");
            }
            if (!problems.isEmpty() || !notAvailable.isEmpty()) {
                List<String> all = new ArrayList<>(problems);
                all.addAll(notAvailable);
                throw new RemoteMediaException(
                        problems.isEmpty() ? ErrorCode.NOT_AVAILABLE : ErrorCode.INVALID_CONFIG,
                        "invalid ICE configuration, " + all.size() + (all.size() == 1 ? " problem: " : " problems: ")
                        + String.join("; ", all));
            }
            return new IceConfig(this, hostAddresses.isEmpty() ? defaultHostAddresses() : hostAddresses);
        }

        private static void checkServer(IceServer server, String where, List<String> problems,
                                        List<String> notAvailable) {
            if (server.urls().isEmpty()) {
                problems.add(where + ".urls: empty (expected: at least one stun: or turn: URI)");
            }
            boolean turn = false;
            for (int u = 0; u < server.urls().size(); u++) {
                String url = server.urls().get(u);
                String at = where + ".urls[" + u + "]";
                IceServerUrl parsed;
                try {
                    parsed = IceServerUrl.parse(url);
                } catch (IllegalArgumentException e) {
                    problems.add(at + ": '" + url + "': " + e.getMessage());
                    continue;
                }
                switch (parsed.scheme()) {
                    case STUN -> { }
                    case TURN -> {
                        if ("tcp".equals(parsed.transport())) {
                            notAvailable.add(at + ": turn: over TCP (?transport=tcp) is not available "
                                             + "(expected: turn: over UDP; see README limits)");
                        } else {
                            turn = true;
                        }
                    }
                    case TURNS -> notAvailable.add(at + ": turns: (TURN over TLS) is not available "
                                                   + "(expected: turn: over UDP; see README limits)");
                    case STUNS -> notAvailable.add(at + ": stuns: (STUN over TLS) is not available "
                                                   + "(expected: a stun: URI; see README limits)");
                }
            }
            if (turn && (server.username() == null || server.username().isEmpty()
                         || server.credential() == null || server.credential().isEmpty())) {
                problems.add(where + ": turn: needs a username and credential (RFC 8489 §9.2 long-term credential)");
            }
        }

        private static void checkPositive(String name, Duration d, List<String> problems) {
            if (d.isNegative() || d.isZero()) {
                problems.add(name + ": " + d + " (expected: > 0)");
            }
        }
    }
}
