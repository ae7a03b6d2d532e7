package dev.remotemedia.rtc.sctp.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SctpOptionsTest {

    @Test
    void defaultsSuitWebRtcDataChannels() {
        final SctpOptions options = SctpOptions.defaults();

        assertThat(options.mtu()).isEqualTo(1200);
        assertThat(options.maxMessageSize()).isEqualTo(262_144);
        assertThat(options.receiveWindowBytes()).isEqualTo(1 << 20);
        assertThat(options.initialCwndBytes()).isEqualTo(4380);
        assertThat(options.rtoInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.rtoMin()).isEqualTo(Duration.ofMillis(400));
        assertThat(options.rtoMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.delayedAckTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxRetransmissions()).isEqualTo(10);
        assertThat(options.maxInitRetransmits()).isEqualTo(8);
    }

    @Test
    void computesTheRfcInitialCongestionWindowFromTheMtu() {
        assertThat(SctpOptions.rfcInitialCwnd(1200)).isEqualTo(4380);
        assertThat(SctpOptions.rfcInitialCwnd(1500)).isEqualTo(4380);
        assertThat(SctpOptions.rfcInitialCwnd(9000)).isEqualTo(18000);
        assertThat(SctpOptions.rfcInitialCwnd(1000)).isEqualTo(4000);
        assertThat(SctpOptions.builder().mtu(9000).build().initialCwndBytes()).isEqualTo(18000);
        assertThat(SctpOptions.builder().initialCwndBytes(12_000).build().initialCwndBytes()).isEqualTo(12_000);
    }

    @Test
    void roundTripsThroughItsBuilder() {
        final SctpOptions options = SctpOptions.builder().maxMessageSize(65536).maxBurst(8).build();

        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void namesTheFirstInvalidValue() {
        assertThatThrownBy(() -> SctpOptions.builder().mtu(100).build())
                .hasMessage("mtu: 100 (expected: 256..65535)");
        assertThatThrownBy(() -> SctpOptions.builder().rtoMin(Duration.ofSeconds(2)).build())
                .hasMessage("rtoInitial: PT0.5S (expected: rtoMin PT2S <= rtoInitial <= rtoMax PT1M)");
        assertThatThrownBy(() -> SctpOptions.builder().delayedAckTimeout(Duration.ofSeconds(1)).build())
                .hasMessage("delayedAckTimeout: PT1S (expected: <= 500 ms, RFC 9260 §6.2)");
        assertThatThrownBy(() -> SctpOptions.builder().maxSendBufferBytes(1000).build())
                .hasMessage("maxSendBufferBytes: 1000 (expected: >= maxMessageSize 262144)");
        assertThatThrownBy(() -> SctpOptions.builder().heartbeatInterval(Duration.ZERO).build())
                .hasMessage("heartbeatInterval: PT0S (expected: > 0)");
    }
}
