package dev.remotemedia.codec.internal;

import static java.util.Objects.requireNonNull;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.remotemedia.codec.video.VideoCodecType;
import dev.remotemedia.codec.video.VideoDecoder;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.codec.video.VideoPacketException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * A {@link VideoDecoder} on libavcodec's decoder for the codec ({@link LibavVideo#decoderName}), on one
 * thread and without frame delay. Data the decoder rejects flushes it, so that it starts again
 * cleanly at the next keyframe; a picture it marks as corrupt is reported, not returned.
 */
public final class LibavVideoDecoder implements VideoDecoder {
    /** {@code AV_FRAME_FLAG_CORRUPT} (libavutil/frame.h), which this JavaCPP build does not name. */
    private static final int FRAME_FLAG_CORRUPT = 1;

    private final VideoCodecType codec;
    private final State state;
    private final Cleaner.Cleanable cleanable;
    private boolean closed;

    public LibavVideoDecoder(VideoCodecType codec) {
        this.codec = requireNonNull(codec, "codec");
        state = new State(codec);
        try {
            state.open();
        } catch (RuntimeException e) {
            state.run();
            throw e;
        }
        cleanable = NativeCleaner.CLEANER.register(this, state);
    }

    @Override
    public VideoCodecType codec() {
        return codec;
    }

    @Override
    public List<VideoFrame> decode(byte[] data, int offset, int length, long timestampMicros) {
        requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        if (closed) {
            throw new IllegalStateException("the " + codec + " decoder is closed");
        }
        if (length == 0) {
            throw new VideoPacketException("an empty " + codec + " frame");
        }
        try {
            return state.decode(data, offset, length, timestampMicros);
        } finally {
            // The cleaner must not free the decoder while the library works on it.
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    /**
     * The native objects of one decoder. {@link #run()} frees them exactly once, from {@code close()}
     * or, for a decoder dropped unclosed, from the cleaner; nothing else frees them.
     */
    private static final class State implements Runnable {
        private final VideoCodecType codec;
        private AVCodecContext context;
        private AVFrame frame;
        private AVPacket packet;
        private BytePointer input;
        private int inputCapacity;
        private boolean freed;

        State(VideoCodecType codec) {
            this.codec = codec;
        }

        void open() {
            final String name = LibavVideo.decoderName(codec);
            final AVCodec decoder = avcodec_find_decoder_by_name(name);
            if (decoder == null) {
                throw new IllegalStateException("this FFmpeg build has no " + name + " decoder");
            }
            context = avcodec_alloc_context3(decoder);
            if (context == null || context.isNull()) {
                context = null;
                throw new IllegalStateException("libavcodec could not allocate a " + name + " decoder context");
            }
            // Frame threads would hold pictures back a frame each; live video wants them at once.
            context.thread_count(1);
            context.flags(context.flags() | AV_CODEC_FLAG_LOW_DELAY);
            final int opened = avcodec_open2(context, decoder, (AVDictionary) null);
            if (opened < 0) {
                throw new IllegalStateException(name + " refused to open: " + Libav.describe(opened));
            }
            frame = av_frame_alloc();
            packet = av_packet_alloc();
            if (frame == null || packet == null) {
                throw new IllegalStateException("libavcodec could not allocate a frame or packet");
            }
        }

        // libavcodec reads up to AV_INPUT_BUFFER_PADDING_SIZE bytes past the end of a packet, which
        // must be zero so that a truncated packet cannot make it read on into other data.
        private void ensureInput(int length) {
            final int needed = length + AV_INPUT_BUFFER_PADDING_SIZE;
            if (needed > inputCapacity) {
                if (input != null) {
                    input.deallocate();
                }
                inputCapacity = Math.max(needed, inputCapacity * 2);
                input = new BytePointer(inputCapacity);
            }
            input.position(length).fill(0);
            input.position(0);
        }

        List<VideoFrame> decode(byte[] data, int offset, int length, long timestampMicros) {
            ensureInput(length);
            input.put(data, offset, length);
            packet.data(input);
            packet.size(length);
            packet.pts(timestampMicros);
            final int sent = avcodec_send_packet(context, packet);
            packet.data(null).size(0);
            if (sent < 0) {
                avcodec_flush_buffers(context);
                throw new VideoPacketException(codec + " decoder rejected a frame of " + length + " bytes: "
                                               + Libav.describe(sent));
            }
            final List<VideoFrame> out = new ArrayList<>(1);
            String corrupt = null;
            while (true) {
                final int received = avcodec_receive_frame(context, frame);
                if (received == Libav.AVERROR_EAGAIN) {
                    break;
                }
                if (received < 0) {
                    avcodec_flush_buffers(context);
                    throw new VideoPacketException(codec + " decoder failed on a frame of " + length + " bytes: "
                                                   + Libav.describe(received));
                }
                try {
                    if ((frame.flags() & FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0) {
                        corrupt = codec + " decoder found errors in a frame of " + length + " bytes (flags "
                                  + frame.decode_error_flags() + ')';
                    } else {
                        out.add(copy(frame, timestampMicros));
                    }
                } finally {
                    av_frame_unref(frame);
                }
            }
            if (corrupt != null && out.isEmpty()) {
                throw new VideoPacketException(corrupt);
            }
            return out;
        }

        private VideoFrame copy(AVFrame decoded, long timestampMicros) {
            final int format = decoded.format();
            if (format != AV_PIX_FMT_YUV420P && format != AV_PIX_FMT_YUVJ420P) {
                throw new VideoPacketException(codec + " stream decodes to pixel format " + format
                                               + " (expected: 8-bit 4:2:0, what WebRTC sends)");
            }
            final int width = decoded.width();
            final int height = decoded.height();
            final int chromaWidth = (width + 1) / 2;
            final int chromaHeight = (height + 1) / 2;
            final int strideY = decoded.linesize(0);
            final int strideU = decoded.linesize(1);
            final int strideV = decoded.linesize(2);
            final long pts = decoded.pts() == AV_NOPTS_VALUE ? timestampMicros : decoded.pts();
            return VideoFrame.of(width, height, LibavVideo.get(decoded.data(0), strideY, width, height), strideY,
                                 LibavVideo.get(decoded.data(1), strideU, chromaWidth, chromaHeight), strideU,
                                 LibavVideo.get(decoded.data(2), strideV, chromaWidth, chromaHeight), strideV, pts);
        }

        @Override
        public synchronized void run() {
            if (freed) {
                return;
            }
            freed = true;
            if (packet != null) {
                packet.data(null).size(0);
                av_packet_free(packet);
            }
            if (input != null) {
                input.deallocate();
            }
            if (frame != null) {
                av_frame_free(frame);
            }
            if (context != null) {
                avcodec_free_context(context);
            }
            packet = null;
            input = null;
            frame = null;
            context = null;
        }
    }
}
