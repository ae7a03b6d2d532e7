package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.ice4j.ice.AgentConfig;
import org.ice4j.ice.harvest.HarvestConfig;
import org.ice4j.ice.harvest.MappingCandidateHarvesters;
import org.junit.jupiter.api.Test;

class Ice4jSettingsTest {

    @Test
    void disablesTheAwsProbeAndIce4jsOwnHarvestersBeforeIce4jReadsItsConfiguration() {
        try (IceUdpMux ignored = IceUdpMux.open(IceTransportTest.loopbackConfig())) {
            assertThat(System.getProperty(Ice4jSettings.AWS_ENABLED)).isEqualTo("false");
            assertThat(HarvestConfig.config.enableAwsHarvester()).isFalse();
            assertThat(HarvestConfig.config.useDynamicPorts()).isFalse();
            assertThat(MappingCandidateHarvesters.getHarvesters()).isEmpty();
            assertThat(AgentConfig.config.getSoftware()).isEmpty();
        }
    }

    @Test
    void usesTheFirstConsentIntervalForTheWholeJvm() {
        IceConfig first = IceTransportTest.loopbackConfig();
        IceConfig other = first.toBuilder().consentInterval(Duration.ofSeconds(2)).consentTimeout(Duration.ofSeconds(6))
                               .build();
        try (IceUdpMux a = IceUdpMux.open(first); IceUdpMux b = IceUdpMux.open(other)) {
            assertThat(a.consentInterval()).isEqualTo(first.consentInterval());
            assertThat(b.consentInterval()).as("ice4j reads it once").isEqualTo(first.consentInterval());
            assertThat(AgentConfig.config.getConsentFreshnessInterval()).isEqualTo(first.consentInterval());
        }
    }
}
