package dev.remotemedia.transport;

import static dev.remotemedia.transport.ConfigText.parseBooleanOrNull;
import static dev.remotemedia.transport.ConfigText.parseIntOrNull;

import dev.remotemedia.rtc.common.Nullable;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every configuration option: its environment variable, its CLI flag, what it means, what values
 * it takes, and how its text is parsed into a {@link WebRtcTransportConfig.Builder} and printed back.
 * This table is the one source of the server's {@code --help}, of {@link ConfigLoader} and of the
 * messages in {@link ConfigProblem}.
 */
public enum ConfigKey {
    SIGNALING_URL("WEBRTC_SIGNALING_URL", "--signaling-url",
                  "Signaling server a peer joins in websocket mode (JSON-RPC); a WebRtcTransport also "
                  + "takes grpc:// and grpcs:// (gRPC Signal).",
                  "a ws:// or wss:// URL with a host, or grpc://host:port or grpcs://host:port", null,
                  (b, s) -> set(parseUriOrNull(s), b::signalingUrl),
                  c -> c.signalingUrl().toString()),
    SIGNALING_AUTH_TOKEN("SIGNALING_AUTH_TOKEN", "--auth-token",
                         "Shared secret a peer must give to announce itself on the built-in signaling server "
                         + "(the peer.announce param auth_token, or an Authorization: Bearer header).",
                         "1 to 512 printable ASCII characters without spaces",
                         "none: peers announce without a token",
                         (b, s) -> set(ConfigText.isToken(s) ? s : null, b::signalingAuthToken),
                         c -> c.signalingAuthToken().orElse("")),
    SIGNALING_ALLOWED_ORIGINS("SIGNALING_ALLOWED_ORIGINS", "--allowed-origins",
                              "Browser origins allowed to open the signaling WebSocket, comma-separated, or * for "
                              + "any; clients that send no Origin header (not browsers) are always allowed.",
                              "* or comma-separated http(s)://host[:port] origins",
                              "same origin only: the page must come from this server",
                              (b, s) -> set(parseList(s, ConfigText::normalizeOriginOrNull), b::allowedOrigins),
                              c -> String.join(",", c.allowedOrigins())),
    STUN_SERVERS("WEBRTC_STUN_SERVERS", "--stun-servers",
                 "STUN servers for server-reflexive candidates, comma-separated.",
                 "comma-separated stun:host[:port] or stuns:host[:port] URIs with ports 1-65535",
                 "none",
                 (b, s) -> set(parseList(s, StunServer::parseOrNull), b::stunServers),
                 c -> joined(c.stunServers(), StunServer::toString)),
    TURN_SERVERS("WEBRTC_TURN_SERVERS", "--turn-servers",
                 "TURN relays, comma-separated turn:host:port:username:credential (turns: for TLS). "
                 + "Write ':' in a username as %3A, ',' as %2C and '%' as %25; the credential is "
                 + "everything after the fourth ':', so it may hold a plain ':'.",
                 "comma-separated turn:host:port:username:credential or turns:... entries with ports "
                 + "1-65535, a non-empty username (a ':' in it written %3A) and a non-empty credential",
                 "none",
                 (b, s) -> set(parseList(s, TurnServer::parseOrNull), b::turnServers),
                 c -> joined(c.turnServers(), TurnServer::toConfigString)),
    MAX_PEERS("WEBRTC_MAX_PEERS", "--max-peers",
              "Most peers connected at once.",
              "an integer from 1 to 10000", null,
              (b, s) -> set(parseIntOrNull(s), b::maxPeers),
              c -> Integer.toString(c.maxPeers())),
    AUDIO_CODEC("WEBRTC_AUDIO_CODEC", "--audio-codec",
                "Audio codec.",
                "one of: " + lowerNames(AudioCodec.values()), null,
                (b, s) -> set(parseEnumOrNull(AudioCodec.class, s), b::audioCodec),
                c -> c.audioCodec().name().toLowerCase(Locale.ROOT)),
    VIDEO_CODEC("WEBRTC_VIDEO_CODEC", "--video-codec",
                "Video codec offered first.",
                "one of: " + lowerNames(VideoCodec.values()), null,
                (b, s) -> set(parseEnumOrNull(VideoCodec.class, s), b::videoCodec),
                c -> c.videoCodec().name().toLowerCase(Locale.ROOT)),
    VIDEO_RESOLUTION("WEBRTC_VIDEO_RESOLUTION", "--video-resolution",
                     "Resolution video is encoded at.",
                     "WIDTHxHEIGHT in even numbers, width 16-7680, height 16-4320", null,
                     (b, s) -> set(VideoResolution.parseOrNull(s), b::videoResolution),
                     c -> c.videoResolution().toString()),
    ENABLE_DATA_CHANNEL("WEBRTC_ENABLE_DATA_CHANNEL", "--enable-data-channel",
                        "Negotiate SCTP data channels.",
                        "true or false", null,
                        (b, s) -> set(parseBooleanOrNull(s), b::dataChannelEnabled),
                        c -> Boolean.toString(c.dataChannelEnabled())),
    JITTER_BUFFER_MS("WEBRTC_JITTER_BUFFER_MS", "--jitter-buffer-ms",
                     "Upper bound of the adaptive jitter buffer, in milliseconds.",
                     "an integer from 20 to 1000", null,
                     (b, s) -> set(parseIntOrNull(s), b::jitterBufferMs),
                     c -> Integer.toString(c.jitterBufferMs())),
    ICE_TIMEOUT_MS("WEBRTC_ICE_TIMEOUT_MS", "--ice-timeout-ms",
                   "Time ICE may take to connect before the attempt fails, in milliseconds.",
                   "an integer from 1000 to 300000", null,
                   (b, s) -> set(parseIntOrNull(s), value -> b.iceTimeout(Duration.ofMillis(value))),
                   c -> Long.toString(c.iceTimeout().toMillis())),
    MAX_CONNECTION_ATTEMPTS("WEBRTC_MAX_CONNECTION_ATTEMPTS", "--max-connection-attempts",
                            "Attempts at a peer connection before giving up.",
                            "an integer from 1 to 100", null,
                            (b, s) -> set(parseIntOrNull(s), b::maxConnectionAttempts),
                            c -> Integer.toString(c.maxConnectionAttempts())),
    RECONNECT_INITIAL_DELAY_MS("WEBRTC_RECONNECT_INITIAL_DELAY_MS", "--reconnect-initial-delay-ms",
                               "Delay before a lost signaling connection is first retried, in milliseconds.",
                               "an integer from 1 to 60000", null,
                               (b, s) -> set(parseIntOrNull(s),
                                             value -> b.reconnectInitialDelay(Duration.ofMillis(value))),
                               c -> Long.toString(c.reconnectInitialDelay().toMillis())),
    RECONNECT_BACKOFF_FACTOR("WEBRTC_RECONNECT_BACKOFF_FACTOR", "--reconnect-backoff-factor",
                             "What each reconnection delay is multiplied by after a failed attempt.",
                             "a decimal number from 1 to 10", null,
                             (b, s) -> set(ConfigText.parseDecimalOrNull(s), b::reconnectBackoffFactor),
                             c -> ConfigText.formatDecimal(c.reconnectBackoffFactor())),
    RECONNECT_MAX_DELAY_MS("WEBRTC_RECONNECT_MAX_DELAY_MS", "--reconnect-max-delay-ms",
                           "Longest delay between reconnection attempts, in milliseconds.",
                           "an integer from 1 to 600000, at least the initial delay", null,
                           (b, s) -> set(parseIntOrNull(s), value -> b.reconnectMaxDelay(Duration.ofMillis(value))),
                           c -> Long.toString(c.reconnectMaxDelay().toMillis())),
    RECONNECT_MAX_ATTEMPTS("WEBRTC_RECONNECT_MAX_ATTEMPTS", "--reconnect-max-attempts",
                           "Reconnection attempts after a lost signaling connection before giving up; 0 never "
                           + "gives up.",
                           "an integer from 0 to 100000", null,
                           (b, s) -> set(parseIntOrNull(s), b::reconnectMaxAttempts),
                           c -> Integer.toString(c.reconnectMaxAttempts())),
    ENABLE_KEEPALIVE("WEBRTC_ENABLE_KEEPALIVE", "--enable-keepalive",
                     "Send STUN consent/keepalive checks on idle connections (RFC 7675).",
                     "true or false", null,
                     (b, s) -> set(parseBooleanOrNull(s), b::keepaliveEnabled),
                     c -> Boolean.toString(c.keepaliveEnabled())),
    KEEPALIVE_INTERVAL_MS("WEBRTC_KEEPALIVE_INTERVAL_MS", "--keepalive-interval-ms",
                          "Interval between keepalive checks, in milliseconds.",
                          "an integer from 1000 to 29000", null,
                          (b, s) -> set(parseIntOrNull(s), value -> b.keepaliveInterval(Duration.ofMillis(value))),
                          c -> Long.toString(c.keepaliveInterval().toMillis())),
    ENABLE_GRPC_SIGNALING("WEBRTC_ENABLE_GRPC_SIGNALING", "--enable-grpc-signaling",
                          "Serve gRPC signaling.",
                          "true or false", null,
                          (b, s) -> set(parseBooleanOrNull(s), b::grpcSignalingEnabled),
                          c -> Boolean.toString(c.grpcSignalingEnabled())),
    GRPC_SIGNALING_ADDRESS("GRPC_SIGNALING_ADDRESS", "--grpc-address",
                           "Address the gRPC signaling server listens on.",
                           "host:port or [ipv6]:port with a port from 0 to 65535", null,
                           (b, s) -> set(HostPort.parseOrNull(s), b::grpcSignalingAddress),
                           c -> c.grpcSignalingAddress().toString()),
    PIPELINE_MANIFEST("WEBRTC_PIPELINE_MANIFEST", "--manifest",
                      "Pipeline manifest (YAML or JSON) of the default pipeline, the one a client gets when it "
                      + "names none; also served by its file name without the extension.",
                      "the path of a readable manifest file", "none: the built-in loopback manifest",
                      (b, s) -> set(Path.of(s), b::pipelineManifest),
                      c -> c.pipelineManifest().map(Path::toString).orElse("")),
    MANIFESTS_DIR("WEBRTC_MANIFESTS_DIR", "--manifests-dir",
                  "Folder of pipeline manifests clients may choose from by name: every *.yaml, *.yml and "
                  + "*.json file in it, named by its file name without the extension.",
                  "the path of a readable folder", "none: only the built-in manifests",
                  (b, s) -> set(Path.of(s), b::manifestsDir),
                  c -> c.manifestsDir().map(Path::toString).orElse("")),
    HTTP_PORT("HTTP_PORT", "--http-port",
              "HTTP port for signaling, health, metrics and the web client; 0 picks a free port.",
              "a port from 0 to 65535", null,
              (b, s) -> set(parseIntOrNull(s), b::httpPort),
              c -> Integer.toString(c.httpPort())),
    UDP_PORT("WEBRTC_UDP_PORT", "--udp-port",
             "The one UDP port for every peer's media and data; 0 picks a free port.",
             "a port from 0 to 65535", null,
             (b, s) -> set(parseIntOrNull(s), b::udpPort),
             c -> Integer.toString(c.udpPort())),
    ICE_ADDRESSES("WEBRTC_ICE_ADDRESSES", "--ice-addresses",
                  "Addresses offered as host candidates, comma-separated.",
                  "comma-separated IPv4 or IPv6 literals, no wildcard, multicast or repeated address",
                  "every non-loopback interface address, or 127.0.0.1 when there is none",
                  (b, s) -> set(parseList(s, ConfigKey::parseAddressOrNull), b::iceAddresses),
                  c -> joined(c.iceAddresses(), WebRtcTransportConfig::literal)),
    LOG_LEVEL("LOG_LEVEL", "--log-level",
              "Log level.",
              "one of: " + lowerNames(LogLevel.values()), null,
              (b, s) -> set(parseEnumOrNull(LogLevel.class, s), b::logLevel),
              c -> c.logLevel().name().toLowerCase(Locale.ROOT));

    static final int MAX_PEERS_LIMIT = 10_000;
    private static final String MASK = "***";

    private final String envVar;
    private final String flag;
    private final String description;
    private final String expected;
    private final @Nullable String emptyMeans;
    private final BiPredicate<WebRtcTransportConfig.Builder, String> parser;
    private final Function<WebRtcTransportConfig, String> formatter;

    ConfigKey(String envVar, String flag, String description, String expected, @Nullable String emptyMeans,
              BiPredicate<WebRtcTransportConfig.Builder, String> parser,
              Function<WebRtcTransportConfig, String> formatter) {
        this.envVar = envVar;
        this.flag = flag;
        this.description = description;
        this.expected = expected;
        this.emptyMeans = emptyMeans;
        this.parser = parser;
        this.formatter = formatter;
    }

    /** The environment variable, such as {@code WEBRTC_MAX_PEERS}. */
    public String envVar() {
        return envVar;
    }

    /** The long CLI flag, such as {@code --max-peers}. */
    public String flag() {
        return flag;
    }

    /** One sentence on what the option does. */
    public String description() {
        return description;
    }

    /** What values are accepted, as shown in error messages. */
    public String expected() {
        return expected;
    }

    /** Whether the option's value holds secrets that must not be printed. */
    public boolean secret() {
        return this == TURN_SERVERS || this == SIGNALING_AUTH_TOKEN;
    }

    /**
     * Parses {@code text} into {@code builder}. On a syntax error the builder is left untouched and
     * {@code false} is returned; ranges are checked later by {@link WebRtcTransportConfig#validate()}.
     */
    public boolean parseInto(WebRtcTransportConfig.Builder builder, String text) {
        try {
            return parser.test(builder, text.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The value of this option in {@code config}, as text that parses back to the same value. */
    public String format(WebRtcTransportConfig config) {
        return formatter.apply(config);
    }

    /** The value of this option in {@code config} for people: secrets masked, empty explained. */
    public String display(WebRtcTransportConfig config) {
        final String text;
        if (this == TURN_SERVERS) {
            text = joined(config.turnServers(), TurnServer::toString);
        } else if (this == SIGNALING_AUTH_TOKEN) {
            text = config.signalingAuthToken().isPresent() ? MASK : "";
        } else {
            text = format(config);
        }
        return text.isEmpty() && emptyMeans != null ? "(" + emptyMeans + ')' : text;
    }

    /**
     * {@code text} as it may be shown to people. For a secret option no raw text is echoed: an entry
     * that parses is shown with its credential masked, and one that does not shows only its scheme
     * and first field (the host, or a username), never what follows.
     */
    public String mask(String text) {
        if (!secret()) {
            return text;
        }
        if (this == SIGNALING_AUTH_TOKEN) {
            return text.isEmpty() ? text : MASK;
        }
        return Arrays.stream(text.split(",", -1)).map(ConfigKey::maskTurnEntry).collect(Collectors.joining(","));
    }

    private static String maskTurnEntry(String entry) {
        final String trimmed = entry.strip();
        if (trimmed.isEmpty()) {
            return trimmed;
        }
        final TurnServer parsed = TurnServer.parseOrNull(trimmed);
        if (parsed != null) {
            return parsed.toString();
        }
        final int schemeEnd = trimmed.indexOf(':');
        if (schemeEnd < 0) {
            return "***";
        }
        final int fieldEnd = indexOfAny(trimmed, schemeEnd + 1, ":@/?");
        return trimmed.substring(0, fieldEnd) + ":***";
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** Masks the credential of every {@code turn:}/{@code turns:} entry found in free text. */
    public static String maskCredentials(String text) {
        return TURN_IN_TEXT.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                TURN_SERVERS.mask(m.group())));
    }

    private static final java.util.regex.Pattern TURN_IN_TEXT =
            java.util.regex.Pattern.compile("(?i)turns?:[^\\s'\"]*");

    /** Hands a parsed value to a builder setter; a {@code null} value means the text was bad. */
    private static <T> boolean set(@Nullable T value, Consumer<T> setter) {
        if (value == null) {
            return false;
        }
        setter.accept(value);
        return true;
    }

    private static @Nullable URI parseUriOrNull(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static @Nullable InetAddress parseAddressOrNull(String text) {
        final byte[] bytes = ConfigText.parseIpLiteralOrNull(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes); // from bytes: never a name lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> @Nullable E parseEnumOrNull(Class<E> type, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
        }
        return null;
    }

    /** Parses a comma-separated list, ignoring empty items; {@code null} if any item is bad. */
    private static <T> @Nullable List<T> parseList(String text, Function<String, @Nullable T> itemParser) {
        final List<T> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            final String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            final T parsed = itemParser.apply(trimmed);
            if (parsed == null) {
                return null;
            }
            items.add(parsed);
        }
        return items;
    }

    private static <T> String joined(List<T> items, Function<T, String> format) {
        return items.stream().map(format).collect(Collectors.joining(","));
    }

    private static String lowerNames(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
