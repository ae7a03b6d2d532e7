package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.transport.ConfigKey;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private ServerCli.Outcome parse(Map<String, String> env, String... args) {
        return ServerCli.parse(args, env, new PrintWriter(out), new PrintWriter(err));
    }

    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void helpListsEveryOptionWithItsEnvironmentVariableAndDefault(ConfigKey key) {
        assertThat(parse(Map.of(), "--help")).isEqualTo(new ServerCli.Exit(0));
        // Picocli wraps lines wherever it likes: compare without white space.
        final String help = noSpace(out.toString());
        assertThat(help).contains(key.flag())
                        .contains(noSpace("Values: " + key.expected() + "."))
                        .contains(noSpace("Env: " + key.envVar() + "."))
                        .contains(noSpace("Default: " + key.display(WebRtcTransportConfig.defaults()) + "."));
        assertThat(err.toString()).isEmpty();
    }

    private static String noSpace(String text) {
        return text.replaceAll("\\s+", "");
    }

    @Test
    void helpShowsTheModeAndTurnEscapes() {
        parse(Map.of(), "-h");
        final String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--mode=MODE").contains("Env: REMOTEMEDIA_MODE").contains("--version")
                        .contains("%3A").contains("%2C").contains("%25");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(parse(Map.of(), "--version")).isEqualTo(new ServerCli.Exit(0));
        assertThat(out.toString()).startsWith("remotemedia-server " + ServerVersion.get());
        assertThat(ServerVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void defaultsStartInServerMode() {
        final ServerCli.Outcome outcome = parse(Map.of());
        assertThat(outcome).isInstanceOf(ServerCli.Start.class);
        final ServerCli.Start start = (ServerCli.Start) outcome;
        assertThat(start.mode()).isEqualTo(ServerMode.SERVER);
        assertThat(start.config().toString()).isEqualTo(WebRtcTransportConfig.defaults().toString());
    }

    @Test
    void zeroMaxPeersExitsTwoNamingTheKey() {
        assertThat(parse(Map.of("WEBRTC_MAX_PEERS", "0"))).isEqualTo(new ServerCli.Exit(2));
        assertThat(err.toString())
                .contains("cannot start, 1 problem:")
                .contains("WEBRTC_MAX_PEERS (--max-peers): '0' (expected: an integer from 1 to 10000)");
    }

    @Test
    void reportsEveryProblemOfFlagsEnvironmentAndModeAtOnce() {
        assertThat(parse(Map.of("LOG_LEVEL", "chatty"), "--mode", "relay", "--http-port", "-5"))
                .isEqualTo(new ServerCli.Exit(2));
        assertThat(err.toString())
                .contains("3 problems")
                .contains("REMOTEMEDIA_MODE (--mode): 'relay' (expected: one of: server, websocket, grpc)")
                .contains("HTTP_PORT (--http-port): '-5'")
                .contains("LOG_LEVEL (--log-level): 'chatty'");
    }

    @Test
    void grpcSignalingInWebsocketModeIsReportedAlongWithOtherProblems() {
        assertThat(parse(Map.of("REMOTEMEDIA_MODE", "websocket"), "--max-peers=0", "--enable-grpc-signaling"))
                .isEqualTo(new ServerCli.Exit(2));
        assertThat(err.toString()).contains("2 problems").contains("WEBRTC_MAX_PEERS")
                                  .contains("WEBRTC_ENABLE_GRPC_SIGNALING (--enable-grpc-signaling): mode websocket "
                                            + "joins an external signaling server and serves no signaling of its own");
    }

    @Test
    void anEmptyModeFlagIsABadValue() {
        assertThat(parse(Map.of(), "--mode=")).isEqualTo(new ServerCli.Exit(2));
        assertThat(err.toString()).contains("REMOTEMEDIA_MODE (--mode): '' (expected: one of: server, websocket, grpc)");
        assertThat(parse(Map.of("REMOTEMEDIA_MODE", ""))).isInstanceOf(ServerCli.Start.class);
    }

    @Test
    void optionsWithoutEffectYetAreStartedWithANotice() {
        final ServerCli.Start start = (ServerCli.Start) parse(
                Map.of("WEBRTC_MAX_CONNECTION_ATTEMPTS", "5", "LOG_LEVEL", "debug", "WEBRTC_MAX_PEERS", "20",
                       "SIGNALING_AUTH_TOKEN", "t0ken"), "--stun-servers", "stun:127.0.0.1",
                "--signaling-url", "ws://signaling.example.com:9000/ws", "--udp-port", "0");
        assertThat(start.notices()).hasSize(2);
        assertThat(start.notices().get(0)).startsWith("WEBRTC_SIGNALING_URL (--signaling-url) = "
                                                      + "ws://signaling.example.com:9000/ws has no effect in mode server");
        assertThat(start.notices().get(1)).startsWith("WEBRTC_MAX_CONNECTION_ATTEMPTS (--max-connection-attempts) = 5 has no effect yet");
        assertThat(((ServerCli.Start) parse(Map.of())).notices()).isEmpty();
    }

    @Test
    void websocketModeTakesTheSignalingUrlAndIgnoresOrigins() {
        final ServerCli.Start start = (ServerCli.Start) parse(
                Map.of("REMOTEMEDIA_MODE", "websocket", "WEBRTC_SIGNALING_URL", "ws://127.0.0.1:9000"),
                "--allowed-origins", "https://app.example.com");
        assertThat(start.mode()).isEqualTo(ServerMode.WEBSOCKET);
        assertThat(start.notices()).singleElement().asString()
                .startsWith("SIGNALING_ALLOWED_ORIGINS (--allowed-origins) = https://app.example.com has no effect "
                            + "in mode websocket");
    }

    @Test
    void usageErrorsNeverEchoTurnCredentials() {
        parse(Map.of(), "--turn-server=turn:h.example.com:3478:alice:hunter2");
        parse(Map.of(), "--turn-servers", "turn:a.example.com:1:u:p,", "turn:b.example.com:1:u:hunter2");
        parse(Map.of(), "--turn-servers", "turn:a.example.com:1:u:p,", "hunter2");
        parse(Map.of(), "--turn-servers=turn:a.example.com:0:u:hunter2");
        assertThat(err.toString()).doesNotContain("hunter2").contains("Unknown option").contains("Unmatched argument")
                                  .contains("u:***");
    }

    @Test
    void usageErrorsAndProblemsNeverEchoTheAuthToken() {
        parse(Map.of(), "--auth-token", "a", "hunter2");
        parse(Map.of(), "--auth-tokens=hunter2");
        parse(Map.of("SIGNALING_AUTH_TOKEN", "hunter2 with spaces"));
        assertThat(err.toString()).doesNotContain("hunter2").contains("Unmatched argument").contains("Unknown option")
                                  .contains("SIGNALING_AUTH_TOKEN (--auth-token): '***'");
    }

    @Test
    void grpcModeServesGrpcSignalingAtTheGivenAddress() {
        final ServerCli.Start start = (ServerCli.Start) parse(Map.of("GRPC_SIGNALING_ADDRESS", "127.0.0.1:6000"),
                                                              "--mode", "grpc");
        assertThat(start.mode()).isEqualTo(ServerMode.GRPC);
        assertThat(start.notices()).isEmpty();
        assertThat(ServerCli.grpcSignaling(start.config(), start.mode())).isTrue();
        assertThat(start.config().grpcSignalingAddress().port()).isEqualTo(6000);
    }

    @Test
    void serverModeServesGrpcSignalingWhenEnabled() {
        final ServerCli.Start enabled = (ServerCli.Start) parse(Map.of("WEBRTC_ENABLE_GRPC_SIGNALING", "true"),
                                                                "--grpc-address", "0.0.0.0:0");
        assertThat(enabled.mode()).isEqualTo(ServerMode.SERVER);
        assertThat(ServerCli.grpcSignaling(enabled.config(), enabled.mode())).isTrue();
        assertThat(enabled.notices()).isEmpty();
        final ServerCli.Start off = (ServerCli.Start) parse(Map.of(), "--grpc-address", "0.0.0.0:6001");
        assertThat(ServerCli.grpcSignaling(off.config(), off.mode())).isFalse();
        assertThat(off.notices()).singleElement().asString()
                .startsWith("GRPC_SIGNALING_ADDRESS (--grpc-address) = 0.0.0.0:6001 has no effect: gRPC signaling is off");
    }

    @Test
    void aBadGrpcAddressNamesTheKey() {
        assertThat(parse(Map.of(), "--mode", "grpc", "--grpc-address", "nowhere")).isEqualTo(new ServerCli.Exit(2));
        assertThat(err.toString()).contains("GRPC_SIGNALING_ADDRESS (--grpc-address): 'nowhere'");
    }

    @Test
    void manifestPathsAreTakenHereAndCheckedByTheCatalogAtStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        final java.nio.file.Path manifest = java.nio.file.Files.writeString(dir.resolve("echo.yaml"), "version: v1\n");
        final ServerCli.Start start = (ServerCli.Start) parse(
                Map.of("WEBRTC_PIPELINE_MANIFEST", manifest.toString()), "--manifests-dir", dir.toString());
        assertThat(start.config().pipelineManifest()).contains(manifest);
        assertThat(start.config().manifestsDir()).contains(dir);
        assertThat(start.notices()).isEmpty();
    }

    @Test
    void booleanFlagAloneMeansTrueAndTakesAnExplicitValue() {
        final ServerCli.Start off = (ServerCli.Start) parse(Map.of(), "--enable-data-channel", "false");
        assertThat(off.config().dataChannelEnabled()).isFalse();
        final ServerCli.Start on = (ServerCli.Start) parse(Map.of("WEBRTC_ENABLE_KEEPALIVE", "false"),
                                                           "--enable-keepalive");
        assertThat(on.config().keepaliveEnabled()).isTrue();
    }

    @Test
    void flagsWinOverEnvironment() {
        final ServerCli.Start start = (ServerCli.Start) parse(Map.of("HTTP_PORT", "9000"), "--http-port=9001");
        assertThat(start.config().httpPort()).isEqualTo(9001);
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertThat(parse(Map.of(), "--max-peer", "3")).isEqualTo(new ServerCli.Exit(2));
        assertThat(err.toString()).contains("Unknown option").contains("--help");
    }
}
