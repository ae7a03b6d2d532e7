package dev.remotemedia.codec.internal;

import dev.remotemedia.codec.video.VideoCodecType;
import dev.remotemedia.rtc.common.Nullable;
import java.util.EnumMap;
import java.util.Map;

/**
 * Finds out once whether each video codec can be used: the optional FFmpeg and JavaCPP jars are on
 * the classpath, their natives load, and libavcodec has the codec's encoder and decoder (see {@link
 * LibavVideo}); and whether swscale is there for conversions. Touches FFmpeg classes only by name, so
 * that this class loads without them.
 */
public final class LibavVideoSupport {
    private LibavVideoSupport() {}

    private static final String FFMPEG_CLASS = "org.bytedeco.ffmpeg.global.avcodec";
    private static final String SWSCALE_CLASS = "org.bytedeco.ffmpeg.global.swscale";

    @Nullable
    private static final String FFMPEG_REASON = probe(FFMPEG_CLASS);
    @Nullable
    private static final String SWSCALE_REASON = FFMPEG_REASON != null ? FFMPEG_REASON : probe(SWSCALE_CLASS);
    private static final Map<VideoCodecType, String> CODEC_REASONS = probeCodecs();

    /** Why {@code codec} cannot be encoded and decoded here, or {@code null} if it can. */
    @Nullable
    public static String unavailableReason(VideoCodecType codec) {
        return CODEC_REASONS.get(codec);
    }

    /** Why pictures cannot be converted or scaled here, or {@code null} if they can. */
    @Nullable
    public static String converterUnavailableReason() {
        return SWSCALE_REASON;
    }

    @Nullable
    private static String probe(String className) {
        try {
            Class.forName(className, true, LibavVideoSupport.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return "FFmpeg is not on the classpath: add org.bytedeco:ffmpeg and org.bytedeco:javacpp, each with "
                   + "its classifier linux-x86_64 jar too (media-codecs declares them optional)";
        } catch (LinkageError | RuntimeException e) {
            return "FFmpeg's native libraries did not load on " + System.getProperty("os.name") + ' '
                   + System.getProperty("os.arch") + " (only linux-x86_64 natives are declared): " + e;
        }
    }

    private static Map<VideoCodecType, String> probeCodecs() {
        final Map<VideoCodecType, String> reasons = new EnumMap<>(VideoCodecType.class);
        for (VideoCodecType codec : VideoCodecType.values()) {
            String reason = FFMPEG_REASON;
            if (reason == null) {
                try {
                    reason = LibavVideo.check(codec);
                } catch (LinkageError | RuntimeException e) {
                    reason = "FFmpeg loaded but could not be used: " + e;
                }
            }
            if (reason != null) {
                reasons.put(codec, reason);
            }
        }
        return reasons;
    }
}
