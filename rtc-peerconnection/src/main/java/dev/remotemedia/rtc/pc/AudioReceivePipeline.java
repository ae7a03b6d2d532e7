package dev.remotemedia.rtc.pc;

import dev.remotemedia.codec.OpusCodecs;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.media.jitter.AudioJitterBuffer;
import dev.remotemedia.rtc.media.jitter.JitterBufferObserver;
import dev.remotemedia.rtc.media.jitter.JitterBufferStats;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One remote audio track's playout: Opus packets go into an adaptive {@link AudioJitterBuffer} as
 * they arrive, and the factory's playout clock pulls a 10 ms frame out of it when the buffer asks
 * ({@link AudioJitterBuffer#nextPullNanos()}), decoding, concealing and time-stretching on the
 * track's codec executor, then gives the frame to the sinks there. The playout thread only keeps
 * time: it hands each pull to the codec executor, so the network loops never decode.
 *
 * <p>A track that stops sending stops pulls after about a second of concealment and silence, and
 * starts again with its next packet.
 */
final class AudioReceivePipeline {
    private static final int MAX_CATCH_UP_FRAMES = 10;
    private static final long RESYNC_NANOS = 200_000_000L;
    /** Issue 11: a sender clock off by more than 0.1 % is worth a warning. */
    private static final double DRIFT_WARNING_PPM = 1_000;
    private boolean driftWarned; // executor only
    private final RTCRtpReceiver receiver;
    private final List<AudioSink> sinks;
    private final SerialExecutor executor;
    private final MediaServices services;
    private @Nullable AudioJitterBuffer buffer; // on the executor only
    private @Nullable OpusPacketDecoder decoder;
    private short[] frame = new short[0];
    private long ssrc; // of the last packet (executor only)
    private boolean idle = true; // no pull scheduled (executor only)
    private long scheduledNanos = Long.MIN_VALUE; // when the pending pull is due (executor only)
    private volatile @Nullable ScheduledFuture<?> nextPull;
    private volatile boolean closed;
    private volatile @Nullable JitterBufferStats stats;
    private final JitterBufferObserver observer;

    AudioReceivePipeline(RTCRtpReceiver receiver, List<AudioSink> sinks, MediaServices services) {
        this.receiver = receiver;
        this.sinks = sinks;
        this.services = services;
        executor = new SerialExecutor(services.codecPool(), 500);
        observer = new JitterBufferObserver() {
            @Override
            public void onPlayed(long timestamp, long arrivalNanos, long nowNanos) {
                receiver.onPlayout(ssrc, timestamp & 0xFFFF_FFFFL, nowNanos);
            }
        };
    }

    /** On the loop: queues a copy of the packet for the jitter buffer, stamped with its arrival time. */
    void onPacket(long ssrc, int sequenceNumber, long timestamp, byte[] payload, long arrivalNanos) {
        executor.execute(() -> insert(ssrc, sequenceNumber, timestamp, payload, arrivalNanos));
    }

    private void insert(long ssrc, int sequenceNumber, long timestamp, byte[] payload, long arrivalNanos) {
        if (closed || payload.length == 0) {
            return;
        }
        AudioJitterBuffer jitter = buffer;
        if (jitter == null) {
            // RFC 6716 §3.1: the TOC byte's s bit says whether the stream is stereo.
            decoder = new OpusPacketDecoder(OpusCodecs.decoder((payload[0] & 0x04) != 0 ? 2 : 1));
            jitter = new AudioJitterBuffer(services.jitterBuffer(), decoder, observer);
            buffer = jitter;
            frame = new short[jitter.frameSamples() * jitter.channels()];
        }
        this.ssrc = ssrc;
        jitter.insert(ssrc, sequenceNumber, timestamp, payload, arrivalNanos);
        if (idle) {
            idle = false;
            schedulePull(jitter);
        }
    }

    private void schedulePull(AudioJitterBuffer jitter) {
        if (closed) {
            return;
        }
        final long now = services.clock().nowNanos();
        final long at = jitter.nextPullNanos() == Long.MIN_VALUE ? now : jitter.nextPullNanos();
        scheduledNanos = at;
        final long delayNanos = Math.max(0, at - now);
        try {
            // executeAlways: a dropped pull would end the chain of pulls (each schedules the next).
            nextPull = services.playout().schedule(() -> executor.executeAlways(this::pull), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closed = true; // the factory is closing
        }
    }

    private void pull() {
        final AudioJitterBuffer jitter = buffer;
        if (closed || jitter == null) {
            return;
        }
        // The buffer runs on the cadence it asked for, not on when this thread got to run: a pull
        // that starts late still pulls "at" its scheduled time (the frames just leave a little
        // later), and makes up any further frames it missed, so a busy machine delays the audio
        // instead of slowing its clock. More than RESYNC_NANOS behind, it starts from now.
        final long now = services.clock().nowNanos();
        long at = scheduledNanos == Long.MIN_VALUE || now - scheduledNanos > RESYNC_NANOS ? now : scheduledNanos;
        int frames = 0;
        do {
            if (jitter.pull(at, frame)) {
                emit(jitter);
            }
            at = jitter.nextPullNanos();
        } while (++frames < MAX_CATCH_UP_FRAMES && jitter.playing() && at <= now);
        final JitterBufferStats now_ = jitter.stats();
        stats = now_;
        if (!driftWarned && Math.abs(now_.driftPpm()) > DRIFT_WARNING_PPM) {
            driftWarned = true; // once per track: the buffer compensates, this says why it stretches
            org.slf4j.LoggerFactory.getLogger(AudioReceivePipeline.class).warn(
                    "the sender of audio track {} runs {} ppm {} than this machine's clock (over 0.1 %); the jitter buffer "
                    + "compensates by time-stretching", receiver.track().id(), Math.round(Math.abs(now_.driftPpm())),
                    now_.driftPpm() > 0 ? "faster" : "slower");
        }
        if (!jitter.playing() && jitter.packetCount() == 0) {
            idle = true; // the sender went quiet: the next packet schedules the next pull
            return;
        }
        schedulePull(jitter);
    }

    private void emit(AudioJitterBuffer jitter) {
        final long timestamp = jitter.lastFrameTimestamp();
        final AudioFrame out = new AudioFrame(frame.clone(), services.jitterBuffer().clockRate(), jitter.channels(), timestamp,
                                              receiver.wallClockNanosOf(ssrc, timestamp),
                                              jitter.lastFrameConcealed());
        for (AudioSink sink : sinks) {
            try {
                sink.onFrame(out);
            } catch (RuntimeException | Error e) {
                org.slf4j.LoggerFactory.getLogger(AudioReceivePipeline.class).warn("an audio sink threw; ignored", e);
            }
        }
    }

    /** The jitter buffer's counters as of the last pull, or null before the first packet. */
    @Nullable JitterBufferStats stats() {
        return stats;
    }

    void close() {
        closed = true;
        final ScheduledFuture<?> pending = nextPull;
        if (pending != null) {
            pending.cancel(false);
        }
        executor.executeAlways(() -> {
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
            buffer = null;
        });
    }
}
