package dev.remotemedia.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.codec.video.VideoCodecType;
import org.junit.jupiter.api.Test;

class TransportVideoTest {
    @Test
    void theConfiguredCodecComesFirstThenTheStacksOrder() {
        assertThat(TransportVideo.preference(WebRtcTransportConfig.defaults()))
                .containsExactly(VideoCodecType.VP8, VideoCodecType.H264, VideoCodecType.VP9, VideoCodecType.AV1);
        assertThat(TransportVideo.preference(WebRtcTransportConfig.builder().videoCodec(VideoCodec.AV1).build()))
                .containsExactly(VideoCodecType.AV1, VideoCodecType.VP8, VideoCodecType.H264, VideoCodecType.VP9);
        assertThat(TransportVideo.preference(WebRtcTransportConfig.builder().videoCodec(VideoCodec.H264).build()))
                .containsExactly(VideoCodecType.H264, VideoCodecType.VP8, VideoCodecType.VP9, VideoCodecType.AV1);
    }
}
