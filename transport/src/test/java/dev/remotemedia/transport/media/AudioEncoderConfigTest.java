package dev.remotemedia.transport.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.codec.OpusConfig;
import org.junit.jupiter.api.Test;

class AudioEncoderConfigTest {

    @Test
    void defaultsAreTheSeeds() {
        final AudioEncoderConfig config = AudioEncoderConfig.defaults();
        assertThat(config.sampleRate()).isEqualTo(48_000);
        assertThat(config.channels()).isEqualTo(1);
        assertThat(config.bitrate()).isEqualTo(64_000);
        assertThat(config.complexity()).isEqualTo(10);
        assertThat(config.fec()).isTrue();
        assertThat(config.dtx()).isFalse();
        assertThat(config.frameMillis()).isEqualTo(20);
        assertThat(config).isEqualTo(AudioEncoderConfig.builder().build()).hasSameHashCodeAs(AudioEncoderConfig.builder().build());
    }

    @Test
    void mapsOntoTheOpusEncoderSettings() {
        final OpusConfig opus = AudioEncoderConfig.builder().sampleRate(16_000).channels(2).bitrate(24_000)
                                                  .complexity(3).fec(false).dtx(true).frameMillis(40).build()
                                                  .toOpusConfig();
        assertThat(opus.sampleRate()).as("Opus always runs at 48 kHz; the input is resampled").isEqualTo(48_000);
        assertThat(opus.channels()).isEqualTo(2);
        assertThat(opus.bitrate()).isEqualTo(24_000);
        assertThat(opus.complexity()).isEqualTo(3);
        assertThat(opus.inbandFec()).isFalse();
        assertThat(opus.dtx()).isTrue();
        assertThat(opus.frameMillis()).isEqualTo(40.0);
        assertThat(opus.frameSamples()).isEqualTo(1_920);
        assertThat(opus.expectedPacketLossPercent()).isZero();

        final OpusConfig withFec = AudioEncoderConfig.defaults().toOpusConfig();
        assertThat(withFec.inbandFec()).isTrue();
        assertThat(withFec.expectedPacketLossPercent()).as("Opus sends no FEC when it plans for no loss")
                                                       .isEqualTo(AudioEncoderConfig.FEC_PLANNED_LOSS_PERCENT);
    }

    @Test
    void toBuilderKeepsEveryValue() {
        final AudioEncoderConfig config = AudioEncoderConfig.builder().sampleRate(44_100).channels(2).bitrate(96_000)
                                                            .complexity(5).fec(false).dtx(true).frameMillis(10).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config).hasToString("AudioEncoderConfig{sampleRate=44100, channels=2, bitrate=96000, complexity=5, "
                                       + "fec=false, dtx=true, frameMillis=10}");
    }

    @Test
    void badValuesAreRefusedWithWhatWasExpected() {
        final AudioEncoderConfig.Builder b = AudioEncoderConfig.builder();
        assertThatThrownBy(() -> b.sampleRate(7_999)).isInstanceOf(IllegalArgumentException.class)
                                                     .hasMessage("sampleRate: 7999 (expected: 8000..96000 Hz)");
        assertThatThrownBy(() -> b.sampleRate(192_000)).hasMessage("sampleRate: 192000 (expected: 8000..96000 Hz)");
        assertThatThrownBy(() -> b.channels(3)).hasMessage("channels: 3 (expected: 1 or 2)");
        assertThatThrownBy(() -> b.channels(0)).hasMessage("channels: 0 (expected: 1 or 2)");
        assertThatThrownBy(() -> b.bitrate(5_999)).hasMessage("bitrate: 5999 (expected: 6000..510000 bits per second)");
        assertThatThrownBy(() -> b.bitrate(510_001)).hasMessage("bitrate: 510001 (expected: 6000..510000 bits per second)");
        assertThatThrownBy(() -> b.complexity(11)).hasMessage("complexity: 11 (expected: 0..10)");
        assertThatThrownBy(() -> b.complexity(-1)).hasMessage("complexity: -1 (expected: 0..10)");
        assertThatThrownBy(() -> b.frameMillis(15)).hasMessage("frameMillis: 15 (expected: 10, 20, 40 or 60)");
        assertThatThrownBy(() -> b.frameMillis(0)).hasMessage("frameMillis: 0 (expected: 10, 20, 40 or 60)");
        assertThat(b.build()).as("a refused value leaves the builder as it was").isEqualTo(AudioEncoderConfig.defaults());
    }
}
