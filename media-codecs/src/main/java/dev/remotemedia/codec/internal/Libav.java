package dev.remotemedia.codec.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.remotemedia.rtc.common.Nullable;
import java.nio.charset.StandardCharsets;

/** FFmpeg helpers; only used after {@link LibopusSupport} found FFmpeg usable. */
final class Libav {
    private Libav() {}

    /** {@code AVERROR(EAGAIN)} on Linux (EAGAIN is 11). */
    static final int AVERROR_EAGAIN = -11;

    /** The name of the libopus encoder and decoder in libavcodec. */
    static final String LIBOPUS = "libopus";

    @Nullable
    static String checkLibopus() {
        // libavcodec logs every rejected packet at error level; a remote peer must not be able to
        // fill our logs, and each failure is reported to the caller anyway.
        av_log_set_level(AV_LOG_FATAL);
        if (avcodec_find_encoder_by_name(LIBOPUS) == null || avcodec_find_decoder_by_name(LIBOPUS) == null) {
            return "this FFmpeg build has no libopus encoder and decoder (expected in org.bytedeco:ffmpeg's "
                   + "LGPL build)";
        }
        return null;
    }

    /** FFmpeg's text for an error code. */
    static String describe(int error) {
        final byte[] text = new byte[128];
        if (av_strerror(error, text, text.length) < 0) {
            return "error " + error;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8) + " (" + error + ')';
    }
}
