package dev.remotemedia.transport;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the transport and the server can be configured with (DESIGN.md §5.6). Immutable; made
 * with {@link #builder()}. A built config may still hold bad values: {@link #validate()} lists every
 * problem at once, and {@link #requireValid()} turns them into one exception. The environment
 * variables and flags of each option are in {@link ConfigKey}; {@link ConfigLoader} reads them.
 */
public final class WebRtcTransportConfig {
    private static final WebRtcTransportConfig DEFAULTS = builder().build();

    private final URI signalingUrl;
    private final @Nullable String signalingAuthToken;
    private final List<String> allowedOrigins;
    private final List<StunServer> stunServers;
    private final List<TurnServer> turnServers;
    private final int maxPeers;
    private final AudioCodec audioCodec;
    private final VideoCodec videoCodec;
    private final VideoResolution videoResolution;
    private final boolean dataChannelEnabled;
    private final int jitterBufferMs;
    private final Duration iceTimeout;
    private final int maxConnectionAttempts;
    private final Duration reconnectInitialDelay;
    private final double reconnectBackoffFactor;
    private final Duration reconnectMaxDelay;
    private final int reconnectMaxAttempts;
    private final boolean keepaliveEnabled;
    private final Duration keepaliveInterval;
    private final boolean grpcSignalingEnabled;
    private final HostPort grpcSignalingAddress;
    private final @Nullable Path pipelineManifest;
    private final @Nullable Path manifestsDir;
    private final int httpPort;
    private final int udpPort;
    private final List<InetAddress> iceAddresses;
    private final LogLevel logLevel;

    private WebRtcTransportConfig(Builder b) {
        signalingUrl = b.signalingUrl;
        signalingAuthToken = b.signalingAuthToken;
        allowedOrigins = List.copyOf(b.allowedOrigins);
        stunServers = List.copyOf(b.stunServers);
        turnServers = List.copyOf(b.turnServers);
        maxPeers = b.maxPeers;
        audioCodec = b.audioCodec;
        videoCodec = b.videoCodec;
        videoResolution = b.videoResolution;
        dataChannelEnabled = b.dataChannelEnabled;
        jitterBufferMs = b.jitterBufferMs;
        iceTimeout = b.iceTimeout;
        maxConnectionAttempts = b.maxConnectionAttempts;
        reconnectInitialDelay = b.reconnectInitialDelay;
        reconnectBackoffFactor = b.reconnectBackoffFactor;
        reconnectMaxDelay = b.reconnectMaxDelay;
        reconnectMaxAttempts = b.reconnectMaxAttempts;
        keepaliveEnabled = b.keepaliveEnabled;
        keepaliveInterval = b.keepaliveInterval;
        grpcSignalingEnabled = b.grpcSignalingEnabled;
        grpcSignalingAddress = b.grpcSignalingAddress;
        pipelineManifest = b.pipelineManifest;
        manifestsDir = b.manifestsDir;
        httpPort = b.httpPort;
        udpPort = b.udpPort;
        iceAddresses = List.copyOf(b.iceAddresses);
        logLevel = b.logLevel;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration: what the server runs with when nothing is set. */
    public static WebRtcTransportConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Where a peer finds its signaling server: {@code ws://} or {@code wss://} for JSON-RPC over
     * WebSocket, {@code grpc://host:port} or {@code grpcs://host:port} for gRPC {@code Signal}
     * ({@link WebRtcTransport} takes all four; the server's {@code websocket} mode the first two).
     */
    public URI signalingUrl() {
        return signalingUrl;
    }

    /**
     * The shared secret a peer must give to announce itself on the built-in signaling server, or
     * empty when none is needed. Never printed: {@link #toString()} masks it.
     */
    public Optional<String> signalingAuthToken() {
        return Optional.ofNullable(signalingAuthToken);
    }

    /**
     * Browser origins ({@code scheme://host[:port]}, normalized as browsers send them) allowed to
     * open the signaling WebSocket; {@code *} allows any; empty allows only the server's own origin.
     * Clients that send no {@code Origin} header are not browsers and are always allowed.
     */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** STUN servers used to learn server-reflexive candidates; empty works offline. */
    public List<StunServer> stunServers() {
        return stunServers;
    }

    /** TURN servers used to relay when no direct path exists. */
    public List<TurnServer> turnServers() {
        return turnServers;
    }

    /** The most peers connected at once. */
    public int maxPeers() {
        return maxPeers;
    }

    /** The codec of audio tracks; Opus, the one WebRTC mandates, is the only one. */
    public AudioCodec audioCodec() {
        return audioCodec;
    }

    /** The video codec offered first. */
    public VideoCodec videoCodec() {
        return videoCodec;
    }

    /** The resolution video is encoded at. */
    public VideoResolution videoResolution() {
        return videoResolution;
    }

    /** Whether peers negotiate SCTP data channels. */
    public boolean dataChannelEnabled() {
        return dataChannelEnabled;
    }

    /**
     * The upper bound of the adaptive jitter buffer, in milliseconds. Validated, but not passed to
     * the stack yet: it has no effect in this build (README, Limits).
     */
    public int jitterBufferMs() {
        return jitterBufferMs;
    }

    /** How long ICE may take to connect before the attempt fails. */
    public Duration iceTimeout() {
        return iceTimeout;
    }

    /** How many times a peer connection is attempted before giving up. */
    public int maxConnectionAttempts() {
        return maxConnectionAttempts;
    }

    /** The delay before a lost signaling connection is first retried. */
    public Duration reconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    /** What each reconnection delay is multiplied by after a failed attempt. */
    public double reconnectBackoffFactor() {
        return reconnectBackoffFactor;
    }

    /** The longest delay between two reconnection attempts. */
    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    /** Reconnection attempts before giving up; 0 never gives up. */
    public int reconnectMaxAttempts() {
        return reconnectMaxAttempts;
    }

    /** Whether idle connections send STUN consent/keepalive checks (RFC 7675). */
    public boolean keepaliveEnabled() {
        return keepaliveEnabled;
    }

    /** The interval between keepalive checks. */
    public Duration keepaliveInterval() {
        return keepaliveInterval;
    }

    public boolean grpcSignalingEnabled() {
        return grpcSignalingEnabled;
    }

    /** Where the gRPC signaling server listens. */
    public HostPort grpcSignalingAddress() {
        return grpcSignalingAddress;
    }

    /** The pipeline manifest file, or empty for the embedded loopback manifest. */
    public Optional<Path> pipelineManifest() {
        return Optional.ofNullable(pipelineManifest);
    }

    /**
     * The folder of manifests clients may choose from by name ({@code WEBRTC_MANIFESTS_DIR}), or
     * empty for the built-in ones only.
     */
    public Optional<Path> manifestsDir() {
        return Optional.ofNullable(manifestsDir);
    }

    /** The HTTP port (signaling, health, metrics, web client); 0 picks a free one. */
    public int httpPort() {
        return httpPort;
    }

    /** The one UDP port every peer's media and data use; 0 picks a free one. */
    public int udpPort() {
        return udpPort;
    }

    /** Addresses offered as host candidates; empty means every non-loopback interface address. */
    public List<InetAddress> iceAddresses() {
        return iceAddresses;
    }

    public LogLevel logLevel() {
        return logLevel;
    }

    /** Lists every problem with this config, in {@link ConfigKey} order; empty when it is valid. */
    public List<ConfigProblem> validate() {
        final List<ConfigProblem> problems = new ArrayList<>();
        final String scheme = signalingUrl.getScheme();
        final int urlPort = signalingUrl.getPort();
        final boolean webSocket = "ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
        // gRPC has no default port to fall back on (GrpcSignalingClient needs host:port).
        final boolean grpc = ("grpc".equalsIgnoreCase(scheme) || "grpcs".equalsIgnoreCase(scheme)) && urlPort > 0;
        if (!(webSocket || grpc) || signalingUrl.getHost() == null || urlPort == 0 || urlPort > 65535) {
            problems.add(problem(ConfigKey.SIGNALING_URL));
        }
        if (signalingAuthToken != null && !ConfigText.isToken(signalingAuthToken)) {
            problems.add(new ConfigProblem(ConfigKey.SIGNALING_AUTH_TOKEN,
                                           ConfigKey.SIGNALING_AUTH_TOKEN.mask(signalingAuthToken),
                                           ConfigKey.SIGNALING_AUTH_TOKEN.expected()));
        }
        for (String origin : allowedOrigins) {
            if (!origin.equals(ConfigText.normalizeOriginOrNull(origin))) {
                problems.add(new ConfigProblem(ConfigKey.SIGNALING_ALLOWED_ORIGINS, origin,
                                               ConfigKey.SIGNALING_ALLOWED_ORIGINS.expected()));
            }
        }
        for (StunServer stun : stunServers) {
            if (!isPort(stun.port(), 1) || !isHost(stun.host())) {
                problems.add(new ConfigProblem(ConfigKey.STUN_SERVERS, stun.toString(),
                                               ConfigKey.STUN_SERVERS.expected()));
            }
        }
        for (TurnServer turn : turnServers) {
            if (!isPort(turn.port(), 1) || !isHost(turn.host()) || turn.username().isEmpty()
                || turn.credential().isEmpty()) {
                problems.add(new ConfigProblem(ConfigKey.TURN_SERVERS, turn.toString(),
                                               ConfigKey.TURN_SERVERS.expected()));
            }
        }
        check(problems, ConfigKey.MAX_PEERS, maxPeers >= 1 && maxPeers <= ConfigKey.MAX_PEERS_LIMIT);
        check(problems, ConfigKey.VIDEO_RESOLUTION,
              inRange(videoResolution.width(), 16, 7680) && inRange(videoResolution.height(), 16, 4320)
              && videoResolution.width() % 2 == 0 && videoResolution.height() % 2 == 0);
        check(problems, ConfigKey.JITTER_BUFFER_MS, inRange(jitterBufferMs, 20, 1000));
        check(problems, ConfigKey.ICE_TIMEOUT_MS, inRange(iceTimeout, 1_000, 300_000));
        check(problems, ConfigKey.MAX_CONNECTION_ATTEMPTS, inRange(maxConnectionAttempts, 1, 100));
        final boolean initialDelayValid = inRange(reconnectInitialDelay, 1, 60_000);
        check(problems, ConfigKey.RECONNECT_INITIAL_DELAY_MS, initialDelayValid);
        check(problems, ConfigKey.RECONNECT_BACKOFF_FACTOR,
              reconnectBackoffFactor >= 1 && reconnectBackoffFactor <= 10);
        // Compared with the initial delay only when that one is valid, so one mistake is one problem.
        check(problems, ConfigKey.RECONNECT_MAX_DELAY_MS, inRange(reconnectMaxDelay, 1, 600_000)
              && (!initialDelayValid || reconnectMaxDelay.compareTo(reconnectInitialDelay) >= 0));
        check(problems, ConfigKey.RECONNECT_MAX_ATTEMPTS, inRange(reconnectMaxAttempts, 0, 100_000));
        // RFC 7675 §5.1: consent expires after 30 s without a response, so check more often than that.
        check(problems, ConfigKey.KEEPALIVE_INTERVAL_MS, inRange(keepaliveInterval, 1_000, 29_000));
        check(problems, ConfigKey.GRPC_SIGNALING_ADDRESS,
              isPort(grpcSignalingAddress.port(), 0) && isHost(grpcSignalingAddress.host()));
        if (pipelineManifest != null
            && !(Files.isRegularFile(pipelineManifest) && Files.isReadable(pipelineManifest))) {
            problems.add(problem(ConfigKey.PIPELINE_MANIFEST));
        }
        if (manifestsDir != null && !(Files.isDirectory(manifestsDir) && Files.isReadable(manifestsDir))) {
            problems.add(problem(ConfigKey.MANIFESTS_DIR));
        }
        check(problems, ConfigKey.HTTP_PORT, isPort(httpPort, 0));
        check(problems, ConfigKey.UDP_PORT, isPort(udpPort, 0));
        final var seen = new HashSet<InetAddress>();
        for (InetAddress address : iceAddresses) {
            if (address.isAnyLocalAddress() || address.isMulticastAddress() || !seen.add(address)) {
                problems.add(new ConfigProblem(ConfigKey.ICE_ADDRESSES, literal(address),
                                               ConfigKey.ICE_ADDRESSES.expected()));
            }
        }
        return List.copyOf(problems);
    }

    /**
     * Returns this config if it is valid.
     *
     * @throws RemoteMediaException with {@link ErrorCode#INVALID_CONFIG} and one line per problem
     */
    public WebRtcTransportConfig requireValid() {
        final List<ConfigProblem> problems = validate();
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return this;
    }

    /** The exception {@link #requireValid()} throws for these problems. */
    public static RemoteMediaException invalid(List<ConfigProblem> problems) {
        return new RemoteMediaException(
                ErrorCode.INVALID_CONFIG,
                "invalid configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n  " + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
    }

    private void check(List<ConfigProblem> problems, ConfigKey key, boolean valid) {
        if (!valid) {
            problems.add(problem(key));
        }
    }

    private ConfigProblem problem(ConfigKey key) {
        return new ConfigProblem(key, key.format(this), key.expected());
    }

    private static boolean isPort(int port, int min) {
        return port >= min && port <= 65535;
    }

    private static boolean inRange(long value, long min, long max) {
        return value >= min && value <= max;
    }

    private static boolean inRange(Duration value, long minMillis, long maxMillis) {
        return value.compareTo(Duration.ofMillis(minMillis)) >= 0 && value.compareTo(Duration.ofMillis(maxMillis)) <= 0;
    }

    private static boolean isHost(String host) {
        return ConfigText.isHostName(host) || ConfigText.parseIpLiteralOrNull(host) != null;
    }

    /** An address as a literal, IPv6 without brackets or scope noise from a host name. */
    static String literal(InetAddress address) {
        final String text = address.getHostAddress();
        return address instanceof Inet6Address && text.indexOf('%') >= 0 ? text.substring(0, text.indexOf('%')) : text;
    }

    /** Equal when every option is equal, credentials included. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WebRtcTransportConfig)) {
            return false;
        }
        final WebRtcTransportConfig that = (WebRtcTransportConfig) o;
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.format(this).equals(key.format(that))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (ConfigKey key : ConfigKey.values()) {
            hash = 31 * hash + key.format(this).hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        final StringBuilder out = new StringBuilder("WebRtcTransportConfig{");
        for (ConfigKey key : ConfigKey.values()) {
            out.append(key.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(key.display(this)).append(", ");
        }
        out.setLength(out.length() - 2);
        return out.append('}').toString();
    }

    /** Builds a {@link WebRtcTransportConfig}; starts with every default. Not thread-safe. */
    public static final class Builder {
        private URI signalingUrl = URI.create("ws://localhost:8080");
        private @Nullable String signalingAuthToken;
        private List<String> allowedOrigins = List.of();
        private List<StunServer> stunServers = List.of();
        private List<TurnServer> turnServers = List.of();
        private int maxPeers = 10;
        private AudioCodec audioCodec = AudioCodec.OPUS;
        private VideoCodec videoCodec = VideoCodec.VP8;
        private VideoResolution videoResolution = new VideoResolution(1280, 720);
        private boolean dataChannelEnabled = true;
        private int jitterBufferMs = 100;
        private Duration iceTimeout = Duration.ofSeconds(10);
        private int maxConnectionAttempts = 3;
        private Duration reconnectInitialDelay = Duration.ofMillis(500);
        private double reconnectBackoffFactor = 2;
        private Duration reconnectMaxDelay = Duration.ofSeconds(30);
        private int reconnectMaxAttempts = 10;
        private boolean keepaliveEnabled = true;
        private Duration keepaliveInterval = Duration.ofSeconds(5);
        private boolean grpcSignalingEnabled;
        private HostPort grpcSignalingAddress = new HostPort("0.0.0.0", 50051);
        private @Nullable Path pipelineManifest;
        private @Nullable Path manifestsDir;
        private int httpPort = 8080;
        private int udpPort = 10000;
        private List<InetAddress> iceAddresses = List.of();
        private LogLevel logLevel = LogLevel.INFO;

        private Builder() {}

        private Builder(WebRtcTransportConfig c) {
            signalingUrl = c.signalingUrl;
            signalingAuthToken = c.signalingAuthToken;
            allowedOrigins = c.allowedOrigins;
            stunServers = c.stunServers;
            turnServers = c.turnServers;
            maxPeers = c.maxPeers;
            audioCodec = c.audioCodec;
            videoCodec = c.videoCodec;
            videoResolution = c.videoResolution;
            dataChannelEnabled = c.dataChannelEnabled;
            jitterBufferMs = c.jitterBufferMs;
            iceTimeout = c.iceTimeout;
            maxConnectionAttempts = c.maxConnectionAttempts;
            reconnectInitialDelay = c.reconnectInitialDelay;
            reconnectBackoffFactor = c.reconnectBackoffFactor;
            reconnectMaxDelay = c.reconnectMaxDelay;
            reconnectMaxAttempts = c.reconnectMaxAttempts;
            keepaliveEnabled = c.keepaliveEnabled;
            keepaliveInterval = c.keepaliveInterval;
            grpcSignalingEnabled = c.grpcSignalingEnabled;
            grpcSignalingAddress = c.grpcSignalingAddress;
            pipelineManifest = c.pipelineManifest;
            manifestsDir = c.manifestsDir;
            httpPort = c.httpPort;
            udpPort = c.udpPort;
            iceAddresses = c.iceAddresses;
            logLevel = c.logLevel;
        }

        public Builder signalingUrl(URI signalingUrl) {
            this.signalingUrl = requireNonNull(signalingUrl, "signalingUrl");
            return this;
        }

        /** Sets the signaling shared secret; {@code null} lets peers announce without one. */
        public Builder signalingAuthToken(@Nullable String signalingAuthToken) {
            this.signalingAuthToken = signalingAuthToken;
            return this;
        }

        /** Sets the allowed browser origins; empty allows only the server's own origin, {@code *} any. */
        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = List.copyOf(requireNonNull(allowedOrigins, "allowedOrigins"));
            return this;
        }

        public Builder stunServers(List<StunServer> stunServers) {
            this.stunServers = List.copyOf(requireNonNull(stunServers, "stunServers"));
            return this;
        }

        public Builder turnServers(List<TurnServer> turnServers) {
            this.turnServers = List.copyOf(requireNonNull(turnServers, "turnServers"));
            return this;
        }

        public Builder maxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
            return this;
        }

        public Builder audioCodec(AudioCodec audioCodec) {
            this.audioCodec = requireNonNull(audioCodec, "audioCodec");
            return this;
        }

        public Builder videoCodec(VideoCodec videoCodec) {
            this.videoCodec = requireNonNull(videoCodec, "videoCodec");
            return this;
        }

        public Builder videoResolution(VideoResolution videoResolution) {
            this.videoResolution = requireNonNull(videoResolution, "videoResolution");
            return this;
        }

        public Builder dataChannelEnabled(boolean dataChannelEnabled) {
            this.dataChannelEnabled = dataChannelEnabled;
            return this;
        }

        public Builder jitterBufferMs(int jitterBufferMs) {
            this.jitterBufferMs = jitterBufferMs;
            return this;
        }

        public Builder iceTimeout(Duration iceTimeout) {
            this.iceTimeout = requireNonNull(iceTimeout, "iceTimeout");
            return this;
        }

        public Builder maxConnectionAttempts(int maxConnectionAttempts) {
            this.maxConnectionAttempts = maxConnectionAttempts;
            return this;
        }

        public Builder reconnectInitialDelay(Duration reconnectInitialDelay) {
            this.reconnectInitialDelay = requireNonNull(reconnectInitialDelay, "reconnectInitialDelay");
            return this;
        }

        public Builder reconnectBackoffFactor(double reconnectBackoffFactor) {
            this.reconnectBackoffFactor = reconnectBackoffFactor;
            return this;
        }

        public Builder reconnectMaxDelay(Duration reconnectMaxDelay) {
            this.reconnectMaxDelay = requireNonNull(reconnectMaxDelay, "reconnectMaxDelay");
            return this;
        }

        /** Sets the reconnection attempts before giving up; 0 never gives up. */
        public Builder reconnectMaxAttempts(int reconnectMaxAttempts) {
            this.reconnectMaxAttempts = reconnectMaxAttempts;
            return this;
        }

        public Builder keepaliveEnabled(boolean keepaliveEnabled) {
            this.keepaliveEnabled = keepaliveEnabled;
            return this;
        }

        public Builder keepaliveInterval(Duration keepaliveInterval) {
            this.keepaliveInterval = requireNonNull(keepaliveInterval, "keepaliveInterval");
            return this;
        }

        public Builder grpcSignalingEnabled(boolean grpcSignalingEnabled) {
            this.grpcSignalingEnabled = grpcSignalingEnabled;
            return this;
        }

        public Builder grpcSignalingAddress(HostPort grpcSignalingAddress) {
            this.grpcSignalingAddress = requireNonNull(grpcSignalingAddress, "grpcSignalingAddress");
            return this;
        }

        /** Sets the manifest file; {@code null} selects the embedded loopback manifest. */
        public Builder pipelineManifest(@Nullable Path pipelineManifest) {
            this.pipelineManifest = pipelineManifest;
            return this;
        }

        /** Sets the folder of manifests clients may choose from; {@code null} for none. */
        public Builder manifestsDir(@Nullable Path manifestsDir) {
            this.manifestsDir = manifestsDir;
            return this;
        }

        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        public Builder udpPort(int udpPort) {
            this.udpPort = udpPort;
            return this;
        }

        /** Sets the host candidate addresses; empty selects every non-loopback interface address. */
        public Builder iceAddresses(List<InetAddress> iceAddresses) {
            this.iceAddresses = List.copyOf(requireNonNull(iceAddresses, "iceAddresses"));
            return this;
        }

        public Builder logLevel(LogLevel logLevel) {
            this.logLevel = requireNonNull(logLevel, "logLevel");
            return this;
        }

        /** Builds the config; it is not validated here (see {@link WebRtcTransportConfig#validate()}). */
        public WebRtcTransportConfig build() {
            return new WebRtcTransportConfig(this);
        }
    }
}
