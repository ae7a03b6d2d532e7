package dev.remotemedia.pipeline.dsp;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming voice activity detector for mono float PCM. Sans-I/O: the caller gives each chunk with
 * the time of its first sample and receives the speech boundaries that the chunk settled.
 *
 * <p><b>Frames.</b> Every 10 ms a 20 ms Hann window (centred on the frame's time) is turned into
 * a speech probability from the speech band's energy against an adaptive per-bin noise floor and
 * the band's spectral shape (see {@link SpeechProbability}). The noise floor is learnt from the
 * audio itself: the first 200 ms are taken as background and are never speech, and a new steady
 * noise level is learnt within about two seconds. Sound below about -60 dBFS is never speech.
 *
 * <p><b>Decisions</b>, with the hysteresis of Silero VAD: a frame is speech when its probability
 * is at least {@code threshold}, and silence when it is below {@code threshold - 0.15}. A
 * candidate segment begins at a speech frame and is dropped after {@code minSilenceMs} of silence;
 * it is reported ({@link VadEvent.SpeechStart}) once it holds {@code minSpeechMs} of frames that
 * are not silence, so a short pause inside a word does not delay the start and a click does not
 * start speech. Speech ends ({@link VadEvent.SpeechEnd}) after {@code minSilenceMs} without a
 * speech frame. Events carry the time at which the segment or the silence <em>began</em>, so they
 * mark the true onset and offset rather than the moment of the decision, which comes
 * {@code minSpeechMs} or {@code minSilenceMs} (plus up to 20 ms) later.
 *
 * <p>Chunks may have any length, down to one sample; each frame's time is its chunk's
 * {@code timestampUs} plus the sample offset within it, so a jump in the caller's timestamps
 * carries over to the events. Not thread-safe: drive one instance from one thread.
 */
public final class VoiceActivityDetector {

    private static final double HYSTERESIS = 0.15;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final int sampleRate;
    private final double threshold;
    private final double lowerThreshold;
    private final int minSpeechFrames;
    private final int minSilenceFrames;
    private final int hop;
    private final float[] window;        // the newest window.length samples, oldest first
    private final SpeechProbability probability;
    /** (first sample index, timestampUs) of the chunks still in the window, oldest first. */
    private final ArrayDeque<long[]> anchors = new ArrayDeque<>();

    private long samples;                // samples received in all
    private int filled;                  // samples in window
    private long nextFrameEnd;           // sample count at which the next window is complete
    private boolean inSpeech;
    private int speechFrames;            // speech frames in the candidate segment, 0 when none
    private int gapFrames;               // length of the current run of non-speech frames
    private long runStartUs;             // start of the candidate segment or of the silence run
    private double lastProbability;

    private VoiceActivityDetector(int sampleRate, double threshold, int minSpeechMs, int minSilenceMs) {
        this.sampleRate = sampleRate;
        this.threshold = threshold;
        this.lowerThreshold = Math.max(0, threshold - HYSTERESIS);
        hop = Math.round(sampleRate / 100f);
        double frameMs = hop * 1000.0 / sampleRate;
        minSpeechFrames = Math.max(1, (int) Math.ceil(minSpeechMs / frameMs - 1e-9));
        minSilenceFrames = Math.max(1, (int) Math.ceil(minSilenceMs / frameMs - 1e-9));
        window = new float[2 * hop];
        probability = new SpeechProbability(sampleRate, window.length);
        nextFrameEnd = window.length;
    }

    /**
     * Returns a detector for mono audio at {@code sampleRate} Hz (8 000..192 000).
     *
     * @param threshold speech probability from which a frame counts as speech, in [0, 1] (0.5 is a
     *     good default; higher misses more quiet speech, lower lets more noise through)
     * @param minSpeechMs how long speech must last before it is reported, 0..10 000 ms
     * @param minSilenceMs how long silence must last before the end of speech is reported,
     *     0..10 000 ms
     */
    public static VoiceActivityDetector of(int sampleRate, double threshold, int minSpeechMs, int minSilenceMs) {
        if (sampleRate < 8_000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: 8000..192000)");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: " + threshold + " (expected: 0..1)");
        }
        if (minSpeechMs < 0 || minSpeechMs > 10_000) {
            throw new IllegalArgumentException("minSpeechMs: " + minSpeechMs + " (expected: 0..10000)");
        }
        if (minSilenceMs < 0 || minSilenceMs > 10_000) {
            throw new IllegalArgumentException("minSilenceMs: " + minSilenceMs + " (expected: 0..10000)");
        }
        return new VoiceActivityDetector(sampleRate, threshold, minSpeechMs, minSilenceMs);
    }

    /**
     * Consumes a chunk of mono samples whose first sample is at {@code timestampUs} and returns the
     * boundaries it settled, oldest first (often none).
     */
    public List<VadEvent> process(float[] mono, long timestampUs) {
        requireNonNull(mono, "mono");
        List<VadEvent> events = new ArrayList<>(0);
        if (mono.length == 0) {
            return events;
        }
        anchors.addLast(new long[] {samples, timestampUs});
        int offset = 0;
        while (offset < mono.length) {
            int take = (int) Math.min(mono.length - offset, nextFrameEnd - samples);
            if (filled + take > window.length) {
                // Keep the newest samples: shift the window left by what no longer fits.
                int shift = filled + take - window.length;
                System.arraycopy(window, shift, window, 0, filled - shift);
                filled -= shift;
            }
            System.arraycopy(mono, offset, window, filled, take);
            filled += take;
            offset += take;
            samples += take;
            if (samples == nextFrameEnd) {
                long centre = samples - hop;
                lastProbability = probability.next(window, 0);
                decide(lastProbability, timestampOf(centre), events);
                nextFrameEnd += hop;
                dropAnchorsBefore(samples - hop);
            }
        }
        return events;
    }

    /** Returns whether the detector is inside a speech segment (a start was reported, no end yet). */
    public boolean inSpeech() {
        return inSpeech;
    }

    /** Returns the speech probability of the latest frame (0 before the first frame). */
    public double lastProbability() {
        return lastProbability;
    }

    private void decide(double p, long frameUs, List<VadEvent> events) {
        boolean speech = p >= threshold;
        boolean silence = p < lowerThreshold;
        if (!inSpeech) {
            if (speechFrames == 0) {
                if (speech) {
                    runStartUs = frameUs;
                    speechFrames = 1;
                    gapFrames = 0;
                }
            } else if (silence) {
                if (++gapFrames >= minSilenceFrames) {
                    speechFrames = 0;          // too short: the candidate is dropped
                }
            } else {
                speechFrames++;
                gapFrames = 0;
            }
            if (speechFrames >= minSpeechFrames) {
                inSpeech = true;
                speechFrames = 0;
                gapFrames = 0;
                events.add(new VadEvent.SpeechStart(runStartUs));
            }
        } else if (speech) {
            gapFrames = 0;
        } else if (silence || gapFrames > 0) {
            if (gapFrames++ == 0) {
                runStartUs = frameUs;
            }
            if (gapFrames >= minSilenceFrames) {
                inSpeech = false;
                gapFrames = 0;
                events.add(new VadEvent.SpeechEnd(runStartUs));
            }
        }
    }

    private long timestampOf(long sample) {
        long[] anchor = anchors.peekFirst();
        for (long[] a : anchors) {
            if (a[0] > sample) {
                break;
            }
            anchor = a;
        }
        long offset = sample - anchor[0];
        return anchor[1] + Math.floorDiv(offset * MICROS_PER_SECOND + sampleRate / 2, sampleRate);
    }

    /** Forgets the chunks that end before {@code sample}, the oldest a future frame can need. */
    private void dropAnchorsBefore(long sample) {
        while (anchors.size() > 1) {
            long[] first = anchors.removeFirst();
            if (anchors.peekFirst()[0] > sample) {
                anchors.addFirst(first);   // still holds the sample
                break;
            }
        }
    }
}
