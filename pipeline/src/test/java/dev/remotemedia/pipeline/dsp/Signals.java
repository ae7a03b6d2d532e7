package dev.remotemedia.pipeline.dsp;

import java.util.Random;

/** Test signals and measurements: tones, seeded noises, Goertzel, levels. */
final class Signals {

    private Signals() {}

    static float[] tone(double hz, double amplitude, int rate, int frames) {
        float[] out = new float[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    static float[] whiteNoise(long seed, double rms, int frames) {
        Random random = new Random(seed);
        float[] out = new float[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = (float) (random.nextGaussian() * rms);
        }
        return out;
    }

    /** Pink (1/f) noise: white noise through Paul Kellet's refined filter, scaled to {@code rms}. */
    static float[] pinkNoise(long seed, double rms, int frames) {
        Random random = new Random(seed);
        double[] y = new double[frames];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < frames; i++) {
            double w = random.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            y[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
            b6 = w * 0.115926;
        }
        return scaleTo(y, rms);
    }

    /** Mains hum: 50 Hz and its first 9 harmonics with falling levels, plus a faint hiss. */
    static float[] hum(long seed, double rms, int rate, int frames) {
        Random random = new Random(seed);
        double[] y = new double[frames];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double v = 0;
            for (int h = 1; h <= 10; h++) {
                v += Math.sin(2 * Math.PI * 50 * h * t + h) / h;
            }
            y[i] = v + 0.01 * random.nextGaussian();
        }
        return scaleTo(y, rms);
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /**
     * Goertzel: the amplitude of the {@code hz} component of {@code x[from, to)} (a sine of
     * amplitude A gives A when the span holds whole periods).
     */
    static double amplitudeAt(float[] x, int from, int to, double hz, int rate) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = x[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / (to - from);
    }

    /** Returns (a, b) such that a cos(wt) + b sin(wt), t = i - from, is the {@code hz} component. */
    static double[] complexAmplitude(float[] x, int from, int to, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double a = 0;
        double b = 0;
        for (int i = from; i < to; i++) {
            a += x[i] * Math.cos(w * (i - from));
            b += x[i] * Math.sin(w * (i - from));
        }
        return new double[] {2 * a / (to - from), 2 * b / (to - from)};
    }

    /** RMS of what remains of x[from, to) once its {@code hz} component is subtracted. */
    static double residualRms(float[] x, int from, int to, double hz, int rate) {
        double[] c = complexAmplitude(x, from, to, hz, rate);
        double w = 2 * Math.PI * hz / rate;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double t = i - from;
            double d = x[i] - (c[0] * Math.cos(w * t) + c[1] * Math.sin(w * t));
            sum += d * d;
        }
        return Math.sqrt(sum / (to - from));
    }

    static float[] channel(float[] interleaved, int channels, int c) {
        float[] out = new float[interleaved.length / channels];
        for (int i = 0; i < out.length; i++) {
            out[i] = interleaved[i * channels + c];
        }
        return out;
    }

    static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] scaleTo(double[] y, double rms) {
        double sum = 0;
        for (double v : y) {
            sum += v * v;
        }
        double scale = rms / Math.sqrt(sum / y.length);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) (y[i] * scale);
        }
        return out;
    }
}
