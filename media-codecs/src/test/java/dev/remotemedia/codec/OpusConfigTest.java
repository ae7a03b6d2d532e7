package dev.remotemedia.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpusConfigTest {

    @Test
    void defaultsSuitAVoiceCall() {
        final OpusConfig config = OpusConfig.of(1);
        assertThat(config.sampleRate()).isEqualTo(48_000);
        assertThat(config.channels()).isEqualTo(1);
        assertThat(config.frameMillis()).isEqualTo(20);
        assertThat(config.frameSamples()).isEqualTo(960);
        assertThat(config.bitrate()).isEqualTo(32_000);
        assertThat(config.complexity()).isEqualTo(9);
        assertThat(config.inbandFec()).isTrue();
        assertThat(config.dtx()).isFalse();
        assertThat(config.expectedPacketLossPercent()).isZero();
        assertThat(config.application()).isEqualTo(OpusApplication.VOIP);
    }

    @Test
    void frameDurationsGiveTheirSampleCounts() {
        assertThat(OpusConfig.builder().frameMillis(2.5).build().frameSamples()).isEqualTo(120);
        assertThat(OpusConfig.builder().frameMillis(5).build().frameSamples()).isEqualTo(240);
        assertThat(OpusConfig.builder().frameMillis(10).build().frameSamples()).isEqualTo(480);
        assertThat(OpusConfig.builder().frameMillis(40).build().frameSamples()).isEqualTo(1920);
        assertThat(OpusConfig.builder().frameMillis(60).build().frameSamples()).isEqualTo(2880);
        assertThat(OpusConfig.builder().frameMillis(2.5).build().frameMillis()).isEqualTo(2.5);
    }

    @Test
    void outOfRangeValuesSayWhatWasExpected() {
        assertThatThrownBy(() -> OpusConfig.builder().bitrate(1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bitrate: 1000 (expected: 6000..510000)");
        assertThatThrownBy(() -> OpusConfig.builder().channels(3))
                .hasMessage("channels: 3 (expected: 1 or 2)");
        assertThatThrownBy(() -> OpusConfig.builder().frameMillis(15))
                .hasMessage("frameMillis: 15.0 (expected: one of 2.5, 5, 10, 20, 40, 60)");
        assertThatThrownBy(() -> OpusConfig.builder().frameMillis(2.4))
                .hasMessage("frameMillis: 2.4 (expected: one of 2.5, 5, 10, 20, 40, 60)");
        assertThatThrownBy(() -> OpusConfig.builder().complexity(11))
                .hasMessage("complexity: 11 (expected: 0..10)");
        assertThatThrownBy(() -> OpusConfig.builder().expectedPacketLossPercent(-1))
                .hasMessage("expectedPacketLossPercent: -1 (expected: 0..100)");
        assertThatThrownBy(() -> OpusConfig.builder().application(null))
                .isInstanceOf(NullPointerException.class).hasMessage("application");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        final OpusConfig config = OpusConfig.builder().channels(2).frameMillis(10).bitrate(96_000).complexity(3)
                                            .inbandFec(false).dtx(true).expectedPacketLossPercent(7)
                                            .application(OpusApplication.AUDIO).build();
        assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
        assertThat(config.toBuilder().bitrate(95_000).build()).isNotEqualTo(config);
        assertThat(config).hasToString("OpusConfig{channels=2, frameMillis=10.0, bitrate=96000, complexity=3, "
                                       + "inbandFec=false, dtx=true, expectedPacketLossPercent=7, application=AUDIO}");
    }
}
