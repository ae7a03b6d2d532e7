package dev.remotemedia.codec.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_iterate;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusImplementation;
import java.lang.ref.Cleaner;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.ShortPointer;

/**
 * An {@link dev.remotemedia.codec.OpusEncoder} on libopus inside libavcodec. libavcodec's {@code
 * libopus} wrapper reads its settings only when the context opens, so a setter takes effect by
 * opening a new context before the next frame; the new context first encodes the previous frame
 * (its packet dropped) so that its look-ahead holds real audio and the stream goes on without a
 * dropout.
 *
 * <p>That wrapper has no DTX option either (FFmpeg 8.1), so DTX is done here the way libopus does it:
 * after {@value #DTX_AFTER_MICROS} µs of silence, each frame is still encoded (so the encoder's state
 * follows the input) but sent as a packet of empty frames, 1–2 bytes, which every decoder conceals
 * (RFC 6716 §3.2.1); a real packet goes out every {@value #DTX_REFRESH_MICROS} µs to refresh the
 * receiver's comfort noise. Silence here is a frame whose samples all stay within ±{@value
 * #SILENCE_PEAK} (−66 dBFS), where libopus uses its own voice activity detection.
 */
public final class LibopusOpusEncoder extends AbstractOpusEncoder {
    /** libopus enters DTX after 200 ms without activity (NB_SPEECH_FRAMES_BEFORE_DTX × 20 ms). */
    static final int DTX_AFTER_MICROS = 200_000;
    /** libopus sends a real frame at least every 400 ms during DTX (MAX_CONSECUTIVE_DTX × 20 ms). */
    static final int DTX_REFRESH_MICROS = 400_000;
    /** The peak of a silent frame, in 16-bit units. */
    static final int SILENCE_PEAK = 16;

    private final short[] previousFrame;
    private final int frameMicros;
    private long silentMicros;
    private long sinceRealPacketMicros;
    private boolean hasPreviousFrame;
    private Context context;
    private boolean reopen;
    private OpusConfig openedWith;

    public LibopusOpusEncoder(OpusConfig config) {
        super(config);
        previousFrame = new short[config.frameSamples() * config.channels()];
        frameMicros = (int) Math.round(config.frameMillis() * 1000);
        context = Context.open(config);
        openedWith = config;
    }

    @Override
    public OpusImplementation implementation() {
        return OpusImplementation.LIBOPUS;
    }

    @Override
    int encodeFrame(short[] pcm, int pcmOffset, byte[] packet) {
        if (reopen) {
            reopen = false;
            final Context next = Context.open(config());
            openedWith = config();
            context.close();
            context = next;
            if (hasPreviousFrame) {
                context.state.encode(previousFrame, 0, packet);
            }
        }
        final int length = context.state.encode(pcm, pcmOffset, packet);
        System.arraycopy(pcm, pcmOffset, previousFrame, 0, previousFrame.length);
        hasPreviousFrame = true;
        return discontinuous(packet, length);
    }

    private int discontinuous(byte[] packet, int length) {
        silentMicros = isSilent(previousFrame) ? silentMicros + frameMicros : 0;
        sinceRealPacketMicros += frameMicros;
        if (!config().dtx() || silentMicros <= DTX_AFTER_MICROS || sinceRealPacketMicros >= DTX_REFRESH_MICROS) {
            sinceRealPacketMicros = 0;
            return length;
        }
        return OpusPackets.lossPacket(packet[0] & 0xff, config().frameSamples(), packet);
    }

    private static boolean isSilent(short[] frame) {
        for (short sample : frame) {
            if (sample > SILENCE_PEAK || sample < -SILENCE_PEAK) {
                return false;
            }
        }
        return true;
    }

    @Override
    void reconfigure(OpusConfig config) {
        // DTX is done here, not by the context.
        reopen = !config.toBuilder().dtx(false).build().equals(openedWith.toBuilder().dtx(false).build());
    }

    @Override
    void free() {
        context.close();
    }

    /** One native encoder context and its owner registration; see {@link State}. */
    private static final class Context {
        final State state;
        final Cleaner.Cleanable cleanable;

        private Context(State state) {
            this.state = state;
            cleanable = NativeCleaner.CLEANER.register(this, state);
        }

        static Context open(OpusConfig config) {
            final State state = new State(config.frameSamples(), config.channels());
            try {
                state.open(config);
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
     * or, for an encoder that was dropped unclosed, from the cleaner; nothing else frees them.
     */
    private static final class State implements Runnable {
        private final int frameSamples;
        private final int channels;
        private AVCodecContext context;
        private AVFrame frame;
        private AVPacket packet;
        private long pts;
        private boolean freed;

        State(int frameSamples, int channels) {
            this.frameSamples = frameSamples;
            this.channels = channels;
        }

        void open(OpusConfig config) {
            final AVCodec codec = avcodec_find_encoder_by_name(Libav.LIBOPUS);
            context = avcodec_alloc_context3(codec);
            if (context == null || context.isNull()) {
                context = null;
                throw new IllegalStateException("libavcodec could not allocate a libopus encoder context");
            }
            context.sample_rate(OpusConfig.SAMPLE_RATE);
            context.sample_fmt(AV_SAMPLE_FMT_S16);
            // libavcodec's wrapper refuses more than 256 kb/s per channel; Opus gains nothing above.
            context.bit_rate(Math.min(config.bitrate(), 256_000 * config.channels()));
            context.compression_level(config.complexity());
            av_channel_layout_default(context.ch_layout(), config.channels());
            final AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "application", application(config), 0);
            av_dict_set(options, "frame_duration", frameDuration(config), 0);
            av_dict_set(options, "packet_loss", Integer.toString(config.expectedPacketLossPercent()), 0);
            av_dict_set(options, "fec", config.inbandFec() ? "1" : "0", 0);
            av_dict_set(options, "vbr", "on", 0);
            final int opened = avcodec_open2(context, codec, options);
            final StringBuilder unknown = new StringBuilder();
            for (AVDictionaryEntry e = av_dict_iterate(options, null); e != null; e = av_dict_iterate(options, e)) {
                unknown.append(' ').append(e.key().getString());
            }
            av_dict_free(options);
            if (opened < 0) {
                throw new IllegalStateException("libopus refused " + config + ": " + Libav.describe(opened));
            }
            if (unknown.length() > 0) {
                throw new IllegalStateException("this FFmpeg's libopus encoder lacks the options" + unknown);
            }
            frame = av_frame_alloc();
            packet = av_packet_alloc();
            if (frame == null || packet == null) {
                throw new IllegalStateException("libavcodec could not allocate a frame or packet");
            }
            frame.nb_samples(frameSamples);
            frame.format(AV_SAMPLE_FMT_S16);
            frame.sample_rate(OpusConfig.SAMPLE_RATE);
            av_channel_layout_copy(frame.ch_layout(), context.ch_layout());
            final int allocated = av_frame_get_buffer(frame, 0);
            if (allocated < 0) {
                throw new IllegalStateException("libavcodec could not allocate a frame buffer: "
                                                + Libav.describe(allocated));
            }
        }

        private static String application(OpusConfig config) {
            switch (config.application()) {
                case VOIP:
                    return "voip";
                case AUDIO:
                    return "audio";
                default:
                    return "lowdelay";
            }
        }

        private static String frameDuration(OpusConfig config) {
            final double millis = config.frameMillis();
            return millis == Math.rint(millis) ? Integer.toString((int) millis) : Double.toString(millis);
        }

        int encode(short[] pcm, int pcmOffset, byte[] out) {
            check(av_frame_make_writable(frame), "make the frame writable");
            new ShortPointer(frame.data(0)).put(pcm, pcmOffset, frameSamples * channels);
            frame.pts(pts);
            pts += frameSamples;
            check(avcodec_send_frame(context, frame), "encode a frame");
            check(avcodec_receive_packet(context, packet), "take a packet");
            try {
                final int size = packet.size();
                if (size > out.length) {
                    throw new IllegalStateException("libopus wrote a packet of " + size + " bytes");
                }
                packet.data().get(out, 0, size);
                return size;
            } finally {
                av_packet_unref(packet);
            }
        }

        private static void check(int result, String what) {
            if (result < 0) {
                throw new IllegalStateException("libopus failed to " + what + ": " + Libav.describe(result));
            }
        }

        @Override
        public synchronized void run() {
            if (freed) {
                return;
            }
            freed = true;
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
