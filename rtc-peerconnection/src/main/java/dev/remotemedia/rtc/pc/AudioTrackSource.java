package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.codec.OpusConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where a local audio track's samples come from: the application pushes 16-bit PCM of any rate
 * (8–96 kHz) and 1 or 2 channels, as it is captured or made; every sender of the track resamples
 * it to 48 kHz, cuts it into Opus frames, encodes them on its connection's codec executor and sends
 * them as RTP. Push in real time (a 20 ms block every 20 ms, or smaller blocks as often): the source
 * paces nothing itself, and the RTP timestamps count the samples pushed.
 *
 * <p>Thread-safe: push from any one thread (samples of concurrent pushes would interleave).
 */
public final class AudioTrackSource {
    private final OpusConfig config;
    private final List<AudioSendPipeline> pipelines = new CopyOnWriteArrayList<>();

    private AudioTrackSource(OpusConfig config) {
        this.config = config;
    }

    /** A source sent as mono Opus, 20 ms frames, 32 kb/s, complexity 9 (Chromium's defaults, but mono), FEC on. */
    public static AudioTrackSource create() {
        return create(OpusConfig.builder().channels(1).frameMillis(20).bitrate(32_000).complexity(9).inbandFec(true)
                                .build());
    }

    /** A source sent with {@code config}'s channels, frame length, bitrate, complexity, FEC and DTX. */
    public static AudioTrackSource create(OpusConfig config) {
        return new AudioTrackSource(requireNonNull(config, "config"));
    }

    /** The encoder settings every sender of this source uses. */
    public OpusConfig config() {
        return config;
    }

    /**
     * Pushes {@code frames} samples per channel from {@code samples[offset ..]} (interleaved when
     * stereo) at {@code sampleRate}. The samples are copied; the array may be reused at once.
     *
     * @throws IllegalArgumentException for a rate outside 8000..96000 Hz or channels other than 1 or 2
     */
    public void pushPcm(short[] samples, int offset, int frames, int sampleRate, int channels) {
        requireNonNull(samples, "samples");
        if (sampleRate < 8_000 || sampleRate > 96_000) {
            throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: 8000..96000)");
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels: " + channels + " (expected: 1 or 2)");
        }
        if (offset < 0 || frames < 0 || (long) offset + (long) frames * channels > samples.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", " + frames + " frames of " + channels
                                                + " channels in " + samples.length + " samples");
        }
        if (frames == 0 || pipelines.isEmpty()) {
            return;
        }
        final short[] copy = java.util.Arrays.copyOfRange(samples, offset, offset + frames * channels);
        for (AudioSendPipeline pipeline : pipelines) {
            pipeline.push(copy, sampleRate, channels);
        }
    }

    /** Pushes a whole interleaved block. */
    public void pushPcm(short[] samples, int sampleRate, int channels) {
        pushPcm(samples, 0, samples.length / channels, sampleRate, channels);
    }

    synchronized void attach(RTCRtpSender sender, MediaStreamTrack track) {
        for (AudioSendPipeline pipeline : pipelines) {
            if (pipeline.sender() == sender) {
                return;
            }
        }
        pipelines.add(new AudioSendPipeline(sender, track, config));
    }

    synchronized void detach(RTCRtpSender sender) {
        for (AudioSendPipeline pipeline : pipelines) {
            if (pipeline.sender() == sender) {
                pipelines.remove(pipeline);
                pipeline.close();
            }
        }
    }
}
