package dev.remotemedia.pipeline.dsp;

import static java.util.Objects.requireNonNull;

/** Level changes for float PCM. Samples are scaled only: nothing is clipped or limited. */
public final class Gain {

    private Gain() {}

    /**
     * Returns the amplitude factor for a level change in dB ({@code 10^(db / 20)}): 0 dB is 1, -6 dB
     * about 0.5, {@code -Infinity} is 0.
     *
     * @throws IllegalArgumentException when {@code db} is NaN or above +120 dB
     */
    public static float dbToLinear(double db) {
        if (Double.isNaN(db) || db > 120) {
            throw new IllegalArgumentException("db: " + db + " (expected: at most 120)");
        }
        return (float) Math.pow(10, db / 20);
    }

    /**
     * Returns a new array holding every sample of {@code in} multiplied by {@code linear}; works for
     * any channel layout since each sample is scaled alike.
     *
     * @throws IllegalArgumentException when {@code linear} is negative, NaN or infinite
     */
    public static float[] apply(float[] in, float linear) {
        requireNonNull(in, "in");
        if (!(linear >= 0) || Float.isInfinite(linear)) {
            throw new IllegalArgumentException("linear: " + linear + " (expected: a finite value >= 0)");
        }
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * linear;
        }
        return out;
    }
}
