package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

/**
 * Decoded audio of a remote track: 16-bit PCM, interleaved when stereo, at 48 kHz.
 *
 * @param samples         {@code samplesPerChannel × channels} samples; the array is the frame's own
 * @param rtpTimestamp    the RTP timestamp of the frame's first sample (48 kHz clock)
 * @param wallClockNanos  when the sender captured it (Unix nanos), from its RTCP sender reports;
 *                        -1 until one arrived
 * @param concealed       whether the frame was made up by packet loss concealment or FEC, not
 *                        decoded from its own packet
 */
public record AudioFrame(short[] samples, int sampleRate, int channels, long rtpTimestamp, long wallClockNanos,
                         boolean concealed) {
    public AudioFrame {
        requireNonNull(samples, "samples");
        if (channels < 1 || samples.length % channels != 0) {
            throw new IllegalArgumentException("channels: " + channels + " for " + samples.length + " samples");
        }
    }

    public int samplesPerChannel() {
        return samples.length / channels;
    }

    /** The duration in milliseconds. */
    public double durationMillis() {
        return samplesPerChannel() * 1000.0 / sampleRate;
    }
}
