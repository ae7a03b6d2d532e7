package dev.remotemedia.codec.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Settings are checked where they are given, take effect in the encoder, and closed codecs refuse work. */
class VideoEncoderSettingsTest {

    @Test
    void badSettingsAreRefusedWithWhatWasExpected() {
        final VideoEncoderSettings.Builder builder = VideoEncoderSettings.builder(VideoCodecType.VP8);
        assertThatThrownBy(() -> builder.size(641, 360)).isInstanceOf(IllegalArgumentException.class)
                                                        .hasMessage("size: 641x360 (expected: even, 16..8192 each way)");
        assertThatThrownBy(() -> builder.size(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.bitrate(5_000)).hasMessage("bitrate: 5000 (expected: 10000..100000000)");
        assertThatThrownBy(() -> builder.framerate(0)).hasMessage("framerate: 0 (expected: 1..240)");
        assertThatThrownBy(() -> builder.keyframeIntervalFrames(0))
                .hasMessage("keyframeIntervalFrames: 0 (expected: >= 1)");
        assertThatThrownBy(() -> VideoFrame.allocate(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBuilderFromSettingsGivesEqualSettings() {
        final VideoEncoderSettings settings = VideoEncoderSettings.builder(VideoCodecType.AV1).size(320, 180)
                                                                  .framerate(15).bitrate(250_000)
                                                                  .keyframeIntervalFrames(60).realtime(false)
                                                                  .build();
        assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
        assertThat(settings.toString()).contains("AV1 320x180@15", "250000 b/s");
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void aKeyframeComesEveryIntervalUnasked(VideoCodecType codec) {
        final List<Integer> keyframes = new ArrayList<>();
        try (VideoEncoder encoder = VideoCodecs.encoder(VideoEncoderSettings.builder(codec).size(160, 120)
                                                                            .keyframeIntervalFrames(10).build())) {
            for (int n = 0; n < 31; n++) {
                if (encoder.encode(NumberedPattern.frame(n, 160, 120, n * 33_333L), false).get(0).isKeyframe()) {
                    keyframes.add(n);
                }
            }
        }
        assertThat(keyframes).contains(0, 10, 20, 30);
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void theSlowerNonRealtimeSettingsEncodeToo(VideoCodecType codec) {
        try (VideoEncoder encoder = VideoCodecs.encoder(VideoEncoderSettings.builder(codec).size(160, 120)
                                                                            .realtime(false).build());
             VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            for (int n = 0; n < 5; n++) {
                final EncodedVideoFrame packet = encoder.encode(NumberedPattern.frame(n, 160, 120, n), false).get(0);
                assertThat(packet.isKeyframe()).isEqualTo(n == 0);
                assertThat(NumberedPattern.read(decoder.decode(packet.data(), n).get(0))).isEqualTo(n);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void closedCodecsRefuseWorkAndCloseTwice(VideoCodecType codec) {
        final VideoEncoder encoder = VideoCodecs.encoder(VideoEncoderSettings.builder(codec).size(160, 120).build());
        final VideoDecoder decoder = VideoCodecs.decoder(codec);
        final byte[] data = encoder.encode(VideoFrame.allocate(160, 120, 0), false).get(0).data();
        encoder.close();
        encoder.close();
        decoder.close();
        decoder.close();
        assertThatThrownBy(() -> encoder.encode(VideoFrame.allocate(160, 120, 1), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> encoder.setBitrate(100_000)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> decoder.decode(data, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(encoder.settings().codec()).isEqualTo(codec);
    }
}
