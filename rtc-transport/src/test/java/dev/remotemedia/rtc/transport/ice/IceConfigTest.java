package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceConfigTest {

    @Test
    void defaultsFollowTheRfcsAndTheServerConfiguration() {
        IceConfig c = IceConfig.defaults();

        assertThat(c.iceServers()).isEmpty();
        assertThat(c.udpPort()).isZero();
        assertThat(c.iceTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.consentInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.consentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.hostAddresses()).isNotEmpty().isEqualTo(IceConfig.defaultHostAddresses());
    }

    @Test
    void offersEveryNonLoopbackAddressOrLoopbackWhenThereIsNone() {
        List<InetAddress> addresses = IceConfig.defaultHostAddresses();

        assertThat(addresses).isNotEmpty().doesNotHaveDuplicates();
        if (addresses.size() > 1 || !addresses.get(0).isLoopbackAddress()) {
            assertThat(addresses).noneMatch(InetAddress::isLoopbackAddress).noneMatch(InetAddress::isLinkLocalAddress);
        } else {
            assertThat(addresses).containsExactly(InetAddress.getLoopbackAddress());
        }
    }

    @Test
    void keepsWhatItIsGivenAndRoundTripsThroughItsBuilder() throws Exception {
        IceConfig c = IceConfig.builder()
                               .iceServers(List.of(IceServer.of("stun:stun.example.org", "stun:[2001:db8::1]:3479")))
                               .hostAddresses(List.of(InetAddress.getByName("127.0.0.1")))
                               .udpPort(10000)
                               .iceTimeout(Duration.ofSeconds(4))
                               .consentInterval(Duration.ofSeconds(1))
                               .consentTimeout(Duration.ofSeconds(5))
                               .gatheringTimeout(Duration.ofMillis(500))
                               .build();

        assertThat(c.toBuilder().build()).usingRecursiveComparison().isEqualTo(c);
        assertThat(c.hostAddresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(c.udpPort()).isEqualTo(10000);
    }

    @Test
    void reportsEveryProblemAtOnceWithWhereAndWhatWasExpected() throws Exception {
        assertThatThrownBy(() -> IceConfig.builder()
                                          .iceServers(List.of(IceServer.of("stun:", "http://x")))
                                          .hostAddresses(List.of(InetAddress.getByName("0.0.0.0")))
                                          .udpPort(70000)
                                          .iceTimeout(Duration.ZERO)
                                          .consentInterval(Duration.ofSeconds(5))
                                          .consentTimeout(Duration.ofSeconds(10))
                                          .build())
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("6 problems")
                .hasMessageContaining("iceServers[0].urls[0]: 'stun:': host '' (expected: a host name or an IP address)")
                .hasMessageContaining("iceServers[0].urls[1]: 'http://x': scheme 'http' (expected: stun, stuns, turn or turns)")
                .hasMessageContaining("hostAddresses[0]: 0.0.0.0 (expected: a unicast address of this host, not a wildcard)")
                .hasMessageContaining("udpPort: 70000 (expected: 0..65535, 0 for an ephemeral port)")
                .hasMessageContaining("iceTimeout: PT0S (expected: > 0)")
                .hasMessageContaining("consentTimeout: PT10S (expected: at least three consentIntervals");
    }

    @Test
    void acceptsTurnOverUdpWithACredential() {
        IceConfig config = IceConfig.builder()
                                    .iceServers(List.of(IceServer.of(List.of("turn:turn.example.org",
                                                                             "turn:192.0.2.1:3479?transport=udp"),
                                                                     "alice", "secret")))
                                    .build();
        assertThat(config.iceServers()).hasSize(1);
        assertThat(config.toString()).contains("turn:turn.example.org").doesNotContain("secret");
    }

    @Test
    void refusesTurnWithoutAUsernameAndCredential() {
        assertThatThrownBy(() -> IceConfig.builder()
                                          .iceServers(List.of(IceServer.of("turn:turn.example.org"),
                                                              new IceServer(List.of("turn:t2.example.org"), "bob", "")))
                                          .build())
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("iceServers[0]: turn: needs a username and credential")
                .hasMessageContaining("iceServers[1]: turn: needs a username and credential");
    }

    @Test
    void refusesTurnOverTlsOrTcpAsNotAvailable() {
        assertThatThrownBy(() -> IceConfig.builder()
                                          .iceServers(List.of(IceServer.of(List.of("turns:turn.example.org",
                                                                                   "turn:turn.example.org?transport=tcp"),
                                                                           "alice", "secret")))
                                          .build())
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AVAILABLE))
                .hasMessageContaining("iceServers[0].urls[0]: turns: (TURN over TLS) is not available")
                .hasMessageContaining("iceServers[0].urls[1]: turn: over TCP (?transport=tcp) is not available")
                .hasMessageNotContaining("secret");
    }

    @Test
    void masksTheCredentialOfAServer() {
        assertThat(IceServer.of(List.of("turn:t.example.org"), "alice", "secret").toString())
                .contains("alice").contains("***").doesNotContain("secret");
    }

    @Test
    void parsesStunAndTurnUris() {
        assertThat(IceServerUrl.parse("stun:stun.l.google.com:19302"))
                .isEqualTo(new IceServerUrl(IceServerUrl.Scheme.STUN, "stun.l.google.com", 19302, null));
        assertThat(IceServerUrl.parse("STUN:192.0.2.1"))
                .isEqualTo(new IceServerUrl(IceServerUrl.Scheme.STUN, "192.0.2.1", 3478, null));
        assertThat(IceServerUrl.parse("stuns:[2001:db8::1]"))
                .isEqualTo(new IceServerUrl(IceServerUrl.Scheme.STUNS, "2001:db8::1", 5349, null));
        assertThat(IceServerUrl.parse("turn:t.example.org:3479?transport=tcp"))
                .isEqualTo(new IceServerUrl(IceServerUrl.Scheme.TURN, "t.example.org", 3479, "tcp"));
        assertThat(IceServerUrl.parse("turns:t.example.org").toString()).isEqualTo("turns:t.example.org:5349");
    }

    @Test
    void saysWhatIsWrongWithAUri() {
        assertThatThrownBy(() -> IceServerUrl.parse("stun:h:0")).hasMessage("port '0' (expected: 1..65535)");
        assertThatThrownBy(() -> IceServerUrl.parse("stun://h")).hasMessageStartingWith("'//' after the scheme");
        assertThatThrownBy(() -> IceServerUrl.parse("stun:2001:db8::1")).hasMessageStartingWith("IPv6 host without brackets");
        assertThatThrownBy(() -> IceServerUrl.parse("stun:h?transport=udp")).hasMessageStartingWith("query '?transport=udp'");
        assertThatThrownBy(() -> IceServerUrl.parse("turn:h?transport=sctp")).hasMessage("transport 'sctp' (expected: udp or tcp)");
        assertThatThrownBy(() -> IceServerUrl.parse("stun.example.org")).hasMessage("no scheme (expected: stun:, stuns:, turn: or turns:)");
    }
}
