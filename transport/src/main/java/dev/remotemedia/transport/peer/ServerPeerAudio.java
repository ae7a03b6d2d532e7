package dev.remotemedia.transport.peer;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.dsp.Resampler;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.rtc.pc.AudioSink;
import dev.remotemedia.rtc.pc.AudioTrackSource;
import dev.remotemedia.rtc.pc.MediaStreamTrack;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A {@link ServerPeer}'s audio (DESIGN.md §5.6): the client's track, decoded, becomes the
 * pipeline's audio input in the format its Input asks for; the pipeline's audio output goes out on
 * the peer's own track, encoded to Opus by the stack on its codec executor.
 *
 * <p><b>Input.</b> Frames arrive on the track's codec thread (never a network loop). They are
 * converted to float PCM, mixed to the pipeline's channel count (mono ↔ stereo), resampled to its
 * rate, and stamped with their RTP time in microseconds from the track's first frame. A client
 * that sends faster than real time gets no further than {@value #BURST_MILLIS} ms ahead of the
 * wall clock: the rest is dropped and counted, so one client cannot take more than its share of
 * the pipeline workers or of the encoder, and nothing queues up for a client that stops sending.
 *
 * <p><b>Formats.</b> The pipeline's format is its Input's {@code sample_rate} and
 * {@code channels}; what the Input leaves open is fixed by the session's first audio. Audio that
 * cannot be brought to it (audio DataBuffers of another rate or channel count, a track of more
 * than two channels) is dropped, counted, and reported once per format (once the channel is
 * open) with an {@code error} control message; the session goes on.
 */
final class ServerPeerAudio {
    /** How far ahead of the wall clock a client's audio may get before frames are dropped. */
    static final int BURST_MILLIS = 500;
    private static final long BURST_US = BURST_MILLIS * 1000L;
    /** Metadata that marks audio decoded from the client's track. */
    static final Map<String, String> TRACK_METADATA = Map.of("source", "track");

    private final AudioInputFormat declared;
    private final Predicate<RuntimeData> toPipeline;
    private final Predicate<String> report;
    private final LongSupplier nanos;
    private final AudioTrackSource source;
    private final MediaStreamTrack localTrack;
    private final Set<String> reported = new HashSet<>(); // guarded by this
    private @Nullable AudioInputFormat effective;         // guarded by this
    private volatile @Nullable TrackInput input;
    private volatile boolean sending;
    private volatile boolean closed;

    private final LongAdder framesIn = new LongAdder();
    private final LongAdder microsIn = new LongAdder();
    private final LongAdder framesOverRate = new LongAdder();
    private final LongAdder framesRejected = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder framesOutRejected = new LongAdder();

    /**
     * @param toPipeline queues an input for the pipeline; false if it was dropped
     * @param report sends an {@code error} control message to the client; false if it could not (no open channel)
     */
    ServerPeerAudio(AudioInputFormat declared, Predicate<RuntimeData> toPipeline, Predicate<String> report,
                    LongSupplier nanos) {
        this.declared = declared;
        this.toPipeline = toPipeline;
        this.report = report;
        this.nanos = nanos;
        // Mono Opus at 32 kb/s with in-band FEC; complexity 5 keeps a few hundred sessions within two cores.
        source = AudioTrackSource.create(OpusConfig.builder().channels(1).frameMillis(20).bitrate(32_000)
                                                   .complexity(5).inbandFec(true).build());
        localTrack = MediaStreamTrack.audio(source);
    }

    /** The track the peer sends the pipeline's audio on. */
    MediaStreamTrack localTrack() {
        return localTrack;
    }

    /** The local track has been added to the connection: audio outputs go to it from now on. */
    void startSending() {
        sending = true;
    }

    boolean isSending() {
        return sending && !closed;
    }

    /** Feeds {@code remote}'s audio to the pipeline; only the client's first audio track is used. */
    boolean receive(MediaStreamTrack remote) {
        synchronized (this) {
            if (input != null || closed) {
                return false;
            }
            input = new TrackInput();
        }
        remote.addSink(input);
        return true;
    }

    /**
     * Whether an audio DataBuffer from the channel fits the pipeline (and fixes the format if it
     * is the first audio); counts and reports it when not.
     */
    boolean admit(AudioData audio) {
        final AudioInputFormat format = settle(audio.sampleRate(), audio.channels());
        if (format.matches(audio.sampleRate(), audio.channels())) {
            return true;
        }
        reject(audio.sampleRate(), audio.channels(), format, "");
        return false;
    }

    /** Sends {@code audio} on the local track; counts and reports audio the track cannot carry. */
    void send(AudioData audio) {
        final int rate = audio.sampleRate();
        final int channels = audio.channels();
        if (rate < 8_000 || rate > 96_000 || channels > 2) {
            framesOutRejected.increment();
            reportOnce("out " + rate + "/" + channels, "pipeline audio of " + rate + " Hz, " + channels
                       + " channels cannot be sent on the audio track (expected: 8000..96000 Hz, 1 or 2 channels):"
                       + " dropped");
            return;
        }
        final short[] pcm = new short[audio.sampleCount()];
        for (int i = 0; i < pcm.length; i++) {
            final float s = audio.sample(i) * 32768f;
            pcm[i] = (short) Math.max(-32768f, Math.min(32767f, s));
        }
        source.pushPcm(pcm, rate, channels);
        framesOut.increment();
    }

    ServerPeerAudioStats stats() {
        return new ServerPeerAudioStats(framesIn.sum(), microsIn.sum() / 1000, framesOverRate.sum(), framesRejected.sum(), framesOut.sum(),
                                        framesOutRejected.sum());
    }

    /** Stops the local track (its encoders are freed) and ignores what still arrives. */
    void close() {
        closed = true;
        localTrack.stop();
    }

    private synchronized AudioInputFormat settle(int rate, int channels) {
        if (effective == null) {
            effective = declared.orElse(rate, channels);
        }
        return effective;
    }

    private void reject(int rate, int channels, AudioInputFormat expected, String what) {
        framesRejected.increment();
        reportOnce("in " + rate + "/" + channels, what + "audio of " + rate + " Hz, "
                   + (channels == 1 ? "mono" : channels + " channels") + " dropped: the pipeline takes " + expected
                   + " (its Input's sample_rate and channels, or the session's first audio)");
    }

    /** Reports a problem the first time it could be reported (once the channel is open). */
    private void reportOnce(String key, String message) {
        synchronized (this) {
            if (reported.contains(key)) {
                return;
            }
        }
        if (report.test(message)) {
            synchronized (this) {
                reported.add(key);
            }
        }
    }

    /** The client's track: one frame at a time on its codec thread. */
    private final class TrackInput implements AudioSink {
        private long budgetUs = BURST_US;
        private long lastNanos = nanos.getAsLong();
        private boolean started;
        private long lastRtp;
        private long unwrapped; // RTP samples since the first frame
        private @Nullable Resampler resampler;

        @Override
        public void onFrame(AudioFrame frame) {
            if (closed) {
                return;
            }
            final long now = nanos.getAsLong();
            budgetUs = Math.min(BURST_US, budgetUs + (now - lastNanos) / 1000);
            lastNanos = now;
            final long durationUs = frame.samplesPerChannel() * 1_000_000L / frame.sampleRate();
            if (durationUs > budgetUs) {
                framesOverRate.increment();
                return;
            }
            budgetUs -= durationUs;
            if (!started) {
                started = true;
                lastRtp = frame.rtpTimestamp();
            }
            unwrapped += (int) (frame.rtpTimestamp() - lastRtp); // RFC 3550 timestamps wrap at 2^32
            lastRtp = frame.rtpTimestamp();

            final AudioInputFormat format = settle(frame.sampleRate(), frame.channels());
            float[] pcm = remix(frame.samples(), frame.channels(), format.channels());
            if (pcm == null) {
                reject(frame.sampleRate(), frame.channels(), format, "track ");
                return;
            }
            long latencyUs = 0;
            if (format.sampleRate() != frame.sampleRate()) {
                if (resampler == null || resampler.inputRate() != frame.sampleRate()
                    || resampler.channels() != format.channels()) {
                    resampler = Resampler.of(frame.sampleRate(), format.sampleRate(), format.channels());
                }
                pcm = resampler.process(pcm);
                latencyUs = resampler.latencyFrames() * 1_000_000L / format.sampleRate();
                if (pcm.length == 0) {
                    return;
                }
            }
            final long timestampUs = unwrapped * 1_000_000L / frame.sampleRate() - latencyUs;
            if (toPipeline.test(AudioData.wrap(pcm, format.sampleRate(), format.channels(), timestampUs,
                                               TRACK_METADATA))) {
                framesIn.increment();
                microsIn.add(durationUs);
            }
        }
    }

    /** 16-bit interleaved PCM as float, mixed from {@code from} to {@code to} channels; null if it cannot be. */
    static float @Nullable [] remix(short[] samples, int from, int to) {
        final int frames = samples.length / from;
        final float[] out = new float[frames * to];
        if (from == to) {
            for (int i = 0; i < samples.length; i++) {
                out[i] = samples[i] / 32768f;
            }
        } else if (to == 1) {
            for (int f = 0; f < frames; f++) {
                float sum = 0;
                for (int c = 0; c < from; c++) {
                    sum += samples[f * from + c];
                }
                out[f] = sum / from / 32768f;
            }
        } else if (from == 1) {
            for (int f = 0; f < frames; f++) {
                final float s = samples[f] / 32768f;
                for (int c = 0; c < to; c++) {
                    out[f * to + c] = s;
                }
            }
        } else {
            return null;
        }
        return out;
    }
}
