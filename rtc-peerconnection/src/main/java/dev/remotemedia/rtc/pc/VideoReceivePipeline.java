package dev.remotemedia.rtc.pc;

import dev.remotemedia.codec.video.VideoCodecs;
import dev.remotemedia.codec.video.VideoDecoder;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.codec.video.VideoPacketException;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.SeqNumUnwrapper32;
import dev.remotemedia.rtc.media.repair.KeyframeRequester;
import dev.remotemedia.rtc.media.repair.NackGenerator;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.RtpPacket;
import dev.remotemedia.rtc.rtp.video.AssembledFrame;
import dev.remotemedia.rtc.rtp.video.FrameAssembler;
import dev.remotemedia.rtc.rtp.video.PayloadInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote video track's receiving: on the connection's loop, the packets of its stream (RTX
 * repairs already unwrapped) go to a NACK generator and a {@link FrameAssembler}; whole frames go
 * to the codec thread to be decoded and handed to the sinks. When the assembler gives up on a gap,
 * the NACK generator has too much missing, or the decoder fails, a keyframe is asked for (PLI,
 * paced by {@link KeyframeRequester}). At most {@link #MAX_PENDING} frames wait for the decoder; past
 * that, frames are dropped and a keyframe is asked for, since what follows depends on them.
 */
final class VideoReceivePipeline {
    private static final Logger logger = LoggerFactory.getLogger(VideoReceivePipeline.class);
    static final int MAX_PENDING = 8;
    /** The largest frame assembled: 4 MiB (a 4K keyframe at a high bitrate). */
    static final int MAX_FRAME_SIZE = 4 << 20;
    /** How long a gap may hold frames back while NACK repairs it. */
    static final long LOSS_TIMEOUT_NANOS = 500_000_000L;

    /** What the loop sends on the pipeline's behalf. */
    interface Feedback {
        void nack(long mediaSsrc, List<Integer> sequenceNumbers);

        void keyframeRequest(long mediaSsrc);
    }

    private final RTCRtpReceiver receiver;
    private final List<VideoSink> sinks;
    private final SerialExecutor executor;
    private final NackGenerator nacks = new NackGenerator(NackGenerator.Config.DEFAULT);
    private final KeyframeRequester keyframes = new KeyframeRequester(KeyframeRequester.DEFAULT_INTERVAL_NANOS);
    private final SeqNumUnwrapper32 timestamps = new SeqNumUnwrapper32();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean decoderWantsKeyframe = new AtomicBoolean();
    // Loop state.
    private @Nullable FrameAssembler assembler;
    private @Nullable VideoFormat format;
    private long mediaSsrc;
    // Codec-thread state.
    private @Nullable VideoDecoder decoder;
    private volatile boolean closed;
    final AtomicLong framesAssembled = new AtomicLong();
    final AtomicLong framesDecoded = new AtomicLong();
    final AtomicLong keyframesDecoded = new AtomicLong();
    final AtomicLong framesDropped = new AtomicLong();
    final AtomicLong decodeErrors = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    volatile int frameWidth;
    volatile int frameHeight;

    VideoReceivePipeline(RTCRtpReceiver receiver, List<VideoSink> sinks) {
        this.receiver = receiver;
        this.sinks = sinks;
        executor = new SerialExecutor(receiver.transceiver().core().codecPool(), MAX_PENDING + 2);
    }

    // ---- On the loop -----------------------------------------------------------------------------------

    /** A packet of the stream in {@code format} (a repair with its original numbers), arrived at {@code nowNanos}. */
    void onPacket(RtpPacket packet, VideoFormat format, long nowNanos) {
        if (closed) {
            return;
        }
        if (assembler == null || this.format != format || mediaSsrc != packet.ssrc()) {
            if (assembler != null) {
                nacks.reset(); // a new stream or format: what was missing of the old one no longer matters
            }
            this.format = format;
            mediaSsrc = packet.ssrc();
            assembler = FrameAssembler.builder(format.depacketizer())
                                      .maxFrameSize(MAX_FRAME_SIZE)
                                      .lossTimeoutNanos(LOSS_TIMEOUT_NANOS)
                                      .build();
        }
        final ParseResult<PayloadInfo> info = format.depacketizer().inspect(packet.payload());
        final boolean keyframe = info instanceof ParseResult.Ok<PayloadInfo> ok && ok.value().keyframe();
        if (!info.isOk() && packet.payload().length() > 0) {
            malformed.incrementAndGet();
        }
        nacks.onPacket(packet.sequenceNumber(), keyframe, nowNanos);
        assembler.insert(packet, nowNanos);
        drain();
    }

    private void drain() {
        final FrameAssembler assembler = this.assembler;
        if (assembler == null) {
            return;
        }
        AssembledFrame frame;
        while ((frame = assembler.pollFrame()) != null) {
            framesAssembled.incrementAndGet();
            if (frame.keyframe()) {
                keyframes.onKeyframe();
            }
            decode(frame);
        }
        if (assembler.keyframeNeeded() || nacks.takeKeyframeRequest() || decoderWantsKeyframe.getAndSet(false)) {
            keyframes.want();
        }
    }

    /** When {@link #advanceTime} has something to do. */
    long nextDeadlineNanos(long rttNanos, boolean nackNegotiated) {
        long next = keyframes.nextPollNanos(rttNanos);
        if (assembler != null) {
            next = Math.min(next, assembler.nextDeadlineNanos());
        }
        if (nackNegotiated) {
            next = Math.min(next, nacks.nextPollNanos(rttNanos));
        }
        return next;
    }

    /** Gives up on gaps that held frames too long, and sends the NACKs and keyframe requests now due. */
    void advanceTime(long nowNanos, long rttNanos, boolean nackNegotiated, Feedback feedback) {
        if (closed || assembler == null) {
            return;
        }
        assembler.advanceTime(nowNanos);
        drain();
        if (nackNegotiated) {
            final List<Integer> lost = nacks.poll(nowNanos, rttNanos);
            if (!lost.isEmpty()) {
                feedback.nack(mediaSsrc, lost);
            }
        }
        if (keyframes.poll(nowNanos, rttNanos)) {
            feedback.keyframeRequest(mediaSsrc);
        }
    }

    long nacksSent() {
        return nacks.requests();
    }

    long keyframeRequestsSent() {
        return keyframes.sent();
    }

    // ---- On the codec thread ------------------------------------------------------------------------------

    private void decode(AssembledFrame frame) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            framesDropped.incrementAndGet();
            decoderWantsKeyframe.set(true); // what follows may depend on the frame dropped
            return;
        }
        final VideoFormat format = this.format;
        final long rtpTimestamp = frame.timestamp();
        executor.execute(() -> {
            try {
                decodeNow(frame, format, rtpTimestamp);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void decodeNow(AssembledFrame frame, VideoFormat format, long rtpTimestamp) {
        if (closed) {
            return;
        }
        if (decoder == null || decoder.codec() != format.codec()) {
            if (decoder != null) {
                decoder.close();
            }
            decoder = VideoCodecs.decoder(format.codec());
        }
        final long micros = timestamps.unwrap(rtpTimestamp) * 100 / 9;
        final List<VideoFrame> pictures;
        try {
            pictures = decoder.decode(frame.data(), micros);
        } catch (VideoPacketException e) {
            decodeErrors.incrementAndGet();
            decoderWantsKeyframe.set(true);
            logger.debug("{}: {} frame at {} not decoded: {}", receiver.transceiver().core(), format, rtpTimestamp,
                         e.getMessage());
            return;
        }
        for (VideoFrame picture : pictures) {
            framesDecoded.incrementAndGet();
            if (frame.keyframe()) {
                keyframesDecoded.incrementAndGet();
            }
            frameWidth = picture.width();
            frameHeight = picture.height();
            for (VideoSink sink : sinks) {
                try {
                    sink.onFrame(picture, rtpTimestamp);
                } catch (RuntimeException e) {
                    logger.warn("{}: a video sink threw", receiver.transceiver().core(), e);
                }
            }
        }
    }

    void close() {
        closed = true;
        executor.executeAlways(() -> {
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
        });
    }
}
