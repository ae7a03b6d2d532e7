package dev.remotemedia.transport;

import dev.remotemedia.codec.video.VideoCodecType;
import java.util.ArrayList;
import java.util.List;

/** How the transport's configuration reaches the stack's video: {@code WEBRTC_VIDEO_CODEC} first. */
public final class TransportVideo {
    private TransportVideo() {}

    /**
     * The video codecs in order of preference: the configured one ({@code WEBRTC_VIDEO_CODEC}), then
     * the stack's default order (VP8, H264, VP9, AV1) without it. Both sides send the first codec of
     * this list that the other side offers or accepts.
     */
    public static List<VideoCodecType> preference(WebRtcTransportConfig config) {
        final List<VideoCodecType> order = new ArrayList<>();
        order.add(VideoCodecType.valueOf(config.videoCodec().name()));
        for (VideoCodecType codec : List.of(VideoCodecType.VP8, VideoCodecType.H264, VideoCodecType.VP9, VideoCodecType.AV1)) {
            if (!order.contains(codec)) {
                order.add(codec);
            }
        }
        return List.copyOf(order);
    }
}
