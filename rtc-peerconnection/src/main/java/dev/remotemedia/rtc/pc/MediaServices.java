package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.media.jitter.JitterBufferConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a factory's connections share for media (DESIGN.md §4): the codec pool (codec work never
 * runs on a network loop), the playout clock (one thread that only times jitter-buffer pulls and
 * hands them to the codec pool), the clock they read, the jitter buffer's settings, and the video
 * formats offered and accepted, in order of preference (those whose codecs this process has).
 */
record MediaServices(ExecutorService codecPool, ScheduledExecutorService playout, TimeSource clock,
                     JitterBufferConfig jitterBuffer,
                     java.util.List<dev.remotemedia.codec.video.VideoCodecType> videoPreference) {

    static MediaServices create(int codecThreads, TimeSource clock, JitterBufferConfig jitterBuffer,
                                java.util.List<dev.remotemedia.codec.video.VideoCodecType> videoPreference) {
        final java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        final ExecutorService codecPool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, codecThreads), task -> {
            final Thread thread = new Thread(task, "remotemedia-codec-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        final java.util.concurrent.ScheduledThreadPoolExecutor playout = new java.util.concurrent.ScheduledThreadPoolExecutor(1, task -> {
            final Thread thread = new Thread(task, "remotemedia-playout");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        });
        playout.setRemoveOnCancelPolicy(true);
        return new MediaServices(codecPool, playout, clock, jitterBuffer, java.util.List.copyOf(videoPreference));
    }

    /**
     * The video formats of the preference whose codecs this process has, in its order. Asked only
     * when video is negotiated: the first call finds out whether FFmpeg's natives load.
     */
    java.util.List<VideoFormat> videoFormats() {
        return VideoFormat.available(videoPreference);
    }

    void shutdown() {
        playout.shutdownNow();
        codecPool.shutdown();
    }
}
