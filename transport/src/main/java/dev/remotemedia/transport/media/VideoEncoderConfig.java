package dev.remotemedia.transport.media;

import dev.remotemedia.transport.VideoResolution;
import dev.remotemedia.transport.WebRtcTransportConfig;

/**
 * How a peer's video track is encoded (seed 001 "Media Streaming"): the size pictures are encoded
 * at (they are scaled to it), the frame rate the encoder plans for, the target bitrate and the
 * keyframe interval. The codec is the connection's negotiated one ({@code WEBRTC_VIDEO_CODEC} first).
 *
 * @param width encoded width, even, 16..8192
 * @param height encoded height, even, 16..8192
 * @param framerate frames per second the encoder plans for, 1..240
 * @param bitrate target bits per second, 10,000..100,000,000
 * @param keyframeIntervalFrames frames between periodic keyframes; 0 for keyframes only when the
 *     receiver asks (and the first, and every 3000th)
 */
public record VideoEncoderConfig(int width, int height, int framerate, int bitrate, int keyframeIntervalFrames) {
    /** 1280×720 at 30 frames/s and 1.5 Mb/s, keyframes when asked for. */
    public static final VideoEncoderConfig DEFAULTS = new VideoEncoderConfig(1280, 720, 30, 1_500_000, 0);

    public VideoEncoderConfig {
        if (width < 16 || width > 8192 || (width & 1) != 0) {
            throw new IllegalArgumentException("width: " + width + " (expected: an even number in 16..8192)");
        }
        if (height < 16 || height > 8192 || (height & 1) != 0) {
            throw new IllegalArgumentException("height: " + height + " (expected: an even number in 16..8192)");
        }
        if (framerate < 1 || framerate > 240) {
            throw new IllegalArgumentException("framerate: " + framerate + " (expected: 1..240)");
        }
        if (bitrate < 10_000 || bitrate > 100_000_000) {
            throw new IllegalArgumentException("bitrate: " + bitrate + " (expected: 10000..100000000 bits/s)");
        }
        if (keyframeIntervalFrames < 0) {
            throw new IllegalArgumentException("keyframeIntervalFrames: " + keyframeIntervalFrames + " (expected: >= 0)");
        }
    }

    /** The defaults at the configured resolution ({@code WEBRTC_VIDEO_RESOLUTION}). */
    public static VideoEncoderConfig from(WebRtcTransportConfig config) {
        final VideoResolution r = config.videoResolution();
        return DEFAULTS.withSize(r.width(), r.height());
    }

    /** This configuration at another size. */
    public VideoEncoderConfig withSize(int width, int height) {
        return new VideoEncoderConfig(width, height, framerate, bitrate, keyframeIntervalFrames);
    }

    /** This configuration at another bitrate. */
    public VideoEncoderConfig withBitrate(int bitrate) {
        return new VideoEncoderConfig(width, height, framerate, bitrate, keyframeIntervalFrames);
    }
}
