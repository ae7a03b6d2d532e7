package dev.remotemedia.rtc.media.jitter;

import dev.remotemedia.testing.JitterTrace;
import java.util.List;

/** The traces the jitter buffer is proven on (issue 11), shared by the tests and the benchmark that plots them. */
public final class JitterTraces {
    private JitterTraces() {}

    /** Ten minutes each: Gaussian jitter 10/30/60 ms, Pareto bursts, 200 ms delay steps, reordering; 1–5 % loss. */
    public static List<JitterTrace> shortTraces() {
        return List.of(
                JitterTrace.builder("gaussian-10ms").seed(11).seconds(600).gaussianJitterMillis(10).loss(0.01).build(),
                JitterTrace.builder("gaussian-30ms").seed(12).seconds(600).gaussianJitterMillis(30).loss(0.02).build(),
                JitterTrace.builder("gaussian-60ms").seed(13).seconds(600).gaussianJitterMillis(60).loss(0.05).build(),
                JitterTrace.builder("pareto-bursts").seed(14).seconds(600).gaussianJitterMillis(3).loss(0.01)
                           .paretoBursts(0.2, 20, 1.5, 300, 0.5).build(),
                JitterTrace.builder("delay-steps-200ms").seed(15).seconds(600).gaussianJitterMillis(5).loss(0.01)
                           .delaySteps(200, 20).build(),
                JitterTrace.builder("reordering").seed(16).seconds(600).gaussianJitterMillis(5).loss(0.02)
                           .reorder(0.05, 60).build());
    }

    /** An hour each with the sender's clock ±500 ppm off. */
    public static List<JitterTrace> driftTraces() {
        return List.of(
                JitterTrace.builder("drift+500ppm").seed(17).seconds(3600).gaussianJitterMillis(10).loss(0.01)
                           .driftPpm(500).build(),
                JitterTrace.builder("drift-500ppm").seed(18).seconds(3600).gaussianJitterMillis(10).loss(0.01)
                           .driftPpm(-500).build());
    }

    /**
     * The buffer's configuration for the comparison with the oracle: the defaults with a ceiling high
     * enough not to bind (the 60 ms trace needs ~200 ms), so the figures measure the adaptation and
     * not the operator's cap; {@code ceilingCapsTheTarget} tests the cap itself.
     */
    public static JitterBufferConfig comparisonConfig() {
        return JitterBufferConfig.DEFAULT.withBounds(0, 1000);
    }
}
