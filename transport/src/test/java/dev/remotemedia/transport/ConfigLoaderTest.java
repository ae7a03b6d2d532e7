package dev.remotemedia.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigLoaderTest {

    @ParameterizedTest(name = "{0} defaults to ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "SIGNALING_URL           | ws://localhost:8080",
        "SIGNALING_AUTH_TOKEN    | ''",
        "SIGNALING_ALLOWED_ORIGINS | ''",
        "STUN_SERVERS            | ''",
        "TURN_SERVERS            | ''",
        "MAX_PEERS               | 10",
        "AUDIO_CODEC             | opus",
        "VIDEO_CODEC             | vp8",
        "VIDEO_RESOLUTION        | 1280x720",
        "ENABLE_DATA_CHANNEL     | true",
        "JITTER_BUFFER_MS        | 100",
        "ICE_TIMEOUT_MS          | 10000",
        "MAX_CONNECTION_ATTEMPTS | 3",
        "RECONNECT_INITIAL_DELAY_MS | 500",
        "RECONNECT_BACKOFF_FACTOR   | 2",
        "RECONNECT_MAX_DELAY_MS     | 30000",
        "RECONNECT_MAX_ATTEMPTS     | 10",
        "ENABLE_KEEPALIVE        | true",
        "KEEPALIVE_INTERVAL_MS   | 5000",
        "ENABLE_GRPC_SIGNALING   | false",
        "GRPC_SIGNALING_ADDRESS  | 0.0.0.0:50051",
        "PIPELINE_MANIFEST       | ''",
        "MANIFESTS_DIR           | ''",
        "HTTP_PORT               | 8080",
        "UDP_PORT                | 10000",
        "ICE_ADDRESSES           | ''",
        "LOG_LEVEL               | info",
    })
    void everyKeyHasItsDocumentedDefault(ConfigKey key, String expected) {
        final ConfigLoader.Result result = ConfigLoader.load(Map.of(), Map.of());
        assertThat(result.problems()).isEmpty();
        assertThat(key.format(result.config())).isEqualTo(expected);
        assertThat(key.format(WebRtcTransportConfig.defaults())).isEqualTo(expected);
    }

    @Test
    void defaultsAreValidAndTypedAsDocumented() {
        final WebRtcTransportConfig config = WebRtcTransportConfig.defaults();
        assertThat(config.validate()).isEmpty();
        assertThat(config.maxPeers()).isEqualTo(10);
        assertThat(config.jitterBufferMs()).isEqualTo(100);
        assertThat(config.iceTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.keepaliveInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.stunServers()).isEmpty();
        assertThat(config.pipelineManifest()).isEmpty();
        assertThat(config.grpcSignalingAddress()).isEqualTo(new HostPort("0.0.0.0", 50051));
        assertThat(config.videoResolution()).isEqualTo(new VideoResolution(1280, 720));
    }

    @ParameterizedTest(name = "{0}={1} reads as ''{2}''")
    @CsvSource(delimiter = '|', value = {
        "SIGNALING_URL           | wss://signal.example.com:8443/ws   | wss://signal.example.com:8443/ws",
        "SIGNALING_URL           | grpc://signal.example.com:50051    | grpc://signal.example.com:50051",
        "SIGNALING_URL           | grpcs://signal.example.com:443     | grpcs://signal.example.com:443",
        "SIGNALING_AUTH_TOKEN    | s3cr3t-T0ken_with.symbols!        | s3cr3t-T0ken_with.symbols!",
        "SIGNALING_ALLOWED_ORIGINS | HTTPS://App.Example.com:443, http://localhost:3000/ | https://app.example.com,http://localhost:3000",
        "SIGNALING_ALLOWED_ORIGINS | *                                | *",
        "SIGNALING_ALLOWED_ORIGINS | http://[::1]:8080,http://127.0.0.1 | http://[::1]:8080,http://127.0.0.1",
        "RECONNECT_INITIAL_DELAY_MS | 1                               | 1",
        "RECONNECT_BACKOFF_FACTOR   | 1.5                             | 1.5",
        "RECONNECT_BACKOFF_FACTOR   | 10.0                            | 10",
        "RECONNECT_MAX_DELAY_MS     | 600000                          | 600000",
        "RECONNECT_MAX_ATTEMPTS     | 0                               | 0",
        "STUN_SERVERS            | stun:stun.example.com:19302, stuns:[2001:db8::1] | stun:stun.example.com:19302,stuns:[2001:db8::1]:5349",
        "STUN_SERVERS            | stun:10.0.0.1                      | stun:10.0.0.1:3478",
        "STUN_SERVERS            | STUN:Stun.Example.com               | stun:Stun.Example.com:3478",
        "TURN_SERVERS            | TURNS:turn.example.com:443:u:p     | turns:turn.example.com:443:u:p",
        "VIDEO_RESOLUTION        | 1920X1080                          | 1920x1080",
        "TURN_SERVERS            | turn:turn.example.com:3478:alice:secret,turns:[::1]:5349:bob:pw | turn:turn.example.com:3478:alice:secret,turns:[::1]:5349:bob:pw",
        "MAX_PEERS               | 250                                | 250",
        "MAX_PEERS               | 10000                              | 10000",
        "AUDIO_CODEC             | OPUS                               | opus",
        "VIDEO_CODEC             | H264                               | h264",
        "VIDEO_CODEC             | av1                                | av1",
        "VIDEO_RESOLUTION        | 640x480                            | 640x480",
        "ENABLE_DATA_CHANNEL     | false                              | false",
        "ENABLE_DATA_CHANNEL     | no                                 | false",
        "JITTER_BUFFER_MS        | 20                                 | 20",
        "ICE_TIMEOUT_MS          | 300000                             | 300000",
        "MAX_CONNECTION_ATTEMPTS | 1                                  | 1",
        "ENABLE_KEEPALIVE        | off                                | false",
        "KEEPALIVE_INTERVAL_MS   | 29000                              | 29000",
        "ENABLE_GRPC_SIGNALING   | TRUE                               | true",
        "GRPC_SIGNALING_ADDRESS  | [::1]:6000                         | [::1]:6000",
        "GRPC_SIGNALING_ADDRESS  | grpc.internal:443                  | grpc.internal:443",
        "HTTP_PORT               | 0                                  | 0",
        "UDP_PORT                | 65535                              | 65535",
        "ICE_ADDRESSES           | 127.0.0.1, ::1                     | 127.0.0.1,0:0:0:0:0:0:0:1",
        "LOG_LEVEL               | Debug                              | debug",
    })
    void everyKeyIsReadFromItsEnvironmentVariableAndItsFlag(ConfigKey key, String text, String expected) {
        final ConfigLoader.Result fromEnv = ConfigLoader.load(Map.of(), Map.of(key.envVar(), text));
        assertThat(fromEnv.problems()).isEmpty();
        assertThat(key.format(fromEnv.config())).isEqualTo(expected);

        final ConfigLoader.Result fromFlag = ConfigLoader.load(Map.of(key, text), Map.of());
        assertThat(fromFlag.problems()).isEmpty();
        assertThat(key.format(fromFlag.config())).isEqualTo(expected);
    }

    @Test
    void manifestPathIsReadWhenTheFileExists(@TempDir Path dir) throws Exception {
        final Path manifest = Files.writeString(dir.resolve("loopback.yaml"), "version: v1\n");
        final ConfigLoader.Result result =
                ConfigLoader.load(Map.of(), Map.of("WEBRTC_PIPELINE_MANIFEST", manifest.toString()));
        assertThat(result.problems()).isEmpty();
        assertThat(result.config().pipelineManifest()).contains(manifest);
    }

    @Test
    void manifestsDirIsReadWhenTheFolderExists(@TempDir Path dir) {
        final ConfigLoader.Result fromEnv = ConfigLoader.load(Map.of(), Map.of("WEBRTC_MANIFESTS_DIR", dir.toString()));
        assertThat(fromEnv.problems()).isEmpty();
        assertThat(fromEnv.config().manifestsDir()).contains(dir);
        final ConfigLoader.Result fromFlag = ConfigLoader.load(Map.of(ConfigKey.MANIFESTS_DIR, dir.toString()), Map.of());
        assertThat(fromFlag.config().manifestsDir()).contains(dir);
    }

    @Test
    void aManifestFileIsNotAManifestsDir(@TempDir Path dir) throws Exception {
        final Path file = Files.writeString(dir.resolve("loopback.yaml"), "version: v1\n");
        final ConfigLoader.Result result = ConfigLoader.load(Map.of(), Map.of("WEBRTC_MANIFESTS_DIR", file.toString()));
        assertThat(result.problems()).singleElement().hasToString(
                "WEBRTC_MANIFESTS_DIR (--manifests-dir): '" + file + "' (expected: the path of a readable folder)");
    }

    @ParameterizedTest(name = "{0}=''{1}'' is refused")
    @CsvSource(delimiter = '|', value = {
        "SIGNALING_URL           | http://localhost:8080",
        "SIGNALING_URL           | ws://",
        "SIGNALING_URL           | ws://bad host",
        "SIGNALING_URL           | ws://host:0",
        "SIGNALING_URL           | grpc://signal.example.com",
        "SIGNALING_URL           | grpc://host:0",
        "STUN_SERVERS            | stun.example.com:3478",
        "STUN_SERVERS            | stun:host:0",
        "STUN_SERVERS            | stun:host:65536",
        "STUN_SERVERS            | stun:[::1",
        "STUN_SERVERS            | stun:ho st",
        "TURN_SERVERS            | turn:turn.example.com:3478:alice",
        "TURN_SERVERS            | turn:turn.example.com:3478::secret",
        "TURN_SERVERS            | turn:turn.example.com:3478:alice:",
        "TURN_SERVERS            | turn:turn.example.com:0:alice:secret",
        "TURN_SERVERS            | turn:turn.example.com:port:alice:secret",
        "TURN_SERVERS            | turn:turn.example.com:3478:al%ZZice:secret",
        "TURN_SERVERS            | stun:turn.example.com:3478:alice:secret",
        "TURN_SERVERS            | turn:turn.example.com:3478:alice:%C3",
        "TURN_SERVERS            | turn:turn.example.com:+3478:alice:secret",
        "TURN_SERVERS            | turn:-bad-.example.com:3478:alice:secret",
        "MAX_PEERS               | 0",
        "MAX_PEERS               | -1",
        "MAX_PEERS               | 10001",
        "MAX_PEERS               | ten",
        "MAX_PEERS               | 99999999999",
        "AUDIO_CODEC             | aac",
        "VIDEO_CODEC             | h265",
        "VIDEO_RESOLUTION        | 1280",
        "VIDEO_RESOLUTION        | 1281x720",
        "VIDEO_RESOLUTION        | 8x8",
        "VIDEO_RESOLUTION        | 8192x4320",
        "VIDEO_RESOLUTION        | 1280x720x3",
        "ENABLE_DATA_CHANNEL     | maybe",
        "JITTER_BUFFER_MS        | 19",
        "JITTER_BUFFER_MS        | 1001",
        "ICE_TIMEOUT_MS          | 999",
        "ICE_TIMEOUT_MS          | 300001",
        "MAX_CONNECTION_ATTEMPTS | 0",
        "MAX_CONNECTION_ATTEMPTS | 101",
        "SIGNALING_AUTH_TOKEN    | has space",
        "SIGNALING_ALLOWED_ORIGINS | example.com",
        "SIGNALING_ALLOWED_ORIGINS | ftp://example.com",
        "SIGNALING_ALLOWED_ORIGINS | https://example.com/path",
        "SIGNALING_ALLOWED_ORIGINS | http://example.com:0",
        "SIGNALING_ALLOWED_ORIGINS | http://[zz::1]",
        "RECONNECT_INITIAL_DELAY_MS | 0",
        "RECONNECT_INITIAL_DELAY_MS | 60001",
        "RECONNECT_BACKOFF_FACTOR   | 0.5",
        "RECONNECT_BACKOFF_FACTOR   | 10.5",
        "RECONNECT_BACKOFF_FACTOR   | 1e3",
        "RECONNECT_BACKOFF_FACTOR   | -2",
        "RECONNECT_MAX_DELAY_MS     | 499",
        "RECONNECT_MAX_DELAY_MS     | 600001",
        "RECONNECT_MAX_ATTEMPTS     | -1",
        "RECONNECT_MAX_ATTEMPTS     | 100001",
        "ENABLE_KEEPALIVE        | 2",
        "KEEPALIVE_INTERVAL_MS   | 999",
        "KEEPALIVE_INTERVAL_MS   | 30000",
        "ENABLE_GRPC_SIGNALING   | enabled",
        "GRPC_SIGNALING_ADDRESS  | 0.0.0.0",
        "GRPC_SIGNALING_ADDRESS  | 0.0.0.0:70000",
        "GRPC_SIGNALING_ADDRESS  | ::1:6000",
        "PIPELINE_MANIFEST       | /no/such/manifest.yaml",
        "MANIFESTS_DIR           | /no/such/folder",
        "HTTP_PORT               | -1",
        "HTTP_PORT               | 65536",
        "HTTP_PORT               | http",
        "UDP_PORT                | 65536",
        "ICE_ADDRESSES           | localhost",
        "ICE_ADDRESSES           | 0.0.0.0",
        "ICE_ADDRESSES           | 224.0.0.1",
        "ICE_ADDRESSES           | 127.0.0.1,127.0.0.1",
        "ICE_ADDRESSES           | 256.1.1.1",
        "ICE_ADDRESSES           | 1:2:3",
        "LOG_LEVEL               | verbose",
    })
    void everyBadValueIsReportedWithItsKeyValueAndExpectation(ConfigKey key, String text) {
        final ConfigLoader.Result result = ConfigLoader.load(Map.of(), Map.of(key.envVar(), text));
        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).hasSize(1);
        final ConfigProblem problem = result.problems().get(0);
        assertThat(problem.key()).isEqualTo(key);
        assertThat(problem.expected()).isEqualTo(key.expected());
        assertThat(problem.toString())
                .startsWith(key.envVar() + " (" + key.flag() + "): '")
                .endsWith("(expected: " + key.expected() + ')');
    }

    @Test
    void everyKeyHasABadValueTestAndAGoodValueTest() throws Exception {
        final Set<String> refused = csvKeys("everyBadValueIsReportedWithItsKeyValueAndExpectation");
        final Set<String> read = csvKeys("everyKeyIsReadFromItsEnvironmentVariableAndItsFlag");
        for (ConfigKey key : ConfigKey.values()) {
            // Paths that must exist are read from temp files in their own tests.
            if (key != ConfigKey.PIPELINE_MANIFEST && key != ConfigKey.MANIFESTS_DIR) {
                assertThat(read).as("keys with a good-value test").contains(key.name());
            }
            assertThat(refused).as("keys with a bad-value test").contains(key.name());
        }
    }

    private static Set<String> csvKeys(String method) throws Exception {
        final CsvSource source = Arrays.stream(ConfigLoaderTest.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(method)).findFirst().orElseThrow()
                .getAnnotation(CsvSource.class);
        return Arrays.stream(source.value()).map(row -> row.split("\\|")[0].strip()).collect(Collectors.toSet());
    }

    @Test
    void reportsEveryProblemAtOnceInKeyOrder() {
        final ConfigLoader.Result result = ConfigLoader.load(
                Map.of(ConfigKey.HTTP_PORT, "99999"),
                Map.of("WEBRTC_MAX_PEERS", "0", "LOG_LEVEL", "loud", "WEBRTC_JITTER_BUFFER_MS", "5"));
        assertThat(result.problems()).extracting(ConfigProblem::key).containsExactly(
                ConfigKey.MAX_PEERS, ConfigKey.JITTER_BUFFER_MS, ConfigKey.HTTP_PORT, ConfigKey.LOG_LEVEL);
        assertThatThrownBy(result::requireValid)
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("4 problems")
                .hasMessageContaining("WEBRTC_MAX_PEERS (--max-peers): '0' (expected: an integer from 1 to 10000)")
                .hasMessageContaining("HTTP_PORT (--http-port): '99999'")
                .hasMessageContaining("LOG_LEVEL (--log-level): 'loud'")
                .hasMessageContaining("WEBRTC_JITTER_BUFFER_MS (--jitter-buffer-ms): '5'");
    }

    @Test
    void flagWinsOverEnvironmentWhichWinsOverDefault() {
        final Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.MAX_PEERS, "7");
        final ConfigLoader.Result result = ConfigLoader.load(
                flags, Map.of("WEBRTC_MAX_PEERS", "20", "HTTP_PORT", "9090"));
        assertThat(result.config().maxPeers()).isEqualTo(7);
        assertThat(result.config().httpPort()).isEqualTo(9090);
        assertThat(result.config().udpPort()).isEqualTo(10000);
    }

    @Test
    void emptyEnvironmentVariableMeansUnset() {
        final ConfigLoader.Result result = ConfigLoader.load(Map.of(), Map.of("HTTP_PORT", "", "LOG_LEVEL", ""));
        assertThat(result.problems()).isEmpty();
        assertThat(result.config().httpPort()).isEqualTo(8080);
    }

    @Test
    void emptyFlagIsAValueNotAnAbsence() {
        final ConfigLoader.Result result = ConfigLoader.load(Map.of(ConfigKey.HTTP_PORT, ""), Map.of());
        assertThat(result.problems()).extracting(ConfigProblem::key).containsExactly(ConfigKey.HTTP_PORT);
    }

    @Test
    void unrelatedEnvironmentIsIgnored() {
        final ConfigLoader.Result result = ConfigLoader.load(Map.of(), Map.of("PATH", "/usr/bin", "PORT", "x"));
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void turnCredentialMayHoldColonsAndEscapes() {
        final ConfigLoader.Result result = ConfigLoader.load(Map.of(), Map.of(
                "WEBRTC_TURN_SERVERS",
                "turn:turn.example.com:3478:1700000000%3Aalice:pa:ss%2Cword%25,turns:[2001:db8::2]:443:u:p"));
        assertThat(result.problems()).isEmpty();
        assertThat(result.config().turnServers()).containsExactly(
                new TurnServer(false, "turn.example.com", 3478, "1700000000:alice", "pa:ss,word%"),
                new TurnServer(true, "2001:db8::2", 443, "u", "p"));
        // What is printed for the config parses back to the same servers.
        final String text = ConfigKey.TURN_SERVERS.format(result.config());
        assertThat(ConfigLoader.load(Map.of(ConfigKey.TURN_SERVERS, text), Map.of()).config().turnServers())
                .isEqualTo(result.config().turnServers());
    }

    @Test
    void turnCredentialsNeverAppearInMessagesOrToString() {
        final ConfigLoader.Result bad = ConfigLoader.load(Map.of(), Map.of(
                "WEBRTC_TURN_SERVERS", "turn:turn.example.com:0:alice:hunter2"));
        assertThat(bad.problems()).hasSize(1);
        assertThat(bad.problems().get(0).toString()).doesNotContain("hunter2").contains("alice:***");

        final ConfigLoader.Result unparsable = ConfigLoader.load(Map.of(), Map.of(
                "WEBRTC_TURN_SERVERS", "turn:[::1]:x:alice:hunter2"));
        assertThat(unparsable.problems().get(0).toString()).doesNotContain("hunter2");

        final ConfigLoader.Result good = ConfigLoader.load(Map.of(), Map.of(
                "WEBRTC_TURN_SERVERS", "turn:turn.example.com:3478:alice:hunter2"));
        assertThat(good.config().toString()).doesNotContain("hunter2").contains("alice:***");
        assertThat(ConfigKey.TURN_SERVERS.display(good.config())).doesNotContain("hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "turn:turn.example.com:alice:hunter2                 | turn:turn.example.com:***",
        "turn:turn.example.com:3478:alice:hun]ter2,bad       | turn:turn.example.com:3478:alice:***,***",
        "turn:turn.example.com:3478:alice:hun,ter2hunter2    | turn:turn.example.com:3478:alice:***,***",
        "turn:alice:hunter2@turn.example.com:3478            | turn:alice:***",
        "turn:[::1]:3478:alice:hunter2                       | turn:[::1]:3478:alice:***",
        "turn:[::1:x:alice:hunter2                           | turn:[:***",
        "hunter2                                             | ***",
    })
    void maskingNeverEchoesACredential(String value, String shown) {
        assertThat(ConfigKey.TURN_SERVERS.mask(value)).isEqualTo(shown).doesNotContain("hunter2").doesNotContain("ter2");
        if (value.startsWith("turn")) {
            assertThat(ConfigKey.maskCredentials("Unknown option: '--turn-server=" + value + "' here"))
                    .isEqualTo("Unknown option: '--turn-server=" + shown + "' here");
        }
    }

    @Test
    void theAuthTokenNeverAppearsInMessagesOrToString() {
        final ConfigLoader.Result good = ConfigLoader.load(Map.of(), Map.of("SIGNALING_AUTH_TOKEN", "hunter2"));
        assertThat(good.problems()).isEmpty();
        assertThat(good.config().signalingAuthToken()).contains("hunter2");
        assertThat(good.config().toString()).doesNotContain("hunter2").contains("signaling_auth_token=***");
        assertThat(ConfigKey.SIGNALING_AUTH_TOKEN.display(good.config())).isEqualTo("***");
        assertThat(ConfigKey.SIGNALING_AUTH_TOKEN.display(WebRtcTransportConfig.defaults()))
                .isEqualTo("(none: peers announce without a token)");

        final ConfigLoader.Result bad = ConfigLoader.load(Map.of(), Map.of("SIGNALING_AUTH_TOKEN", "hunter2 x"));
        assertThat(bad.problems()).hasSize(1);
        assertThat(bad.problems().get(0).toString()).doesNotContain("hunter2").contains("'***'");
        assertThat(WebRtcTransportConfig.builder().signalingAuthToken("bad token").build().validate())
                .singleElement().satisfies(p -> assertThat(p.toString()).doesNotContain("bad token"));
    }

    @Test
    void theReconnectMaxDelayMustNotBeShorterThanTheInitialDelay() {
        final ConfigLoader.Result result = ConfigLoader.load(Map.of(), Map.of(
                "WEBRTC_RECONNECT_INITIAL_DELAY_MS", "2000", "WEBRTC_RECONNECT_MAX_DELAY_MS", "1000"));
        assertThat(result.problems()).extracting(ConfigProblem::key)
                                     .containsExactly(ConfigKey.RECONNECT_MAX_DELAY_MS);
        final WebRtcTransportConfig config = ConfigLoader.load(Map.of(), Map.of(
                "WEBRTC_RECONNECT_INITIAL_DELAY_MS", "250", "WEBRTC_RECONNECT_BACKOFF_FACTOR", "1.5",
                "WEBRTC_RECONNECT_MAX_DELAY_MS", "4000", "WEBRTC_RECONNECT_MAX_ATTEMPTS", "7")).requireValid();
        assertThat(config.reconnectInitialDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.reconnectBackoffFactor()).isEqualTo(1.5);
        assertThat(config.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.reconnectMaxAttempts()).isEqualTo(7);
    }

    @Test
    void builtOriginsMustBeNormalized() {
        assertThat(WebRtcTransportConfig.builder().allowedOrigins(java.util.List.of("HTTP://Example.com")).build()
                                        .validate())
                .extracting(ConfigProblem::key).containsExactly(ConfigKey.SIGNALING_ALLOWED_ORIGINS);
        assertThat(WebRtcTransportConfig.builder().allowedOrigins(java.util.List.of("http://example.com", "*"))
                                        .build().validate()).isEmpty();
    }

    @Test
    void builtValuesAreValidatedToo() {
        final WebRtcTransportConfig config = WebRtcTransportConfig.builder()
                .grpcSignalingAddress(new HostPort("", 6000))
                .stunServers(java.util.List.of(new StunServer(false, "bad host", 3478)))
                .iceTimeout(Duration.ofDays(365_000_000L))
                .keepaliveInterval(Duration.ofSeconds(-1))
                .build();
        assertThat(config.validate()).extracting(ConfigProblem::key).containsExactly(
                ConfigKey.STUN_SERVERS, ConfigKey.ICE_TIMEOUT_MS, ConfigKey.KEEPALIVE_INTERVAL_MS,
                ConfigKey.GRPC_SIGNALING_ADDRESS);
    }

    @Test
    void configsAreEqualByEveryOptionCredentialsIncluded() {
        final WebRtcTransportConfig a = WebRtcTransportConfig.builder()
                .turnServers(java.util.List.of(new TurnServer(false, "t.example.com", 3478, "u", "one"))).build();
        final WebRtcTransportConfig b = a.toBuilder()
                .turnServers(java.util.List.of(new TurnServer(false, "t.example.com", 3478, "u", "two"))).build();
        assertThat(a).isEqualTo(a.toBuilder().build()).hasSameHashCodeAs(a.toBuilder().build());
        assertThat(a).isNotEqualTo(b);
        assertThat(a.toString()).isEqualTo(b.toString()); // toString masks the difference
        assertThat(WebRtcTransportConfig.defaults()).isEqualTo(WebRtcTransportConfig.builder().build());
    }

    @Test
    void aFullyCustomConfigRoundTripsThroughItsText() throws Exception {
        final WebRtcTransportConfig custom = WebRtcTransportConfig.builder()
                .maxPeers(42).videoCodec(VideoCodec.AV1).videoResolution(new VideoResolution(640, 360))
                .dataChannelEnabled(false).jitterBufferMs(250).iceTimeout(Duration.ofMillis(2500))
                .maxConnectionAttempts(9).keepaliveEnabled(false)
                .signalingAuthToken("t0ken").allowedOrigins(java.util.List.of("https://app.example.com"))
                .reconnectInitialDelay(Duration.ofMillis(100)).reconnectBackoffFactor(1.25)
                .reconnectMaxDelay(Duration.ofMillis(900)).reconnectMaxAttempts(0).keepaliveInterval(Duration.ofMillis(2000))
                .grpcSignalingEnabled(true).grpcSignalingAddress(new HostPort("127.0.0.1", 6000))
                .httpPort(18080).udpPort(20000).logLevel(LogLevel.WARN)
                .iceAddresses(java.util.List.of(InetAddress.getByName("127.0.0.1")))
                .stunServers(java.util.List.of(new StunServer(false, "127.0.0.1", 3478)))
                .build();
        final Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.format(custom).isEmpty()) {
                flags.put(key, key.format(custom));
            }
        }
        final ConfigLoader.Result result = ConfigLoader.load(flags, Map.of());
        assertThat(result.problems()).isEmpty();
        assertThat(result.config()).isEqualTo(custom);
    }

    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void everyKeyIsDocumented(ConfigKey key) {
        assertThat(key.envVar()).matches("[A-Z][A-Z0-9_]+");
        assertThat(key.flag()).matches("--[a-z][a-z0-9-]+");
        assertThat(key.description()).endsWith(".");
        assertThat(key.expected()).isNotBlank();
    }
}
