package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.transport.dtls.DtlsCertificate;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.rtc.transport.ice.IceUdpMux;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes {@link RTCPeerConnection}s that share what a server shares among its peers: the event
 * loops (DESIGN.md §4), the ICE UDP socket per address (one port for every peer, like Jitsi
 * Videobridge) with its STUN/TURN servers, and by default one DTLS certificate. Closing the
 * factory closes every connection it made and frees the port and the threads.
 *
 * <pre>{@code
 * try (PeerConnectionFactory factory = PeerConnectionFactory.builder()
 *         .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
 *         .build()) {
 *     RTCPeerConnection pc = factory.createPeerConnection();
 *     ...
 * }
 * }</pre>
 */
public final class PeerConnectionFactory implements AutoCloseable {
    private final EventLoopGroup loops;
    private final IceUdpMux mux;
    private final @Nullable DtlsCertificate sharedCertificate;
    private final Set<RTCPeerConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PeerConnectionFactory(EventLoopGroup loops, IceUdpMux mux, @Nullable DtlsCertificate sharedCertificate) {
        this.loops = loops;
        this.mux = mux;
        this.sharedCertificate = sharedCertificate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new connection pinned to one of the factory's loops. */
    public RTCPeerConnection createPeerConnection() {
        if (closed) {
            throw new IllegalStateException("InvalidStateError: the factory is closed");
        }
        final DtlsCertificate certificate = sharedCertificate != null ? sharedCertificate : DtlsCertificate.generate();
        final RTCPeerConnection connection = new RTCPeerConnection(loops.next(), mux, certificate, this::forget);
        connections.add(connection);
        return connection;
    }

    /** The connections made and not yet closed. */
    public int connectionCount() {
        return connections.size();
    }

    /** The local ICE socket addresses, one per host address. */
    public List<java.net.InetSocketAddress> localAddresses() {
        return mux.localAddresses();
    }

    private void forget(RTCPeerConnection connection) {
        connections.remove(connection);
    }

    /** Closes every connection, the ICE sockets and the loops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RTCPeerConnection connection : List.copyOf(connections)) {
            connection.close();
        }
        mux.close();
        loops.close();
    }

    /** Builds a {@link PeerConnectionFactory}. */
    public static final class Builder {
        private IceConfig iceConfig = IceConfig.defaults();
        private int loopCount = Runtime.getRuntime().availableProcessors();
        private boolean shareCertificate = true;

        private Builder() {}

        /** Host addresses, UDP port, STUN/TURN servers and timeouts of ICE. */
        public Builder iceConfig(IceConfig iceConfig) {
            this.iceConfig = requireNonNull(iceConfig, "iceConfig");
            return this;
        }

        /** How many event loops (threads) serve the connections; default: one per core. */
        public Builder eventLoops(int count) {
            if (count < 1 || count > 1024) {
                throw new IllegalArgumentException("eventLoops: " + count + " (expected: 1..1024)");
            }
            this.loopCount = count;
            return this;
        }

        /**
         * Whether connections share one DTLS certificate made when the factory is built (the
         * default: generating one costs a few milliseconds of each connection's setup) or each
         * gets its own.
         */
        public Builder shareCertificate(boolean share) {
            this.shareCertificate = share;
            return this;
        }

        /** Opens the ICE sockets and starts the loops. */
        public PeerConnectionFactory build() {
            final IceUdpMux mux = IceUdpMux.open(iceConfig);
            final EventLoopGroup loops = EventLoopGroup.create(loopCount);
            return new PeerConnectionFactory(loops, mux, shareCertificate ? DtlsCertificate.generate() : null);
        }
    }
}
