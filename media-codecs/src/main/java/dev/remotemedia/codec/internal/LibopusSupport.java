package dev.remotemedia.codec.internal;

import dev.remotemedia.rtc.common.Nullable;

/**
 * Finds out once whether libopus through FFmpeg can be used: the optional FFmpeg and JavaCPP jars
 * are on the classpath, their natives load on this platform, and libavcodec has the {@code libopus}
 * encoder and decoder. Touches FFmpeg classes only by name, so that this class loads without them.
 */
public final class LibopusSupport {
    private LibopusSupport() {}

    private static final String FFMPEG_CLASS = "org.bytedeco.ffmpeg.global.avcodec";

    @Nullable
    private static final String UNAVAILABLE_REASON = probe();

    /** Why libopus cannot be used, or {@code null} if it can. */
    @Nullable
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    @Nullable
    private static String probe() {
        try {
            Class.forName(FFMPEG_CLASS, true, LibopusSupport.class.getClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return "FFmpeg is not on the classpath: add org.bytedeco:ffmpeg and org.bytedeco:javacpp, each with "
                   + "its classifier linux-x86_64 jar too (media-codecs declares them optional)";
        } catch (LinkageError | RuntimeException e) {
            return "FFmpeg's native libraries did not load on " + System.getProperty("os.name") + ' '
                   + System.getProperty("os.arch") + " (only linux-x86_64 natives are declared): " + e;
        }
        try {
            return Libav.checkLibopus();
        } catch (LinkageError | RuntimeException e) {
            return "FFmpeg loaded but could not be used: " + e;
        }
    }
}
