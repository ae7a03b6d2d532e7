package dev.remotemedia.codec.internal;

import static java.util.Objects.requireNonNull;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_iterate;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import dev.remotemedia.codec.video.EncodedVideoFrame;
import dev.remotemedia.codec.video.VideoCodecType;
import dev.remotemedia.codec.video.VideoEncoder;
import dev.remotemedia.codec.video.VideoEncoderSettings;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.rtc.common.Nullable;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A {@link VideoEncoder} on a libavcodec encoder: libvpx (VP8, VP9), OpenH264 (H.264) or SVT-AV1 (AV1),
 * each set up for live video (see {@link #options}).
 *
 * <p>libavcodec's wrappers read size and rate control only when a context opens, so {@link
 * #setBitrate} and {@link #setResolution} take effect by opening a new context before the next frame,
 * which therefore is a keyframe.
 *
 * <p>AV1 is SVT-AV1 rather than libaom, by measurement at 640×360, 30 fps, 500 kb/s ({@code
 * Av1EncoderChoiceBenchmark} in the tests): SVT-AV1 at preset 12 in low-delay real-time mode on one
 * thread took 3–4 ms of CPU a frame where libaom in realtime mode at cpu-used 8 (the most libavcodec
 * allows) took 6.5–10 ms; at 720p, 7.3 ms against 27 ms. Both emit a keyframe first and on request.
 * libaom stays available by name, for comparison.
 */
public final class LibavVideoEncoder implements VideoEncoder {
    private final String library;
    private VideoEncoderSettings settings;
    private Context context;
    private boolean reopen;
    private boolean closed;
    @Nullable
    private SwscaleFrameConverter scaler;

    public LibavVideoEncoder(VideoEncoderSettings settings) {
        this(settings, LibavVideo.encoderName(settings.codec()));
    }

    /** An encoder on the libavcodec encoder named {@code library}; to compare libraries for one codec. */
    public LibavVideoEncoder(VideoEncoderSettings settings, String library) {
        this.settings = requireNonNull(settings, "settings");
        this.library = requireNonNull(library, "library");
        context = Context.open(settings, library);
    }

    @Override
    public VideoEncoderSettings settings() {
        return settings;
    }

    @Override
    public List<EncodedVideoFrame> encode(VideoFrame frame, boolean forceKeyframe) {
        requireNonNull(frame, "frame");
        checkOpen();
        if (reopen) {
            final Context next = Context.open(settings, library);
            context.close();
            context = next;
            reopen = false;
        }
        VideoFrame input = frame;
        if (frame.width() != settings.width() || frame.height() != settings.height()) {
            if (scaler == null) {
                scaler = new SwscaleFrameConverter();
            }
            input = scaler.scale(frame, settings.width(), settings.height());
        }
        final Context current = context;
        try {
            return current.state.encode(input, forceKeyframe);
        } finally {
            // The cleaner must not free the context while the library works on it.
            Reference.reachabilityFence(current);
        }
    }

    @Override
    public void setBitrate(int bitrate) {
        checkOpen();
        final VideoEncoderSettings next = settings.toBuilder().bitrate(bitrate).build();
        reopen |= !next.equals(settings);
        settings = next;
    }

    @Override
    public void setResolution(int width, int height) {
        checkOpen();
        final VideoEncoderSettings next = settings.toBuilder().size(width, height).build();
        reopen |= !next.equals(settings);
        settings = next;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the " + settings.codec() + " encoder is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        context.close();
        if (scaler != null) {
            scaler.close();
        }
    }

    /**
     * The private options of each libavcodec wrapper for live video: no look-ahead and no B-frames (a
     * packet per frame, at once), error resilience, and the fastest speed for realtime.
     */
    static void options(VideoEncoderSettings settings, String library, AVDictionary options) {
        final boolean realtime = settings.realtime();
        switch (library) {
            case "libvpx":
            case "libvpx-vp9":
                av_dict_set(options, "deadline", realtime ? "realtime" : "good", 0);
                av_dict_set(options, "cpu-used", realtime ? "8" : "2", 0);
                av_dict_set(options, "lag-in-frames", "0", 0);
                av_dict_set(options, "auto-alt-ref", "0", 0);
                av_dict_set(options, "error-resilient", "default", 0);
                // Keyframes at most 3× a frame's share of the bitrate, as WebRTC sets libvpx, so that
                // a keyframe does not stall the stream.
                av_dict_set(options, "max-intra-rate", "300", 0);
                av_dict_set(options, "undershoot-pct", "100", 0);
                av_dict_set(options, "overshoot-pct", "15", 0);
                if (library.equals("libvpx-vp9")) {
                    av_dict_set(options, "row-mt", "1", 0);
                    av_dict_set(options, "aq-mode", "3", 0); // cyclic refresh, libvpx's choice for live video
                    av_dict_set(options, "frame-parallel", "0", 0);
                }
                break;
            case "libopenh264":
                av_dict_set(options, "rc_mode", "bitrate", 0);
                av_dict_set(options, "allow_skip_frames", "0", 0);
                av_dict_set(options, "coder", "cavlc", 0); // constrained baseline has no CABAC
                break;
            case "libaom-av1":
                av_dict_set(options, "usage", realtime ? "realtime" : "good", 0);
                av_dict_set(options, "cpu-used", realtime ? "8" : "6", 0);
                av_dict_set(options, "lag-in-frames", "0", 0);
                av_dict_set(options, "error-resilience", "default", 0);
                av_dict_set(options, "aq-mode", "3", 0);
                av_dict_set(options, "row-mt", "1", 0);
                break;
            case "libsvtav1":
                av_dict_set(options, "preset", realtime ? "12" : "8", 0);
                // Low delay (no look-ahead), real-time tools, constant bitrate; lp=1 (its lowest level
                // of parallelism) encodes on the caller's thread: otherwise each encoder starts 17
                // threads at 160×120 and 42 at 720p (lp=2 as well), on this machine.
                av_dict_set(options, "svtav1-params", "pred-struct=1:rtc=1:rc=2:lp=1", 0);
                break;
            default:
                throw new IllegalArgumentException("library: " + library
                                                   + " (expected: libvpx, libvpx-vp9, libopenh264, libaom-av1 "
                                                   + "or libsvtav1)");
        }
    }

    /**
     * One thread up to 360p keeps a thousand small encoders cheap; two above, the cores here. Never
     * two for VP8: libvpx's VP8 threads wait for each other spinning, and on two busy cores 720p took
     * 100 ms a frame with two threads against 12 ms with one (measured here).
     */
    static int threads(VideoEncoderSettings settings) {
        return settings.width() * settings.height() > 640 * 360 && settings.codec() != VideoCodecType.VP8 ? 2 : 1;
    }

    /** One native encoder context and its owner registration; see {@link State}. */
    private static final class Context {
        final State state;
        final Cleaner.Cleanable cleanable;

        private Context(State state) {
            this.state = state;
            cleanable = NativeCleaner.CLEANER.register(this, state);
        }

        static Context open(VideoEncoderSettings settings, String library) {
            final State state = new State(settings);
            try {
                state.open(library);
            } catch (RuntimeException e) {
                state.run();
                throw e;
            }
            return new Context(state);
        }

        void close() {
            cleanable.clean();
        }
    }

    /**
     * The native objects of one context. {@link #run()} frees them exactly once, from {@code close()}
     * (or a change of settings) or, for an encoder dropped unclosed, from the cleaner.
     */
    private static final class State implements Runnable {
        private static final int MICROS = 1_000_000;

        private final VideoEncoderSettings settings;
        // The pts given to the library (microseconds, strictly increasing) and the capture time of the
        // frame that got it, for the frames not yet out.
        private final ArrayDeque<long[]> pending = new ArrayDeque<>();
        private AVCodecContext context;
        private AVFrame frame;
        private AVPacket packet;
        private long lastPts = Long.MIN_VALUE;
        private boolean contextOpen;
        private boolean freed;

        State(VideoEncoderSettings settings) {
            this.settings = settings;
        }

        void open(String library) {
            final AVCodec codec = avcodec_find_encoder_by_name(library);
            if (codec == null) {
                throw new IllegalStateException("this FFmpeg build has no " + library + " encoder");
            }
            context = avcodec_alloc_context3(codec);
            if (context == null || context.isNull()) {
                context = null;
                throw new IllegalStateException("libavcodec could not allocate a " + library + " context");
            }
            context.width(settings.width());
            context.height(settings.height());
            context.pix_fmt(AV_PIX_FMT_YUV420P);
            context.time_base(av_make_q(1, MICROS));
            context.framerate(av_make_q(settings.framerate(), 1));
            context.gop_size(settings.keyframeIntervalFrames());
            context.max_b_frames(0);
            // Constant bitrate: libvpx and libaom take min = max = target as CBR; the buffer is one
            // second, as WebRTC sets it.
            context.bit_rate(settings.bitrate());
            context.rc_min_rate(settings.bitrate());
            context.rc_max_rate(settings.bitrate());
            context.rc_buffer_size(settings.bitrate());
            context.rc_initial_buffer_occupancy(settings.bitrate() / 2);
            context.thread_count(threads(settings));
            if (settings.codec() == VideoCodecType.H264) {
                context.profile(AV_PROFILE_H264_CONSTRAINED_BASELINE);
                context.slices(1);
            }
            final AVDictionary options = new AVDictionary(null);
            options(settings, library, options);
            final int opened = avcodec_open2(context, codec, options);
            final StringBuilder unknown = new StringBuilder();
            for (AVDictionaryEntry e = av_dict_iterate(options, null); e != null; e = av_dict_iterate(options, e)) {
                unknown.append(' ').append(e.key().getString());
            }
            av_dict_free(options);
            if (opened < 0) {
                throw new IllegalStateException(library + " refused " + settings + ": " + Libav.describe(opened));
            }
            contextOpen = true;
            if (unknown.length() > 0) {
                throw new IllegalStateException("this FFmpeg's " + library + " encoder lacks the options" + unknown);
            }
            frame = av_frame_alloc();
            packet = av_packet_alloc();
            if (frame == null || packet == null) {
                throw new IllegalStateException("libavcodec could not allocate a frame or packet");
            }
            frame.format(AV_PIX_FMT_YUV420P);
            frame.width(settings.width());
            frame.height(settings.height());
            check(av_frame_get_buffer(frame, 0), "allocate a picture");
        }

        List<EncodedVideoFrame> encode(VideoFrame in, boolean forceKeyframe) {
            check(av_frame_make_writable(frame), "make the picture writable");
            final int width = settings.width();
            final int height = settings.height();
            LibavVideo.put(in.dataY(), in.strideY(), frame.data(0), frame.linesize(0), width, height);
            LibavVideo.put(in.dataU(), in.strideU(), frame.data(1), frame.linesize(1), in.chromaWidth(),
                           in.chromaHeight());
            LibavVideo.put(in.dataV(), in.strideV(), frame.data(2), frame.linesize(2), in.chromaWidth(),
                           in.chromaHeight());
            final long pts = lastPts == Long.MIN_VALUE ? in.timestampMicros()
                                                       : Math.max(in.timestampMicros(), lastPts + 1);
            lastPts = pts;
            pending.add(new long[] { pts, in.timestampMicros() });
            frame.pts(pts);
            frame.duration(MICROS / settings.framerate());
            frame.pict_type(forceKeyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
            check(avcodec_send_frame(context, frame), "encode a picture");
            final List<EncodedVideoFrame> out = new ArrayList<>(1);
            while (true) {
                final int received = avcodec_receive_packet(context, packet);
                if (received == Libav.AVERROR_EAGAIN) {
                    break;
                }
                check(received, "take a packet");
                try {
                    final byte[] data = new byte[packet.size()];
                    packet.data().get(data);
                    out.add(new EncodedVideoFrame(settings.codec(), data, (packet.flags() & AV_PKT_FLAG_KEY) != 0,
                                                  captureTime(packet.pts()), width, height));
                } finally {
                    av_packet_unref(packet);
                }
            }
            return out;
        }

        private long captureTime(long pts) {
            // Frames the library dropped leave their entries behind; they are older than this one.
            while (!pending.isEmpty() && pending.peek()[0] < pts) {
                pending.poll();
            }
            final long[] entry = pending.peek();
            if (entry != null && entry[0] == pts) {
                pending.poll();
                return entry[1];
            }
            return pts;
        }

        private void check(int result, String what) {
            if (result < 0) {
                throw new IllegalStateException(settings.codec() + " encoder failed to " + what + ": "
                                                + Libav.describe(result));
            }
        }

        @Override
        public synchronized void run() {
            if (freed) {
                return;
            }
            freed = true;
            if (contextOpen && packet != null && settings.codec() == VideoCodecType.AV1) {
                // SVT-AV1 reports an error on stderr when closed before the end of its stream.
                if (avcodec_send_frame(context, null) >= 0) {
                    while (avcodec_receive_packet(context, packet) >= 0) {
                        av_packet_unref(packet);
                    }
                }
            }
            if (packet != null) {
                av_packet_free(packet);
            }
            if (frame != null) {
                av_frame_free(frame);
            }
            if (context != null) {
                avcodec_free_context(context);
            }
            packet = null;
            frame = null;
            context = null;
        }
    }
}
