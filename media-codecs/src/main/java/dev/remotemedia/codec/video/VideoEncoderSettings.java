package dev.remotemedia.codec.video;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/**
 * The settings of a {@link VideoEncoder}: codec, encoded size, frame rate, target bitrate, keyframe
 * interval and speed. Immutable; build one with {@link #builder(VideoCodecType)}.
 *
 * <pre>{@code
 * VideoEncoderSettings settings = VideoEncoderSettings.builder(VideoCodecType.VP8)
 *         .size(640, 360).framerate(30).bitrate(800_000).build();
 * }</pre>
 *
 * <p>Every encoder is set up for real-time communication whatever {@link #realtime()} says: no
 * look-ahead (a packet for every frame as it is given), no B-frames, error resilience, constant
 * bitrate. {@code realtime} (the default) picks each library's fastest speed setting for live video;
 * off, a slower one that spends more CPU for better pictures at the same bitrate.
 */
public final class VideoEncoderSettings {

    /** The lowest bitrate accepted, in bits per second. */
    public static final int MIN_BITRATE = 10_000;
    /** The highest bitrate accepted, in bits per second. */
    public static final int MAX_BITRATE = 100_000_000;
    /** The highest frame rate accepted. */
    public static final int MAX_FRAMERATE = 240;

    /** Returns a builder with the defaults: 640×360, 30 fps, 1 Mb/s, a keyframe every 3,000 frames, realtime. */
    public static Builder builder(VideoCodecType codec) {
        return new Builder(requireNonNull(codec, "codec"));
    }

    private final VideoCodecType codec;
    private final int width;
    private final int height;
    private final int framerate;
    private final int bitrate;
    private final int keyframeIntervalFrames;
    private final boolean realtime;

    private VideoEncoderSettings(Builder b) {
        codec = b.codec;
        width = b.width;
        height = b.height;
        framerate = b.framerate;
        bitrate = b.bitrate;
        keyframeIntervalFrames = b.keyframeIntervalFrames;
        realtime = b.realtime;
    }

    public VideoCodecType codec() {
        return codec;
    }

    /** The encoded width; frames of another size are scaled to it. */
    public int width() {
        return width;
    }

    /** The encoded height; frames of another size are scaled to it. */
    public int height() {
        return height;
    }

    /** Frames a second, for rate control. */
    public int framerate() {
        return framerate;
    }

    /** The target bitrate, in bits per second. */
    public int bitrate() {
        return bitrate;
    }

    /** The most frames from one keyframe to the next, when none is asked for sooner. */
    public int keyframeIntervalFrames() {
        return keyframeIntervalFrames;
    }

    /** Whether the encoder runs at its fastest speed setting for live video (see the class comment). */
    public boolean realtime() {
        return realtime;
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(codec).size(width, height).framerate(framerate).bitrate(bitrate)
                                 .keyframeIntervalFrames(keyframeIntervalFrames).realtime(realtime);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VideoEncoderSettings)) {
            return false;
        }
        final VideoEncoderSettings that = (VideoEncoderSettings) o;
        return codec == that.codec && width == that.width && height == that.height && framerate == that.framerate
               && bitrate == that.bitrate && keyframeIntervalFrames == that.keyframeIntervalFrames
               && realtime == that.realtime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, width, height, framerate, bitrate, keyframeIntervalFrames, realtime);
    }

    @Override
    public String toString() {
        return "VideoEncoderSettings(" + codec + ' ' + width + 'x' + height + '@' + framerate + ", " + bitrate
               + " b/s, keyframe every " + keyframeIntervalFrames + (realtime ? ", realtime)" : ")");
    }

    /** Builds {@link VideoEncoderSettings}. */
    public static final class Builder {
        private final VideoCodecType codec;
        private int width = 640;
        private int height = 360;
        private int framerate = 30;
        private int bitrate = 1_000_000;
        private int keyframeIntervalFrames = 3000;
        private boolean realtime = true;

        private Builder(VideoCodecType codec) {
            this.codec = codec;
        }

        /** The encoded size: even, 16..{@link VideoFrame#MAX_DIMENSION} each way. */
        public Builder size(int width, int height) {
            checkSize(width, height);
            this.width = width;
            this.height = height;
            return this;
        }

        /** Frames a second, 1..{@value #MAX_FRAMERATE}. */
        public Builder framerate(int framerate) {
            if (framerate < 1 || framerate > MAX_FRAMERATE) {
                throw new IllegalArgumentException("framerate: " + framerate + " (expected: 1.." + MAX_FRAMERATE
                                                   + ')');
            }
            this.framerate = framerate;
            return this;
        }

        /** The target bitrate, {@value #MIN_BITRATE}..{@value #MAX_BITRATE} bits per second. */
        public Builder bitrate(int bitrate) {
            checkBitrate(bitrate);
            this.bitrate = bitrate;
            return this;
        }

        /** The most frames from one keyframe to the next, 1..{@value Integer#MAX_VALUE}. */
        public Builder keyframeIntervalFrames(int frames) {
            if (frames < 1) {
                throw new IllegalArgumentException("keyframeIntervalFrames: " + frames + " (expected: >= 1)");
            }
            keyframeIntervalFrames = frames;
            return this;
        }

        /** Whether to run at the fastest speed setting for live video (the default). */
        public Builder realtime(boolean realtime) {
            this.realtime = realtime;
            return this;
        }

        public VideoEncoderSettings build() {
            return new VideoEncoderSettings(this);
        }
    }

    static void checkSize(int width, int height) {
        // Even sizes keep the chroma planes exact, as every WebRTC encoder wants; 16 is the least any
        // of the libraries here takes.
        if (width < 16 || height < 16 || width > VideoFrame.MAX_DIMENSION || height > VideoFrame.MAX_DIMENSION
            || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("size: " + width + 'x' + height + " (expected: even, 16.."
                                               + VideoFrame.MAX_DIMENSION + " each way)");
        }
    }

    static void checkBitrate(int bitrate) {
        if (bitrate < MIN_BITRATE || bitrate > MAX_BITRATE) {
            throw new IllegalArgumentException("bitrate: " + bitrate + " (expected: " + MIN_BITRATE + ".."
                                               + MAX_BITRATE + ')');
        }
    }
}
