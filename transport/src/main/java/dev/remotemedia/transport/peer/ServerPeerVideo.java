package dev.remotemedia.transport.peer;

import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.pc.MediaStreamTrack;
import dev.remotemedia.rtc.pc.VideoSink;
import dev.remotemedia.rtc.pc.VideoTrackSource;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A {@link ServerPeer}'s video (DESIGN.md §5.6): the client's track, decoded by the stack, becomes
 * the pipeline's I420 {@link VideoData} input (timestamps in microseconds of the stream's RTP clock,
 * numbered from the track's first picture); the pipeline's video outputs (I420 or NV12) are encoded
 * by the stack onto the peer's own video track, which answers the client's video m-line. A picture
 * the pipeline cannot take (its input queue is full) is dropped and counted: the next one is newer.
 */
final class ServerPeerVideo {
    /** The bitrate the ServerPeer sends its video at. */
    static final int BITRATE = 1_000_000;

    private final Predicate<RuntimeData> toPipeline;
    private final Predicate<String> report;
    private final VideoTrackSource source = VideoTrackSource.create(BITRATE, 30, 0);
    private final MediaStreamTrack localTrack = MediaStreamTrack.video(source);
    private final Set<String> reported = new HashSet<>(); // guarded by this
    private volatile @Nullable VideoSink input;
    private volatile boolean sending;
    private volatile boolean closed;
    final LongAdder framesIn = new LongAdder();
    final LongAdder framesInDropped = new LongAdder();
    final LongAdder framesOut = new LongAdder();
    final LongAdder framesOutRejected = new LongAdder();

    /**
     * @param toPipeline queues an input for the pipeline; false if it was dropped
     * @param report sends an {@code error} control message to the client; false if it could not
     */
    ServerPeerVideo(Predicate<RuntimeData> toPipeline, Predicate<String> report) {
        this.toPipeline = toPipeline;
        this.report = report;
    }

    MediaStreamTrack localTrack() {
        return localTrack;
    }

    void startSending() {
        sending = true;
    }

    boolean isSending() {
        return sending && !closed;
    }

    /** Feeds {@code remote}'s pictures to the pipeline; only the client's first video track is used. */
    boolean receive(MediaStreamTrack remote) {
        final VideoSink sink;
        synchronized (this) {
            if (input != null || closed) {
                return false;
            }
            sink = new VideoSink() {
                private long number;

                @Override
                public void onFrame(VideoFrame frame, long rtpTimestamp) {
                    if (closed) {
                        return;
                    }
                    framesIn.increment();
                    if (!toPipeline.test(VideoData.wrap(i420(frame), frame.width(), frame.height(), PixelFormat.I420,
                                                        frame.timestampMicros(), false, number++))) {
                        framesInDropped.increment();
                    }
                }
            };
            input = sink;
        }
        remote.addVideoSink(sink);
        return true;
    }

    /** Sends a pipeline's picture on the local track; pictures of a format the track cannot take are reported. */
    void send(VideoData video) {
        final VideoFrame frame = toFrame(video);
        if (frame == null) {
            framesOutRejected.increment();
            reportOnce(video.format().name(), "pipeline video in " + video.format() + " cannot be sent on the video track "
                                              + "(expected: I420 or NV12, even width and height): dropped");
            return;
        }
        source.pushFrame(frame);
        framesOut.increment();
    }

    void close() {
        closed = true;
        localTrack.stop();
    }

    /** The picture's planes packed one after another, as {@link PixelFormat#I420} lays them out. */
    static byte[] i420(VideoFrame frame) {
        final int w = frame.width();
        final int h = frame.height();
        final int cw = frame.chromaWidth();
        final int ch = frame.chromaHeight();
        final byte[] out = new byte[w * h + 2 * cw * ch];
        copyPlane(frame.dataY(), frame.strideY(), w, h, out, 0);
        copyPlane(frame.dataU(), frame.strideU(), cw, ch, out, w * h);
        copyPlane(frame.dataV(), frame.strideV(), cw, ch, out, w * h + cw * ch);
        return out;
    }

    private static void copyPlane(byte[] plane, int stride, int width, int height, byte[] out, int offset) {
        for (int row = 0; row < height; row++) {
            System.arraycopy(plane, row * stride, out, offset + row * width, width);
        }
    }

    /** A picture the encoder can take, or null: I420 as it is, NV12 with its chroma split. */
    static @Nullable VideoFrame toFrame(VideoData video) {
        final int w = video.width();
        final int h = video.height();
        if ((w & 1) != 0 || (h & 1) != 0 || w < 16 || h < 16) {
            return null;
        }
        final ByteBuffer pixels = video.pixels();
        final int cw = w / 2;
        final int ch = h / 2;
        final byte[] y = new byte[w * h];
        final byte[] u = new byte[cw * ch];
        final byte[] v = new byte[cw * ch];
        pixels.get(pixels.position(), y);
        switch (video.format()) {
            case I420 -> {
                pixels.get(pixels.position() + w * h, u);
                pixels.get(pixels.position() + w * h + cw * ch, v);
            }
            case NV12 -> {
                final int base = pixels.position() + w * h;
                for (int i = 0; i < cw * ch; i++) {
                    u[i] = pixels.get(base + 2 * i);
                    v[i] = pixels.get(base + 2 * i + 1);
                }
            }
            default -> {
                return null;
            }
        }
        return VideoFrame.of(w, h, y, w, u, cw, v, cw, video.timestampUs());
    }

    private void reportOnce(String key, String message) {
        synchronized (this) {
            if (reported.contains(key)) {
                return;
            }
            if (report.test(message)) {
                reported.add(key);
            }
        }
    }
}
