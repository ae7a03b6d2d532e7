package dev.remotemedia.pipeline.dsp;

/**
 * Turns one analysis window of mono audio into a speech probability, for
 * {@link VoiceActivityDetector}.
 *
 * <p>Per frame: a Hann-windowed FFT gives the power of each bin in the speech band (200–4000 Hz: voicing and formants, nasals included);
 * a per-bin noise estimate (minima-controlled recursive averaging, I. Cohen, "Noise estimation by
 * minima controlled recursive averaging", IEEE SAP 2002) follows stationary noise, hum included,
 * and does not follow speech; the ratio of power to noise in each bin then gives two features:
 * <ul>
 *   <li>the mean log-likelihood ratio of "speech + noise" against "noise" under Gaussian models
 *       (Sohn, Kim and Sung, "A statistical model-based voice activity detector", IEEE SPL 1999),
 *       which grows with the band's signal-to-noise ratio and is robust to a few noisy bins;</li>
 *   <li>the spectral flatness of that ratio: noise whitened by its own estimate is flat (about
 *       0.56 for one frame), while voiced speech has harmonics and formants that make it peaky.</li>
 * </ul>
 * They are combined by a logistic function into a probability in [0, 1]. The noise is taken to be at
 * least {@value #NOISE_FLOOR_DBFS} dBFS in the band, so that near-silence (a digital fade, dither,
 * a synthesiser's residue) is not taken for speech.
 */
final class SpeechProbability {

    private static final double LOW_HZ = 200;
    private static final double HIGH_HZ = 4000;
    private static final double NOISE_FLOOR_DBFS = -60;
    private static final double TINY = 1e-20;

    // MCRA constants for a 10 ms hop (Cohen 2002 uses an 8 ms hop and alpha_d = 0.95; the slower
    // 0.98 here gives a steadier noise estimate, hence fewer noise peaks taken for speech).
    private static final double SMOOTHING = 0.7;          // alpha_s: time smoothing of the power
    private static final int MINIMUM_WINDOW_FRAMES = 100; // L: the minimum is searched over 1..2 s
    private static final double PRESENCE_RATIO = 5;       // delta: S / Smin above this looks like speech
    private static final double PRESENCE_SMOOTHING = 0.2; // alpha_p
    private static final double NOISE_SMOOTHING = 0.98;   // alpha_d when no speech is present
    private static final int LEARNING_FRAMES = 20;

    // Logistic combination: p = 0.5 where the mean LLR is LLR_MIDPOINT for a noise-flat spectrum.
    private static final double LLR_MIDPOINT = 1.0;
    private static final double LLR_WEIGHT = 3.0;
    private static final int LLR_AVERAGE_FRAMES = 3;
    private static final double FLATNESS_OF_NOISE = 0.56;
    private static final double FLATNESS_WEIGHT = 4.0;

    private final Fft fft;
    private final double[] window;
    private final double[] re;
    private final double[] im;
    private final int lowBin;
    private final int bins;
    private final double minimumNoise;   // per bin

    private final double[] smoothed;
    private final double[] minimum;
    private final double[] runningMinimum;
    private final double[] presence;
    private final double[] noise;
    private final double[] ratio;        // this frame's power per bin
    private final double[] recentLlr = new double[LLR_AVERAGE_FRAMES];
    private int frames;
    private int framesInMinimumWindow;

    SpeechProbability(int sampleRate, int windowLength) {
        fft = new Fft(Integer.highestOneBit(windowLength - 1) << 1);
        int n = fft.size();
        window = new double[windowLength];
        double windowEnergy = 0;
        for (int i = 0; i < windowLength; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / windowLength);
            windowEnergy += window[i] * window[i];
        }
        re = new double[n];
        im = new double[n];
        lowBin = (int) Math.ceil(LOW_HZ * n / sampleRate);
        int highBin = Math.min(n / 2, (int) Math.floor(HIGH_HZ * n / sampleRate));
        bins = highBin - lowBin + 1;
        // Parseval: one-sided band power -> mean square of the windowed-normalised signal.
        double powerToMeanSquare = 2.0 / (n * windowEnergy);
        minimumNoise = Math.pow(10, NOISE_FLOOR_DBFS / 10) / powerToMeanSquare / bins;
        smoothed = new double[bins];
        minimum = new double[bins];
        runningMinimum = new double[bins];
        presence = new double[bins];
        noise = new double[bins];
        ratio = new double[bins];
    }

    /** Analyses {@code samples[offset .. offset + windowLength)} and returns P(speech). */
    double next(float[] samples, int offset) {
        java.util.Arrays.fill(im, 0);
        for (int i = 0; i < window.length; i++) {
            re[i] = samples[offset + i] * window[i];
        }
        java.util.Arrays.fill(re, window.length, re.length, 0);
        fft.transform(re, im);

        for (int b = 0; b < bins; b++) {
            int k = lowBin + b;
            double power = re[k] * re[k] + im[k] * im[k] + TINY;
            ratio[b] = power;
        }
        if (frames == 0) {
            for (int b = 0; b < bins; b++) {
                smoothed[b] = minimum[b] = runningMinimum[b] = noise[b] = ratio[b];
            }
        }

        double llr = 0;
        double logSum = 0;
        double sum = 0;
        for (int b = 0; b < bins; b++) {
            double gamma = Math.min(ratio[b] / Math.max(noise[b], minimumNoise), 1e9);   // a-posteriori SNR
            // Sohn's per-bin log-likelihood ratio with the maximum-likelihood a-priori SNR.
            if (gamma > 1) {
                llr += gamma - 1 - Math.log(gamma);
            }
            logSum += Math.log(gamma + TINY);
            sum += gamma;
        }
        llr /= bins;
        // Averaged over 30 ms: speech sounds last longer, random peaks of the noise do not.
        recentLlr[frames % LLR_AVERAGE_FRAMES] = llr;
        llr = 0;
        for (double v : recentLlr) {
            llr += v / LLR_AVERAGE_FRAMES;
        }
        boolean learning = frames < LEARNING_FRAMES;
        trackNoise();   // after the ratios: this frame is judged against the noise known before it
        double flatness = Math.exp(logSum / bins) / (sum / bins + TINY);
        if (learning) {
            return 0;
        }
        double z = LLR_WEIGHT * Math.log((llr + 1e-6) / LLR_MIDPOINT)
                + FLATNESS_WEIGHT * (FLATNESS_OF_NOISE - flatness);
        return 1 / (1 + Math.exp(-z));
    }

    /** MCRA update from this frame's power per bin, held in {@code ratio}. */
    private void trackNoise() {
        frames++;
        if (frames <= LEARNING_FRAMES) {
            // Learning: the first frames are taken as background and simply averaged, so that the
            // estimate is steady before it is used to judge anything.
            for (int b = 0; b < bins; b++) {
                noise[b] += (ratio[b] - noise[b]) / frames;
                smoothed[b] = SMOOTHING * smoothed[b] + (1 - SMOOTHING) * ratio[b];
                minimum[b] = Math.min(minimum[b], smoothed[b]);
                runningMinimum[b] = Math.min(runningMinimum[b], smoothed[b]);
            }
            return;
        }
        boolean restartWindow = ++framesInMinimumWindow >= MINIMUM_WINDOW_FRAMES;
        for (int b = 0; b < bins; b++) {
            double power = ratio[b];
            double s = SMOOTHING * smoothed[b] + (1 - SMOOTHING) * power;
            smoothed[b] = s;
            if (restartWindow) {
                minimum[b] = Math.min(runningMinimum[b], s);
                runningMinimum[b] = s;
            } else {
                minimum[b] = Math.min(minimum[b], s);
                runningMinimum[b] = Math.min(runningMinimum[b], s);
            }
            double present = s > PRESENCE_RATIO * minimum[b] ? 1 : 0;
            presence[b] = PRESENCE_SMOOTHING * presence[b] + (1 - PRESENCE_SMOOTHING) * present;
            double alpha = NOISE_SMOOTHING + (1 - NOISE_SMOOTHING) * presence[b];
            noise[b] = alpha * noise[b] + (1 - alpha) * power;
        }
        if (restartWindow) {
            framesInMinimumWindow = 0;
        }
    }
}
