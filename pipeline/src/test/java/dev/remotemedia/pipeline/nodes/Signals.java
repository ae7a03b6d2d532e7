package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import java.util.List;

/** Test helpers that measure audio by content. */
public final class Signals {
    private Signals() {}

    /** A sine of {@code frequencyHz} at {@code amplitude}, mono. */
    public static float[] sine(double frequencyHz, double amplitude, int sampleRate, int frames) {
        final float[] s = new float[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequencyHz * i / sampleRate));
        }
        return s;
    }

    /**
     * The amplitude of the {@code frequencyHz} component of {@code s} (Goertzel algorithm, normalized
     * so a full sine of amplitude A gives about A).
     */
    public static double amplitudeAt(float[] s, int from, int to, int sampleRate, double frequencyHz) {
        final double w = 2 * Math.PI * frequencyHz / sampleRate;
        final double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            final double s0 = s[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        final double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / (to - from);
    }

    /** The root mean square of {@code s[from..to)}. */
    public static double rms(float[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += s[i] * (double) s[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /** Concatenates the samples of every audio item of {@code items}. */
    public static float[] concat(List<? extends RuntimeData> items) {
        int n = 0;
        for (RuntimeData d : items) {
            if (d instanceof AudioData) {
                n += ((AudioData) d).sampleCount();
            }
        }
        final float[] all = new float[n];
        int at = 0;
        for (RuntimeData d : items) {
            if (d instanceof AudioData) {
                ((AudioData) d).copyTo(all, at);
                at += ((AudioData) d).sampleCount();
            }
        }
        return all;
    }
}
