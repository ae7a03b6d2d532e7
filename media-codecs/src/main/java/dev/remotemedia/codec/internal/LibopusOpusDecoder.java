package dev.remotemedia.codec.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusImplementation;
import dev.remotemedia.codec.OpusPacketException;
import io.github.jaredmdobson.concentus.OpusException;
import java.lang.ref.Cleaner;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * An {@link dev.remotemedia.codec.OpusDecoder} on libopus inside libavcodec.
 *
 * <p>libavcodec's {@code libopus} wrapper has no call for a lost packet and always decodes with
 * {@code decode_fec} off, so:
 *
 * <ul>
 *   <li>concealment feeds it a packet of empty frames of the lost duration, which libopus conceals
 *       (RFC 6716 §3.2.1: a frame of 0 bytes is a lost frame), keeping the last packet's mode;
 *   <li>in-band FEC of a mono packet is decoded by a Concentus decoder (the same bitstream, RFC
 *       6716 §4.2.4), made for the occasion and primed with the last packet received, while libopus
 *       conceals the frame so that its own state knows one was lost. A stereo packet's lost frame is
 *       concealed by libopus: Concentus's stereo LBRR decoding faded out in our tests.
 * </ul>
 */
public final class LibopusOpusDecoder extends AbstractOpusDecoder {
    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final byte[] lossPacket = new byte[2];
    private short[] discarded = new short[0];
    private int lastToc = -1;
    private byte[] lastPacket = new byte[1500];
    private int lastPacketLength;

    public LibopusOpusDecoder(int channels) {
        super(channels);
        state = new State(channels);
        try {
            state.open();
        } catch (RuntimeException e) {
            state.run();
            throw e;
        }
        cleanable = NativeCleaner.CLEANER.register(this, state);
    }

    @Override
    public OpusImplementation implementation() {
        return OpusImplementation.LIBOPUS;
    }

    @Override
    void decodePacket(byte[] packet, int off, int len, short[] pcm, int pcmOffset, int samples) {
        state.decode(packet, off, len, pcm, pcmOffset, samples);
        lastToc = packet[off] & 0xff;
        if (lastPacket.length < len) {
            lastPacket = new byte[len];
        }
        System.arraycopy(packet, off, lastPacket, 0, len);
        lastPacketLength = len;
    }

    @Override
    void decodeFecPacket(byte[] packet, int off, int len, short[] pcm, int pcmOffset, int frameSamples) {
        // As libopus does with decode_fec: the FEC covers one frame of the next packet's duration, at
        // the end of the gap; what comes before it is concealed (RFC 6716 §4.2.4 note on LBRR).
        // Stereo packets are concealed instead: Concentus's stereo LBRR decoding came out as a fading
        // concealment in our tests (a gap of silence after 6 ms), worse than libopus's own.
        final int toc = packet[off] & 0xff;
        final int fecSamples = OpusPackets.frameSamples(toc);
        if (frameSamples < fecSamples || OpusPackets.isStereo(toc) || !OpusPackets.hasFec(packet, off, len)) {
            concealFrame(pcm, pcmOffset, frameSamples);
            return;
        }
        if (frameSamples > fecSamples) {
            concealFrame(pcm, pcmOffset, frameSamples - fecSamples);
        }
        final int fecOffset = pcmOffset + (frameSamples - fecSamples) * channels();
        final int decoded;
        try {
            decoded = primedDecoder().decode(packet, off, len, pcm, fecOffset, fecSamples, true);
        } catch (OpusException | RuntimeException e) {
            throw new OpusPacketException("undecodable in-band FEC in a packet of " + len + " bytes: " + e, e);
        }
        if (decoded != fecSamples) {
            throw new OpusPacketException("in-band FEC gave " + decoded + " samples, expected " + fecSamples);
        }
        // libopus conceals the same stretch, so that its state knows a frame was lost.
        if (discarded.length < fecSamples * channels()) {
            discarded = new short[fecSamples * channels()];
        }
        concealFrame(discarded, 0, fecSamples);
    }

    // A Concentus decoder that has decoded the last packet received, so that its state (stereo
    // prediction, pitch history, spectral envelope) is close to libopus's: an LBRR frame decoded from
    // a blank state comes out near silent in stereo.
    private io.github.jaredmdobson.concentus.OpusDecoder primedDecoder() throws OpusException {
        final io.github.jaredmdobson.concentus.OpusDecoder decoder = ConcentusOpusDecoder.newDecoder(channels());
        if (lastPacketLength > 0) {
            final int samples = OpusPackets.samplesPerChannel(lastPacket, 0, lastPacketLength);
            if (discarded.length < samples * channels()) {
                discarded = new short[samples * channels()];
            }
            decoder.decode(lastPacket, 0, lastPacketLength, discarded, 0, samples, false);
        }
        return decoder;
    }

    @Override
    void concealFrame(short[] pcm, int pcmOffset, int frameSamples) {
        final int length = OpusPackets.lossPacket(lastToc, frameSamples, lossPacket);
        state.decode(lossPacket, 0, length, pcm, pcmOffset, frameSamples);
    }

    @Override
    void free() {
        cleanable.clean();
    }

    /**
     * The native objects of one decoder. {@link #run()} frees them exactly once, from {@code close()}
     * or, for a decoder that was dropped unclosed, from the cleaner; nothing else frees them.
     */
    private static final class State implements Runnable {
        private final int channels;
        private AVCodecContext context;
        private AVFrame frame;
        private AVPacket packet;
        private BytePointer input;
        private int inputCapacity;
        private boolean freed;

        State(int channels) {
            this.channels = channels;
        }

        void open() {
            final AVCodec codec = avcodec_find_decoder_by_name(Libav.LIBOPUS);
            context = avcodec_alloc_context3(codec);
            if (context == null || context.isNull()) {
                context = null;
                throw new IllegalStateException("libavcodec could not allocate a libopus decoder context");
            }
            context.sample_rate(OpusConfig.SAMPLE_RATE);
            context.request_sample_fmt(AV_SAMPLE_FMT_S16);
            av_channel_layout_default(context.ch_layout(), channels);
            final int opened = avcodec_open2(context, codec, (AVDictionary) null);
            if (opened < 0) {
                throw new IllegalStateException("libopus refused a decoder of " + channels + " channels: "
                                                + Libav.describe(opened));
            }
            if (context.sample_fmt() != AV_SAMPLE_FMT_S16 || context.ch_layout().nb_channels() != channels) {
                throw new IllegalStateException("libopus decodes to sample format " + context.sample_fmt()
                                                + " with " + context.ch_layout().nb_channels()
                                                + " channels, expected 16-bit with " + channels);
            }
            frame = av_frame_alloc();
            packet = av_packet_alloc();
            if (frame == null || packet == null) {
                throw new IllegalStateException("libavcodec could not allocate a frame or packet");
            }
            ensureInput(1500);
        }

        // The packet's bytes are ours (the AVPacket has no buffer reference), so libavcodec copies them.
        private void ensureInput(int length) {
            if (length <= inputCapacity) {
                return;
            }
            if (input != null) {
                input.deallocate();
            }
            inputCapacity = Math.max(length, inputCapacity * 2);
            input = new BytePointer(inputCapacity);
            packet.data(input);
        }

        void decode(byte[] data, int off, int len, short[] pcm, int pcmOffset, int samples) {
            ensureInput(len);
            input.position(0).put(data, off, len);
            packet.size(len);
            final int sent = avcodec_send_packet(context, packet);
            if (sent < 0) {
                throw new OpusPacketException("libopus rejected a packet of " + len + " bytes: "
                                              + Libav.describe(sent));
            }
            final int received = avcodec_receive_frame(context, frame);
            if (received < 0) {
                throw new OpusPacketException("libopus decoded nothing from a packet of " + len + " bytes: "
                                              + Libav.describe(received));
            }
            try {
                final int decoded = frame.nb_samples();
                if (decoded != samples) {
                    throw new OpusPacketException("libopus decoded " + decoded + " samples per channel, expected "
                                                  + samples);
                }
                new ShortPointer(frame.data(0)).get(pcm, pcmOffset, samples * channels);
            } finally {
                av_frame_unref(frame);
            }
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
