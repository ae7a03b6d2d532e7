package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.codec.video.VideoEncoderSettings;
import dev.remotemedia.codec.video.VideoFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where a local video track's pictures come from: the application pushes I420 {@link VideoFrame}s
 * as they are captured or made, each with its capture time ({@link VideoFrame#timestampMicros()},
 * increasing); every sender of the track encodes them with the codec its m-line negotiated, on its
 * connection's codec executor, and sends them as RTP (90 kHz timestamps from the capture times).
 * The encoded size is the pictures' size; a change of size makes a keyframe. When the encoder
 * falls behind, pictures are dropped rather than queued (a live source has newer ones).
 *
 * <p>Thread-safe: push from any one thread.
 */
public final class VideoTrackSource {
    /** The default target bitrate: 1 Mb/s. */
    public static final int DEFAULT_BITRATE = 1_000_000;
    /** The default frame rate the encoder plans for. */
    public static final int DEFAULT_FRAMERATE = 30;
    /** The keyframe interval of {@code keyframeIntervalFrames} 0: 3000 frames, libwebrtc's; keyframes come when asked for. */
    static final int ON_REQUEST_INTERVAL = 3_000;

    private final int width;
    private final int height;
    private final int bitrate;
    private final int framerate;
    private final int keyframeIntervalFrames;
    private final List<VideoSendPipeline> pipelines = new CopyOnWriteArrayList<>();

    private VideoTrackSource(int width, int height, int bitrate, int framerate, int keyframeIntervalFrames) {
        this.width = width;
        this.height = height;
        this.bitrate = bitrate;
        this.framerate = framerate;
        this.keyframeIntervalFrames = keyframeIntervalFrames;
    }

    /** A source encoded at 1 Mb/s for 30 frames/s, keyframes when a receiver asks (and the first, and every 3000th). */
    public static VideoTrackSource create() {
        return create(DEFAULT_BITRATE, DEFAULT_FRAMERATE, 0);
    }

    /**
     * A source encoded at {@code bitrate} bits/s for {@code framerate} frames/s, with a keyframe
     * every {@code keyframeIntervalFrames} frames (0: the first, those receivers ask for, and every
     * 3000th, as libwebrtc).
     *
     * @throws IllegalArgumentException for a value out of the encoder's range
     */
    public static VideoTrackSource create(int bitrate, int framerate, int keyframeIntervalFrames) {
        return create(0, 0, bitrate, framerate, keyframeIntervalFrames);
    }

    /**
     * A source encoded at {@code width} × {@code height} (even, 16..8192; the pictures are scaled
     * to it), or at each picture's own size when both are 0; otherwise as
     * {@link #create(int, int, int)}.
     *
     * @throws IllegalArgumentException for a value out of the encoder's range
     */
    public static VideoTrackSource create(int width, int height, int bitrate, int framerate, int keyframeIntervalFrames) {
        if (!(width == 0 && height == 0) && (width < 16 || height < 16 || width > VideoFrame.MAX_DIMENSION
                                             || height > VideoFrame.MAX_DIMENSION || (width & 1) != 0 || (height & 1) != 0)) {
            throw new IllegalArgumentException("size: " + width + "x" + height + " (expected: even, 16.."
                                               + VideoFrame.MAX_DIMENSION + " each way, or 0x0 for each picture's own)");
        }
        if (bitrate < VideoEncoderSettings.MIN_BITRATE || bitrate > VideoEncoderSettings.MAX_BITRATE) {
            throw new IllegalArgumentException("bitrate: " + bitrate + " (expected: " + VideoEncoderSettings.MIN_BITRATE
                                               + ".." + VideoEncoderSettings.MAX_BITRATE + ")");
        }
        if (framerate < 1 || framerate > VideoEncoderSettings.MAX_FRAMERATE) {
            throw new IllegalArgumentException("framerate: " + framerate + " (expected: 1.."
                                               + VideoEncoderSettings.MAX_FRAMERATE + ")");
        }
        if (keyframeIntervalFrames < 0) {
            throw new IllegalArgumentException("keyframeIntervalFrames: " + keyframeIntervalFrames + " (expected: >= 0)");
        }
        return new VideoTrackSource(width, height, bitrate, framerate, keyframeIntervalFrames);
    }

    /** The encoded width, or 0 for each picture's own. */
    public int width() {
        return width;
    }

    /** The encoded height, or 0 for each picture's own. */
    public int height() {
        return height;
    }

    public int bitrate() {
        return bitrate;
    }

    public int framerate() {
        return framerate;
    }

    public int keyframeIntervalFrames() {
        return keyframeIntervalFrames;
    }

    /**
     * Pushes a picture to every sender of the track. The frame is shared, not copied: do not change
     * its planes after pushing it.
     */
    public void pushFrame(VideoFrame frame) {
        requireNonNull(frame, "frame");
        for (VideoSendPipeline pipeline : pipelines) {
            pipeline.push(frame);
        }
    }

    synchronized void attach(RTCRtpSender sender, MediaStreamTrack track) {
        for (VideoSendPipeline pipeline : pipelines) {
            if (pipeline.sender() == sender) {
                return;
            }
        }
        pipelines.add(new VideoSendPipeline(sender, track, this));
    }

    synchronized void detach(RTCRtpSender sender) {
        for (VideoSendPipeline pipeline : pipelines) {
            if (pipeline.sender() == sender) {
                pipelines.remove(pipeline);
                pipeline.close();
            }
        }
    }
}
