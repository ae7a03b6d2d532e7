package dev.remotemedia.testing;

import java.util.Arrays;

/**
 * Mono audio as a receiver played it out, frame by frame with each frame's RTP timestamp and
 * whether it was concealment, for tests that judge what was heard. Thread-safe: a receive handler
 * adds while the test reads.
 *
 * <p>{@link #plainFrequency} measures a tone over the longest stretch of decoded playout — no frame
 * concealed, each frame's RTP timestamp ahead of the one before by at most three frames (time
 * stretching by whole pitch periods keeps a tone's frequency; a repeat or a skip does not) —
 * because a jitter buffer on a loaded machine conceals, and a window that contains concealment
 * moves an FFT's peak by a few hertz: the tone must arrive intact, and the concealment is the
 * buffer's own tests' subject.
 */
public final class PlayoutRecording {
    private final int sampleRate;
    private short[] pcm = new short[0];
    private int length;
    private int[] starts = new int[0];
    private long[] timestamps = new long[0];
    private boolean[] concealed = new boolean[0];
    private int frames;

    public PlayoutRecording(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** Adds a frame of mono samples at {@code sampleRate} whose first sample has {@code rtpTimestamp}. */
    public synchronized void add(short[] mono, long rtpTimestamp, boolean wasConcealed) {
        if (length + mono.length > pcm.length) {
            pcm = Arrays.copyOf(pcm, Math.max(2 * pcm.length, length + mono.length));
        }
        if (frames == starts.length) {
            final int n = Math.max(64, 2 * frames);
            starts = Arrays.copyOf(starts, n);
            timestamps = Arrays.copyOf(timestamps, n);
            concealed = Arrays.copyOf(concealed, n);
        }
        starts[frames] = length;
        timestamps[frames] = rtpTimestamp;
        concealed[frames] = wasConcealed;
        frames++;
        System.arraycopy(mono, 0, pcm, length, mono.length);
        length += mono.length;
    }

    /** How much was played, in milliseconds. */
    public synchronized double millis() {
        return length * 1000.0 / sampleRate;
    }

    /**
     * The dominant frequency of the longest stretch of decoded playout that starts after
     * {@code skipMillis} (the encoder's ramp-up, the jitter buffer's learning).
     *
     * @throws AssertionError if no such stretch is {@code minMillis} long
     */
    public synchronized double plainFrequency(double skipMillis, double minMillis) {
        final int skip = (int) (skipMillis * sampleRate / 1000);
        int first = 0;
        while (first < frames && starts[first] < skip) {
            first++;
        }
        int bestFrom = 0;
        int bestTo = 0;
        int runStart = first;
        for (int i = first; i <= frames; i++) {
            final long step = i < frames && i > runStart ? (timestamps[i] - timestamps[i - 1]) & 0xFFFF_FFFFL : 0;
            final boolean continues = i < frames && !concealed[i]
                                      && (i == runStart || step > 0 && step <= 3L * (starts[i] - starts[i - 1]));
            if (!continues) {
                final int from = runStart < frames ? starts[runStart] : length;
                final int to = i < frames ? starts[i] : length;
                if (to - from > bestTo - bestFrom) {
                    bestFrom = from;
                    bestTo = to;
                }
                runStart = i < frames && !concealed[i] ? i : i + 1;
            }
        }
        final double bestMillis = (bestTo - bestFrom) * 1000.0 / sampleRate;
        if (bestMillis < minMillis) {
            throw new AssertionError(String.format("the longest decoded playout after %.0f ms is %.0f ms of %.0f ms played "
                                                   + "(expected: at least %.0f ms)", skipMillis, bestMillis, millis(),
                                                   minMillis));
        }
        return AudioProbe.dominantFrequency(pcm, bestFrom, bestTo - bestFrom, 1, 0, sampleRate);
    }

    /** The RMS level after {@code skipMillis}, in dBFS. */
    public synchronized double levelDbfs(double skipMillis) {
        final int skip = Math.min(length, (int) (skipMillis * sampleRate / 1000));
        return AudioProbe.rmsDbfs(pcm, skip, length - skip, 1, 0);
    }
}
