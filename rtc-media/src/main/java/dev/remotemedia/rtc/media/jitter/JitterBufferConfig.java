package dev.remotemedia.rtc.media.jitter;

/**
 * The adaptive jitter buffer's settings.
 *
 * @param clockRate the RTP clock rate, which is also the decoded sample rate (48000 for Opus)
 * @param frameMillis the length of each frame the buffer gives out (10 ms, as NetEq)
 * @param floorMillis the smallest target delay, above the fastest recent packet
 * @param ceilingMillis the largest target delay ({@code WEBRTC_JITTER_BUFFER_MS}, 100 by default)
 * @param quantile the share of packets the target should get in time, e.g. 0.995
 * @param historyMillis how long packets' delays count towards the target
 * @param maxConcealMillis how long concealment of an empty buffer is made by the decoder (Opus PLC)
 *     before it turns to silence
 * @param startMillis the least target while the buffer learns a new path (its first
 *     {@link #LEARNING_MILLIS} of packets): with no history the measured target would be 0, and the
 *     first packets would play at once and every jitter after them would be heard as concealment.
 *     Kept between the floor and the ceiling. NetEq starts at 80 ms; 40 covers a loaded machine's
 *     scheduling and a LAN. After the learning the least target falls linearly to the floor over
 *     another {@link #LEARNING_MILLIS}, and the buffer comes down to what it measured.
 */
public record JitterBufferConfig(int clockRate, int frameMillis, int floorMillis, int ceilingMillis, double quantile,
                                 int historyMillis, int maxConcealMillis, int startMillis) {
    /** How long, in packets' send time, the buffer learns a new path under the start target. */
    public static final int LEARNING_MILLIS = 1_000;
    /**
     * The defaults: 48 kHz, 10 ms frames, target 0..100 ms losing at most 0.7 % of the last 30 s, PLC
     * for 100 ms, 40 ms while learning.
     */
    public static final JitterBufferConfig DEFAULT = new JitterBufferConfig(48_000, 10, 0, 100, 0.993, 30_000, 100, 40);

    public JitterBufferConfig {
        if (clockRate < 8_000 || clockRate > 192_000 || clockRate % 1000 != 0 && clockRate != 44_100 && clockRate != 22_050) {
            throw new IllegalArgumentException("clockRate: " + clockRate + " (expected: 8000..192000, whole kHz or 44100/22050)");
        }
        if (frameMillis != 10 && frameMillis != 20) {
            throw new IllegalArgumentException("frameMillis: " + frameMillis + " (expected: 10 or 20)");
        }
        if (floorMillis < 0 || floorMillis > ceilingMillis) {
            throw new IllegalArgumentException("floorMillis: " + floorMillis + " (expected: 0.." + ceilingMillis + ")");
        }
        if (ceilingMillis < 10 || ceilingMillis > 10_000) {
            throw new IllegalArgumentException("ceilingMillis: " + ceilingMillis + " (expected: 10..10000)");
        }
        if (!(quantile >= 0.5 && quantile < 1)) {
            throw new IllegalArgumentException("quantile: " + quantile + " (expected: 0.5 ≤ quantile < 1)");
        }
        if (historyMillis < 1_000 || historyMillis > 600_000) {
            throw new IllegalArgumentException("historyMillis: " + historyMillis + " (expected: 1000..600000)");
        }
        if (maxConcealMillis < 0 || maxConcealMillis > 10_000) {
            throw new IllegalArgumentException("maxConcealMillis: " + maxConcealMillis + " (expected: 0..10000)");
        }
        if (startMillis < 0 || startMillis > 10_000) {
            throw new IllegalArgumentException("startMillis: " + startMillis + " (expected: 0..10000)");
        }
    }

    /** The defaults with another ceiling (the {@code WEBRTC_JITTER_BUFFER_MS} setting). */
    public static JitterBufferConfig withCeiling(int ceilingMillis) {
        final JitterBufferConfig d = DEFAULT;
        return new JitterBufferConfig(d.clockRate, d.frameMillis, Math.min(d.floorMillis, ceilingMillis), ceilingMillis,
                                      d.quantile, d.historyMillis, d.maxConcealMillis, d.startMillis);
    }

    /** This configuration with another floor and ceiling. */
    public JitterBufferConfig withBounds(int floorMillis, int ceilingMillis) {
        return new JitterBufferConfig(clockRate, frameMillis, floorMillis, ceilingMillis, quantile, historyMillis,
                                      maxConcealMillis, startMillis);
    }

    /** This configuration with another start target ({@code 0}: trust the first packets' measure at once). */
    public JitterBufferConfig withStart(int startMillis) {
        return new JitterBufferConfig(clockRate, frameMillis, floorMillis, ceilingMillis, quantile, historyMillis,
                                      maxConcealMillis, startMillis);
    }

    /** Samples per channel in one output frame. */
    public int frameSamples() {
        return clockRate / 1000 * frameMillis + (clockRate % 1000) * frameMillis / 1000;
    }

    /**
     * How far ahead of the playout point a packet may be before it counts as an overflow: the
     * ceiling plus a second, so a playout thread held up for a moment (a cold JIT, a busy machine)
     * finds its audio still there and catches up by accelerating, instead of jumping.
     */
    long maxBufferNanos() {
        return (ceilingMillis + 1_000L) * 1_000_000L;
    }
}
