package dev.remotemedia.pipeline.dsp;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sums several interleaved float PCM streams, aligned sample-accurately by their timestamps.
 * Sans-I/O: the caller pushes audio and polls with the current time; nothing here reads a clock.
 *
 * <p><b>Timeline.</b> A timestamp becomes a sample position
 * {@code round((timestampUs - originUs) * sampleRate / 1e6)}, where {@code originUs} is the
 * first timestamp pushed. Until the first block is emitted, the mix starts at the earliest
 * position pushed so far; after that it continues from where the last block ended.
 *
 * <p><b>Emission.</b> {@link #poll(long)} emits the span that every input has covered. A span
 * whose end is more than {@code maxWaitUs} older than {@code nowUs} is emitted even if some inputs
 * have not covered it: they count as silence there (the span ends at the furthest position any
 * input has reached, so nothing is invented beyond the data). Audio that arrives later for an
 * emitted span is dropped and counted in {@link #droppedLateSamples()}.
 *
 * <p><b>Per input.</b> Each input's stream moves forward: a push that starts before the end of
 * that input's previous push has its overlapping part dropped (first data wins; counted in
 * {@link #droppedOverlapSamples()}); a push that starts after it leaves silence in the gap. Each
 * input buffers at most {@code maxWaitUs + 2 s} ahead of the emitted position; samples beyond
 * that are dropped and counted in {@link #droppedOverflowSamples()}, so memory stays bounded when
 * an input runs far ahead.
 *
 * <p><b>Level.</b> The output is the plain sum of the inputs, with no clipping, limiting or
 * normalisation: float PCM has headroom, and a gain or limiter stage belongs after the mixer
 * where the application can choose it. Counters are in frames (one sample per channel).
 *
 * <p>Not thread-safe: drive one instance from one thread.
 */
public final class MixerCore {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long EXTRA_BUFFER_US = 2 * MICROS_PER_SECOND;
    private static final long MAX_BUFFERED_SAMPLES = 1L << 26;   // 256 MiB of floats for all inputs

    private final int inputs;
    private final int sampleRate;
    private final int channels;
    private final long maxWaitUs;
    private final int capacityFrames;
    /** rings[i][(position mod capacity) * channels + c]; zero wherever nothing was pushed. */
    private final float[][] rings;
    /** End position of each input's data so far; Long.MIN_VALUE before its first push. */
    private final long[] coveredUntil;

    private boolean started;
    private long originUs;
    private boolean emitted;
    private long cursor;              // next position to emit
    private long furthest;            // largest coveredUntil of any input
    private long droppedLate;
    private long droppedOverlap;
    private long droppedOverflow;

    private MixerCore(int inputs, int sampleRate, int channels, long maxWaitUs) {
        this.inputs = inputs;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.maxWaitUs = maxWaitUs;
        capacityFrames = (int) ((maxWaitUs + EXTRA_BUFFER_US) * sampleRate / MICROS_PER_SECOND);
        rings = new float[inputs][capacityFrames * channels];
        coveredUntil = new long[inputs];
        Arrays.fill(coveredUntil, Long.MIN_VALUE);
    }

    /**
     * Returns a mixer of {@code inputs} streams (1..64) at {@code sampleRate} Hz (1 000..384 000)
     * with {@code channels} interleaved channels (1..8), waiting at most {@code maxWaitUs}
     * (0..10 s) for a late input; the buffers of all inputs together may hold at most 64 Mi
     * samples ({@code inputs * channels * (maxWaitUs + 2 s) * sampleRate}).
     */
    public static MixerCore of(int inputs, int sampleRate, int channels, long maxWaitUs) {
        check("inputs", inputs, 1, 64);
        check("sampleRate", sampleRate, 1_000, 384_000);
        check("channels", channels, 1, 8);
        check("maxWaitUs", maxWaitUs, 0, 10 * MICROS_PER_SECOND);
        long samples = (maxWaitUs + EXTRA_BUFFER_US) * sampleRate / MICROS_PER_SECOND * channels * inputs;
        if (samples > MAX_BUFFERED_SAMPLES) {
            throw new IllegalArgumentException("inputs * channels * (maxWaitUs + 2 s) * sampleRate: " + samples
                    + " samples (expected: at most " + MAX_BUFFERED_SAMPLES + ")");
        }
        return new MixerCore(inputs, sampleRate, channels, maxWaitUs);
    }

    /**
     * Adds audio for {@code input} (0-based) whose first frame is at {@code timestampUs}.
     *
     * @throws IllegalArgumentException when {@code input} is out of range or the length is not a
     *     multiple of the channel count
     */
    public void push(int input, float[] interleaved, long timestampUs) {
        requireNonNull(interleaved, "interleaved");
        if (input < 0 || input >= inputs) {
            throw new IllegalArgumentException("input: " + input + " (expected: 0.." + (inputs - 1) + ")");
        }
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException("interleaved.length: " + interleaved.length
                    + " (expected: a multiple of channels = " + channels + ")");
        }
        int frames = interleaved.length / channels;
        if (frames == 0) {
            return;
        }
        if (!started) {
            started = true;
            originUs = timestampUs;
            cursor = 0;
            furthest = 0;
        }
        long start = position(timestampUs, MICROS_PER_SECOND / 2);
        long end = start + frames;
        if (!emitted && start < cursor) {
            // Nothing emitted yet: let the mix begin earlier, as far as the buffers reach.
            cursor = Math.max(start, furthest - capacityFrames);
        }
        long from = start;
        if (from < cursor) {
            long late = Math.min(end, cursor) - from;
            droppedLate += late;
            from += late;
        }
        long previous = coveredUntil[input];
        if (previous != Long.MIN_VALUE && from < previous) {
            long overlap = Math.min(end, previous) - from;
            droppedOverlap += overlap;
            from += overlap;
        }
        long to = Math.min(end, cursor + capacityFrames);
        if (to < end) {
            droppedOverflow += end - Math.max(to, from);
        }
        if (from >= to) {
            return;
        }
        float[] ring = rings[input];
        for (long p = from; p < to; p++) {
            int src = (int) (p - start) * channels;
            int dst = (int) Math.floorMod(p, (long) capacityFrames) * channels;
            System.arraycopy(interleaved, src, ring, dst, channels);
        }
        coveredUntil[input] = to;
        furthest = Math.max(furthest, to);
    }

    /**
     * Returns the blocks that are complete at {@code nowUs}: the span every input has covered, or
     * the span that ended more than {@code maxWaitUs} before {@code nowUs}. At most one block,
     * continuous with the previous one; empty when nothing is due.
     */
    public List<MixedBlock> poll(long nowUs) {
        if (!started) {
            return List.of();
        }
        long ready = Long.MAX_VALUE;
        for (long covered : coveredUntil) {
            ready = Math.min(ready, covered == Long.MIN_VALUE ? cursor : covered);
        }
        // Sample-granular: a frame is due once its end is maxWaitUs old (floor, never early).
        long timedOut = Math.min(position(saturatingSubtract(nowUs, maxWaitUs), 0), furthest);
        long end = Math.max(ready, timedOut);
        if (end <= cursor) {
            return List.of();
        }
        int frames = (int) (end - cursor);
        float[] out = new float[frames * channels];
        for (float[] ring : rings) {
            for (int f = 0; f < frames; f++) {
                int src = (int) Math.floorMod(cursor + f, (long) capacityFrames) * channels;
                for (int c = 0; c < channels; c++) {
                    out[f * channels + c] += ring[src + c];
                    ring[src + c] = 0;   // the slot is reused for position + capacity
                }
            }
        }
        List<MixedBlock> blocks = List.of(new MixedBlock(out, timestampOf(cursor)));
        cursor = end;
        emitted = true;
        return blocks;
    }

    /** Returns the frames dropped because they arrived after their span was emitted. */
    public long droppedLateSamples() {
        return droppedLate;
    }

    /** Returns the frames dropped because their input had already provided those positions. */
    public long droppedOverlapSamples() {
        return droppedOverlap;
    }

    /** Returns the frames dropped because their input was too far ahead of the emitted position. */
    public long droppedOverflowSamples() {
        return droppedOverflow;
    }

    /** Returns the number of frames each input may buffer ahead of the emitted position. */
    public int capacityFrames() {
        return capacityFrames;
    }

    /** Sample position of a timestamp: rounded with {@code bias} = 0.5 s, floored with 0. */
    private long position(long timestampUs, long bias) {
        long relative = saturatingSubtract(timestampUs, originUs);
        // Saturate far-away timestamps instead of overflowing: they are late or overflow anyway.
        long bound = Long.MAX_VALUE / 2 / sampleRate;
        relative = Math.max(-bound, Math.min(bound, relative));
        return Math.floorDiv(relative * sampleRate + bias, MICROS_PER_SECOND);
    }

    private long timestampOf(long position) {
        return originUs + Math.floorDiv(position * MICROS_PER_SECOND + sampleRate / 2, sampleRate);
    }

    private static long saturatingSubtract(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
