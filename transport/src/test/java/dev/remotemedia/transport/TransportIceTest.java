package dev.remotemedia.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.rtc.transport.ice.IceServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportIceTest {

    @Test
    void stunAndTurnServersBecomeIceServersWithTheirCredentials() throws Exception {
        WebRtcTransportConfig config = WebRtcTransportConfig.builder()
                .stunServers(List.of(new StunServer(false, "stun.example.com", 3478)))
                .turnServers(List.of(new TurnServer(false, "2001:db8::1", 3478, "user", "pass:word")))
                .iceAddresses(List.of(InetAddress.getByName("127.0.0.1")))
                .udpPort(0)
                .iceTimeout(Duration.ofSeconds(7))
                .keepaliveInterval(Duration.ofSeconds(20))
                .build();
        IceConfig ice = TransportIce.from(config);
        assertThat(ice.iceServers()).containsExactly(
                IceServer.of("stun:stun.example.com:3478"),
                IceServer.of(List.of("turn:[2001:db8::1]:3478"), "user", "pass:word"));
        assertThat(ice.hostAddresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(ice.iceTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(ice.consentInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ice.consentTimeout()).isEqualTo(Duration.ofSeconds(60)); // three intervals, past the 30 s default
    }

    @Test
    void secureServersAreRefusedAsNotAvailable() {
        WebRtcTransportConfig config = WebRtcTransportConfig.builder()
                .turnServers(List.of(new TurnServer(true, "turn.example.com", 5349, "u", "p")))
                .udpPort(0)
                .build();
        assertThatThrownBy(() -> TransportIce.from(config))
                .isInstanceOfSatisfying(RemoteMediaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_AVAILABLE);
                    assertThat(e.getMessage()).contains("turns").doesNotContain("\"p\"");
                });
    }
}
