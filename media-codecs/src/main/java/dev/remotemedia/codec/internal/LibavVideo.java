package dev.remotemedia.codec.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import dev.remotemedia.codec.video.VideoCodecType;
import dev.remotemedia.rtc.common.Nullable;
import org.bytedeco.javacpp.BytePointer;

/**
 * Which libavcodec encoder and decoder serve each {@link VideoCodecType}, and plane copies between
 * Java arrays and native memory. Only used after {@link LibavVideoSupport} found FFmpeg usable.
 */
final class LibavVideo {
    private LibavVideo() {}

    /**
     * The libavcodec encoder for {@code codec}. AV1 is SVT-AV1 in low-delay mode, chosen over libaom's
     * realtime mode by measurement (see {@link LibavVideoEncoder}).
     */
    static String encoderName(VideoCodecType codec) {
        switch (codec) {
            case VP8:
                return "libvpx";
            case VP9:
                return "libvpx-vp9";
            case H264:
                return "libopenh264";
            default:
                return "libsvtav1";
        }
    }

    /**
     * The libavcodec decoder for {@code codec}. AV1 is libaom's: libavcodec's native {@code av1}
     * decodes only through hardware acceleration, and this FFmpeg build has no dav1d.
     */
    static String decoderName(VideoCodecType codec) {
        switch (codec) {
            case VP8:
                return "vp8";
            case VP9:
                return "vp9";
            case H264:
                return "h264";
            default:
                return "libaom-av1";
        }
    }

    @Nullable
    static String check(VideoCodecType codec) {
        // libavcodec logs every corrupt packet at error level; a remote peer must not be able to fill
        // our logs, and each failure is reported to the caller anyway.
        av_log_set_level(AV_LOG_FATAL);
        if (avcodec_find_encoder_by_name(encoderName(codec)) == null) {
            return "this FFmpeg build has no " + encoderName(codec) + " encoder for " + codec;
        }
        if (avcodec_find_decoder_by_name(decoderName(codec)) == null) {
            return "this FFmpeg build has no " + decoderName(codec) + " decoder for " + codec;
        }
        return null;
    }

    /** Copies {@code rows} rows of {@code width} bytes from a Java plane into a native one. */
    static void put(byte[] src, int srcStride, BytePointer dst, int dstStride, int width, int rows) {
        if (srcStride == dstStride) {
            dst.position(0).put(src, 0, dstStride * (rows - 1) + width);
        } else {
            for (int row = 0; row < rows; row++) {
                dst.position((long) row * dstStride).put(src, row * srcStride, width);
            }
        }
        dst.position(0);
    }

    /** Copies a native plane out, keeping its stride: {@code stride × (rows − 1) + width} bytes. */
    static byte[] get(BytePointer src, int stride, int width, int rows) {
        final byte[] plane = new byte[stride * (rows - 1) + width];
        src.position(0).get(plane);
        return plane;
    }
}
