package dev.remotemedia.rtc.pc;

import dev.remotemedia.codec.video.VideoFrame;

/**
 * Receives a remote video track's decoded pictures, in decode order. Runs on the track's codec
 * thread (never the network loop), one picture at a time; a slow sink delays only its own track
 * (pictures that arrive while it is busy beyond a small queue are dropped and counted).
 */
@FunctionalInterface
public interface VideoSink {
    /**
     * A decoded I420 picture. Its {@link VideoFrame#timestampMicros()} is the RTP timestamp of the
     * frame in microseconds of the stream's 90 kHz clock (the sender's capture clock, from an
     * arbitrary start); {@code rtpTimestamp} is the frame's RTP timestamp itself.
     */
    void onFrame(VideoFrame frame, long rtpTimestamp);
}
