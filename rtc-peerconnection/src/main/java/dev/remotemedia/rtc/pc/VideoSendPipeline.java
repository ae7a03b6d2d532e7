package dev.remotemedia.rtc.pc;

import dev.remotemedia.codec.video.EncodedVideoFrame;
import dev.remotemedia.codec.video.VideoCodecs;
import dev.remotemedia.codec.video.VideoEncoder;
import dev.remotemedia.codec.video.VideoEncoderSettings;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.RtpPacket;
import dev.remotemedia.rtc.rtp.video.VideoPacketizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender's encoding of a video track: encode each picture with the m-line's negotiated format
 * (a keyframe when the receiver asked for one, or the size changed), packetize it into RTP payloads
 * of at most {@link #MAX_PAYLOAD} bytes, number them, and hand the packets to the connection's loop,
 * which sends them and keeps them for retransmission. Encoding runs on the sender's codec thread;
 * at most {@link #MAX_PENDING} pictures wait for it, newer ones are dropped and counted.
 */
final class VideoSendPipeline {
    private static final Logger logger = LoggerFactory.getLogger(VideoSendPipeline.class);
    /** RTP payload size: 1200 bytes leaves room for headers, extensions, SRTP and RTX within a 1280-byte IPv6 MTU path. */
    static final int MAX_PAYLOAD = 1_200;
    static final int MAX_PENDING = 2;

    private final RTCRtpSender sender;
    private final MediaStreamTrack track;
    private final VideoTrackSource source;
    private final SerialExecutor executor;
    private final AtomicInteger pending = new AtomicInteger();
    private @Nullable VideoEncoder encoder;
    private @Nullable VideoFormat format;
    private @Nullable VideoPacketizer packetizer;
    private volatile boolean closed;
    final AtomicLong framesEncoded = new AtomicLong();
    final AtomicLong keyframesEncoded = new AtomicLong();
    final AtomicLong framesDropped = new AtomicLong();

    VideoSendPipeline(RTCRtpSender sender, MediaStreamTrack track, VideoTrackSource source) {
        this.sender = sender;
        this.track = track;
        this.source = source;
        executor = new SerialExecutor(sender.core().codecPool(), MAX_PENDING + 2);
        sender.videoPipeline = this;
    }

    RTCRtpSender sender() {
        return sender;
    }

    void push(VideoFrame frame) {
        if (closed || !track.enabled()) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            framesDropped.incrementAndGet();
            return;
        }
        executor.execute(() -> {
            try {
                encode(frame);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void encode(VideoFrame frame) {
        final NegotiatedMedia media = sender.negotiated();
        if (closed || media == null || media.video() == null || !media.direction().sends()) {
            return;
        }
        final VideoFormat negotiated = media.video().format();
        if (encoder == null || format != negotiated) {
            closeEncoder();
            format = negotiated;
            packetizer = negotiated.packetizer();
            encoder = VideoCodecs.encoder(VideoEncoderSettings.builder(negotiated.codec())
                                                              .size(encodedWidth(frame), encodedHeight(frame))
                                                              .bitrate(bitrate())
                                                              .framerate(source.framerate())
                                                              .keyframeIntervalFrames(source.keyframeIntervalFrames() == 0
                                                                                      ? VideoTrackSource.ON_REQUEST_INTERVAL
                                                                                      : source.keyframeIntervalFrames())
                                                              .realtime(true)
                                                              .build());
        } else {
            if (encoder.settings().width() != encodedWidth(frame) || encoder.settings().height() != encodedHeight(frame)) {
                encoder.setResolution(encodedWidth(frame), encodedHeight(frame));
            }
            if (encoder.settings().bitrate() != bitrate()) {
                encoder.setBitrate(bitrate()); // W3C setParameters(maxBitrate)
            }
        }
        final boolean keyframe = sender.takeKeyframeRequest();
        final List<EncodedVideoFrame> encoded;
        try {
            encoded = encoder.encode(frame, keyframe);
        } catch (RuntimeException e) {
            logger.warn("{}: {} encoder failed on a {}x{} picture: {}", sender.core(), negotiated, frame.width(),
                        frame.height(), e.getMessage());
            closeEncoder(); // the next picture opens a new one (and so sends a keyframe)
            return;
        }
        for (EncodedVideoFrame out : encoded) {
            framesEncoded.incrementAndGet();
            if (out.isKeyframe()) {
                keyframesEncoded.incrementAndGet();
            }
            send(out);
        }
    }

    /** The source's size, or the picture's own (even: the codecs' chroma is subsampled). */
    private int encodedWidth(VideoFrame frame) {
        return source.width() > 0 ? source.width() : Math.max(16, frame.width() & ~1);
    }

    private int encodedHeight(VideoFrame frame) {
        return source.height() > 0 ? source.height() : Math.max(16, frame.height() & ~1);
    }

    private int bitrate() {
        final Integer ceiling = sender.encoding().maxBitrate();
        return ceiling == null ? source.bitrate() : Math.max(VideoEncoderSettings.MIN_BITRATE, Math.min(source.bitrate(), ceiling));
    }

    private void send(EncodedVideoFrame frame) {
        final List<byte[]> payloads = packetizer.packetize(frame.data(), MAX_PAYLOAD);
        final int firstSequence = sender.reserveSequenceNumbers(payloads.size());
        final long timestamp = sender.videoTimestamp(frame.timestampMicros());
        final List<RtpPacket> packets = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            packets.add(RtpPacket.builder()
                                 .sequenceNumber((firstSequence + i) & 0xFFFF)
                                 .timestamp(timestamp)
                                 .marker(i == payloads.size() - 1)
                                 .payload(payloads.get(i))
                                 .build());
        }
        sender.core().post(() -> {
            for (RtpPacket packet : packets) {
                sender.sendVideoOnLoop(packet);
            }
        });
    }

    private void closeEncoder() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }

    void close() {
        closed = true;
        if (sender.videoPipeline == this) {
            sender.videoPipeline = null;
        }
        executor.executeAlways(this::closeEncoder);
    }
}
