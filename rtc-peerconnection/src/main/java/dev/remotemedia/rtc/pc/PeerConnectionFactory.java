package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.transport.dtls.DtlsCertificate;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.rtc.transport.ice.IceServer;
import dev.remotemedia.rtc.transport.ice.IceTransportPolicy;
import dev.remotemedia.rtc.transport.ice.IceUdpMux;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes {@link RTCPeerConnection}s that share what a server shares among its peers: the event
 * loops (DESIGN.md §4), the ICE UDP socket per address (one port for every peer, like Jitsi
 * Videobridge) with its STUN/TURN servers and ICE transport policy (what a browser sets per
 * connection in its {@code RTCConfiguration}), and by default one DTLS certificate. Each
 * connection allocates on the TURN servers from a UDP socket of its own, closed with it. Closing the
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
    private final IceTransportPolicy icePolicy;
    private final @Nullable DtlsCertificate sharedCertificate;
    private final TimeSource clock;
    /** Codec work of every connection (DESIGN.md §4; daemon threads, one per core), the playout clock, the jitter buffer's settings. */
    private final MediaServices media;
    private final Set<RTCPeerConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PeerConnectionFactory(EventLoopGroup loops, IceUdpMux mux, IceTransportPolicy icePolicy,
                                  @Nullable DtlsCertificate sharedCertificate, TimeSource clock,
                                  dev.remotemedia.rtc.media.jitter.JitterBufferConfig jitterBuffer,
                                  List<dev.remotemedia.codec.video.VideoCodecType> videoCodecs) {
        this.clock = clock;
        media = MediaServices.create(loops.size(), clock, jitterBuffer, videoCodecs);
        this.loops = loops;
        this.mux = mux;
        this.icePolicy = icePolicy;
        this.sharedCertificate = sharedCertificate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new connection pinned to one of the factory's loops. */
    public RTCPeerConnection createPeerConnection() {
        if (closed) {
            throw new InvalidStateError("the factory is closed");
        }
        final DtlsCertificate certificate = sharedCertificate != null ? sharedCertificate : DtlsCertificate.generate();
        final RTCPeerConnection connection = new RTCPeerConnection(loops.next(), mux, icePolicy, certificate, clock, media,
                                                                   this::forget);
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
        media.shutdown();
    }

    /** The video codecs offered by default, in order of preference (RFC 7742's mandatory two first). */
    public static final List<dev.remotemedia.codec.video.VideoCodecType> DEFAULT_VIDEO_CODECS =
            List.of(dev.remotemedia.codec.video.VideoCodecType.VP8, dev.remotemedia.codec.video.VideoCodecType.H264,
                    dev.remotemedia.codec.video.VideoCodecType.VP9, dev.remotemedia.codec.video.VideoCodecType.AV1);

    /** Builds a {@link PeerConnectionFactory}. */
    public static final class Builder {
        private IceConfig iceConfig = IceConfig.defaults();
        private @Nullable List<RTCIceServer> iceServers;
        private RTCIceTransportPolicy iceTransportPolicy = RTCIceTransportPolicy.ALL;
        private int loopCount = Runtime.getRuntime().availableProcessors();
        private boolean shareCertificate = true;
        private TimeSource timeSource = TimeSource.system();
        private int jitterBufferMaxMillis = dev.remotemedia.rtc.media.jitter.JitterBufferConfig.DEFAULT.ceilingMillis();
        private List<dev.remotemedia.codec.video.VideoCodecType> videoCodecs = DEFAULT_VIDEO_CODECS;

        private Builder() {}

        /**
         * The video codecs every connection offers and accepts, in order of preference (the first
         * both sides have is the one sent); VP8, H264, VP9, AV1 by default. Codecs whose FFmpeg
         * natives this process lacks are left out when video is negotiated; an empty list turns
         * video off (remote video m-lines are rejected, {@code addTransceiver(VIDEO)} throws).
         */
        public Builder videoCodecs(List<dev.remotemedia.codec.video.VideoCodecType> preference) {
            this.videoCodecs = List.copyOf(requireNonNull(preference, "preference"));
            return this;
        }

        /**
         * The clock the connections' protocol cores read (SCTP, RTP/RTCP timers, media timestamps);
         * the system clock by default. Tests give a fake one.
         */
        public Builder timeSource(TimeSource timeSource) {
            this.timeSource = java.util.Objects.requireNonNull(timeSource, "timeSource");
            return this;
        }

        /** Host addresses, UDP port, STUN/TURN servers and timeouts of ICE. */
        public Builder iceConfig(IceConfig iceConfig) {
            this.iceConfig = requireNonNull(iceConfig, "iceConfig");
            return this;
        }

        /**
         * The STUN and TURN servers of every connection (W3C {@code RTCConfiguration.iceServers}):
         * {@code stun:} URLs, and {@code turn:} URLs over UDP with a username and credential.
         * They replace the {@link IceConfig#iceServers()} of {@link #iceConfig}; {@link #build()}
         * checks them ({@code turns:} and {@code ?transport=tcp} are not available).
         */
        public Builder iceServers(List<RTCIceServer> iceServers) {
            this.iceServers = List.copyOf(requireNonNull(iceServers, "iceServers"));
            return this;
        }

        /**
         * Which candidates every connection uses (W3C {@code RTCConfiguration.iceTransportPolicy});
         * {@link RTCIceTransportPolicy#ALL} by default. {@link RTCIceTransportPolicy#RELAY} needs
         * a TURN server: without one that allocates, connections fail once gathering ends.
         */
        public Builder iceTransportPolicy(RTCIceTransportPolicy policy) {
            this.iceTransportPolicy = requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The ceiling of the adaptive jitter buffer's target delay for received audio, in ms
         * ({@code WEBRTC_JITTER_BUFFER_MS}; default 100): the buffer waits no longer than this above
         * the fastest recent packet, and loses packets that are later than that.
         */
        public Builder jitterBufferMaxMillis(int millis) {
            if (millis < 10 || millis > 10_000) {
                throw new IllegalArgumentException("jitterBufferMaxMillis: " + millis + " (expected: 10..10000)");
            }
            this.jitterBufferMaxMillis = millis;
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

        /**
         * Opens the ICE sockets and starts the loops.
         *
         * @throws dev.remotemedia.rtc.common.error.RemoteMediaException when the ICE servers are
         *     invalid or not available, saying which and why (see {@link IceConfig.Builder#build()})
         */
        public PeerConnectionFactory build() {
            IceConfig config = iceConfig;
            if (iceServers != null) {
                final List<IceServer> servers = new ArrayList<>();
                for (RTCIceServer server : iceServers) {
                    servers.add(new IceServer(server.urls(), server.username(), server.credential()));
                }
                config = config.toBuilder().iceServers(servers).build();
            }
            final IceTransportPolicy policy = iceTransportPolicy == RTCIceTransportPolicy.RELAY
                                              ? IceTransportPolicy.RELAY : IceTransportPolicy.ALL;
            MediaWarmUp.start();
            final IceUdpMux mux = IceUdpMux.open(config);
            final EventLoopGroup loops = EventLoopGroup.create(loopCount);
            return new PeerConnectionFactory(loops, mux, policy, shareCertificate ? DtlsCertificate.generate() : null,
                                             timeSource,
                                             dev.remotemedia.rtc.media.jitter.JitterBufferConfig.withCeiling(jitterBufferMaxMillis),
                                             videoCodecs);
        }
    }
}
