package dev.remotemedia.codec.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.codec.internal.LibavVideoDecoder;
import dev.remotemedia.codec.internal.LibavVideoEncoder;
import dev.remotemedia.codec.internal.LibavVideoSupport;
import dev.remotemedia.codec.internal.SwscaleFrameConverter;
import dev.remotemedia.rtc.common.Nullable;

/**
 * Creates video encoders, decoders and picture converters, all on FFmpeg (DESIGN.md §3): libvpx for
 * VP8 and VP9, OpenH264 for H.264, SVT-AV1 for AV1; libavcodec's own decoders for VP8, VP9 and H.264,
 * libaom's for AV1; swscale for conversions.
 *
 * <p>SVT-AV1 prints its settings to stderr each time an AV1 encoder opens, unless the process's
 * environment has {@code SVT_LOG=1} (errors only); it reads nothing else, so set that where AV1 is
 * used.
 *
 * <p>FFmpeg is an optional dependency of this module. Whether it and each codec are there is found out
 * once, on first use, without failing: {@link #unavailableReason(VideoCodecType)} says why not.
 */
public final class VideoCodecs {
    private VideoCodecs() {}

    /** Whether {@code codec} can be encoded and decoded here. */
    public static boolean isAvailable(VideoCodecType codec) {
        return unavailableReason(codec) == null;
    }

    /** Why {@code codec} cannot be encoded and decoded here, or {@code null} if it can. */
    @Nullable
    public static String unavailableReason(VideoCodecType codec) {
        return LibavVideoSupport.unavailableReason(requireNonNull(codec, "codec"));
    }

    /** Why pictures cannot be converted here ({@link #converter()}), or {@code null} if they can. */
    @Nullable
    public static String converterUnavailableReason() {
        return LibavVideoSupport.converterUnavailableReason();
    }

    /**
     * Returns an encoder with {@code settings}. The caller closes it.
     *
     * @throws IllegalStateException if the codec is not available, with the reason, or if the library
     *         refuses the settings
     */
    public static VideoEncoder encoder(VideoEncoderSettings settings) {
        requireNonNull(settings, "settings");
        checkAvailable(settings.codec());
        return new LibavVideoEncoder(settings);
    }

    /**
     * Returns a decoder of {@code codec}. The caller closes it.
     *
     * @throws IllegalStateException if the codec is not available, with the reason
     */
    public static VideoDecoder decoder(VideoCodecType codec) {
        checkAvailable(requireNonNull(codec, "codec"));
        return new LibavVideoDecoder(codec);
    }

    /**
     * Returns a picture converter. The caller closes it.
     *
     * @throws IllegalStateException if swscale is not available, with the reason
     */
    public static VideoFrameConverter converter() {
        final String reason = converterUnavailableReason();
        if (reason != null) {
            throw new IllegalStateException("video conversion is not available: " + reason);
        }
        return new SwscaleFrameConverter();
    }

    private static void checkAvailable(VideoCodecType codec) {
        final String reason = unavailableReason(codec);
        if (reason != null) {
            throw new IllegalStateException(codec + " is not available: " + reason);
        }
    }
}
