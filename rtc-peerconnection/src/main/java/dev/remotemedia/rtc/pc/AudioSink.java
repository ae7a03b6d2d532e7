package dev.remotemedia.rtc.pc;

/**
 * Receives a remote audio track's decoded frames, in order. Runs on the track's codec thread (never
 * the network loop), one frame at a time; a slow sink delays only its own track.
 */
@FunctionalInterface
public interface AudioSink {
    void onFrame(AudioFrame frame);
}
