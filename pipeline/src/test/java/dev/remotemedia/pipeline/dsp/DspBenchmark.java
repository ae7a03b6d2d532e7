package dev.remotemedia.pipeline.dsp;

import java.util.Arrays;

/**
 * Cost of the DSP per 20 ms frame, the unit the pipeline moves audio in. Not a test: run by hand,
 * e.g. {@code java -cp pipeline/target/classes:pipeline/target/test-classes
 * dev.remotemedia.pipeline.dsp.DspBenchmark}. Prints the median over rounds of the mean time per
 * frame within a round, after a warm-up long enough for the JIT.
 */
public final class DspBenchmark {

    private static final int WARM_UP_FRAMES = 50_000;
    private static final int ROUNDS = 41;
    private static final int FRAMES_PER_ROUND = 2_000;

    private DspBenchmark() {}

    public static void main(String[] args) {
        float[] speechLike48k = Signals.whiteNoise(1, 0.1, 48_000 * 10);
        float[] speechLike16k = Signals.whiteNoise(2, 0.1, 16_000 * 10);

        Resampler down = Resampler.of(48_000, 16_000, 1);
        report("Resampler 48k->16k mono, 960 in / 320 out", frames(speechLike48k, 960), down::process);
        Resampler up = Resampler.of(16_000, 48_000, 1);
        report("Resampler 16k->48k mono, 320 in / 960 out", frames(speechLike16k, 320), up::process);
        Resampler cd = Resampler.of(44_100, 48_000, 2);
        report("Resampler 44.1k->48k stereo, 882 in / 960 out", frames(Signals.whiteNoise(3, 0.1, 882 * 2 * 500), 882 * 2), cd::process);

        VoiceActivityDetector vad16 = VoiceActivityDetector.of(16_000, 0.5, 250, 500);
        report("VAD 16 kHz, 320 samples", frames(speechLike16k, 320), f -> vad16.process(f, 0));
        VoiceActivityDetector vad48 = VoiceActivityDetector.of(48_000, 0.5, 250, 500);
        report("VAD 48 kHz, 960 samples", frames(speechLike48k, 960), f -> vad48.process(f, 0));

        MixerCore mixer = MixerCore.of(4, 48_000, 1, 100_000);
        long[] t = {0};
        report("MixerCore 4 inputs 48 kHz, 960 samples each + poll", frames(speechLike48k, 960), f -> {
            for (int i = 0; i < 4; i++) {
                mixer.push(i, f, t[0]);
            }
            mixer.poll(t[0]);
            t[0] += 20_000;
        });
    }

    private static float[][] frames(float[] signal, int size) {
        float[][] frames = new float[signal.length / size][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Arrays.copyOfRange(signal, i * size, (i + 1) * size);
        }
        return frames;
    }

    private interface FrameConsumer {
        void accept(float[] frame);
    }

    private static void report(String name, float[][] frames, FrameConsumer consumer) {
        for (int i = 0; i < WARM_UP_FRAMES; i++) {
            consumer.accept(frames[i % frames.length]);
        }
        long[] perFrame = new long[ROUNDS];
        int next = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < FRAMES_PER_ROUND; i++) {
                consumer.accept(frames[next++ % frames.length]);
            }
            perFrame[round] = (System.nanoTime() - start) / FRAMES_PER_ROUND;
        }
        Arrays.sort(perFrame);
        System.out.printf("%-52s median %,8d ns/frame (min %,d, max %,d) = %.2f %% of one core in real time%n",
                name, perFrame[ROUNDS / 2], perFrame[0], perFrame[ROUNDS - 1], perFrame[ROUNDS / 2] / 20_000_000.0 * 100);
    }
}
