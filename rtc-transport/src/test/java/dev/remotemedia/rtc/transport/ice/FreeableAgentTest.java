package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The race that keeps a freed ice4j agent's pacer running cannot be forced from outside; the
 * rtc-peerconnection churn test shows it (about one connection in a hundred without this). Here:
 * the pacing a resurrected pacer would read after {@code free()} tells it to stop.
 */
class FreeableAgentTest {

    @Test
    void aFreedAgentAnswersANegativeTaSoThatItsPacerStops() {
        try (IceUdpMux ignored = IceUdpMux.open(IceTransportTest.loopbackConfig())) { // ice4j's settings first
            FreeableAgent agent = new FreeableAgent();
            agent.setTa(IceTransport.PACING_MILLIS);
            assertThat(agent.calculateTa()).isEqualTo(IceTransport.PACING_MILLIS);

            agent.free();

            assertThat(agent.calculateTa()).isNegative();
        }
    }
}
