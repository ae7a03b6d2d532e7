package dev.remotemedia.rtc.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.testing.JitterTrace;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The adaptive jitter buffer proven on traces (issue 11), on fake time: on every trace at most
 * 1 % of packets are late and the 95th-percentile playout delay is at most 1.2 × the oracle's (the
 * smallest fixed delay that loses ≤ 1 % late, knowing the whole trace); an hour at ±500 ppm keeps
 * the delay on its target and flat; after a 200 ms delay step the delay is back on target within 2 s.
 */
class JitterTraceTest {

    static Stream<JitterTrace> shortTraces() {
        return JitterTraces.shortTraces().stream();
    }

    static Stream<JitterTrace> driftTraces() {
        return JitterTraces.driftTraces().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortTraces")
    void losesAtMostOnePercentLateAtNoMoreThanOnePointTwoTimesTheOraclesDelay(JitterTrace trace) {
        final TraceSimulator.AdaptiveRun run = TraceSimulator.runAdaptive(trace, JitterTraces.comparisonConfig());
        final TraceSimulator.Result oracle = TraceSimulator.oracle(trace);
        assertThat(run.result().lateLossPercent()).as("late loss %% on %s", trace.name()).isLessThanOrEqualTo(1.0);
        assertThat(run.result().p95DelayMillis()).as("p95 delay (ms) on %s against the oracle's %.1f", trace.name(),
                                                     oracle.p95DelayMillis())
                                                 .isLessThanOrEqualTo(1.2 * oracle.p95DelayMillis());
        // It played what arrived: everything but the late packets.
        assertThat(run.result().played() + run.result().late()).isEqualTo(trace.arrivals().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("driftTraces")
    void anHourOfClockDriftKeepsTheDelayOnTargetAndFlat(JitterTrace trace) {
        final TraceSimulator.AdaptiveRun run = TraceSimulator.runAdaptive(trace, JitterTraces.comparisonConfig());
        final TraceSimulator.Result oracle = TraceSimulator.oracle(trace);
        assertThat(run.result().lateLossPercent()).isLessThanOrEqualTo(1.0);
        assertThat(run.result().p95DelayMillis()).isLessThanOrEqualTo(1.2 * oracle.p95DelayMillis());
        assertThat(run.stats().driftPpm()).as("estimated drift").isCloseTo(trace.driftPpm(), org.assertj.core.data.Offset.offset(25.0));
        // Within target ± 20 ms: every 5 s median of (delay - target), after the first minute.
        for (double from = 60; from + 5 <= run.timeSeconds()[run.timeSeconds().length - 1]; from += 5) {
            final double error = medianOf(run, from, from + 5);
            assertThat(Math.abs(error)).as("delay - target at %.0f s", from).isLessThanOrEqualTo(20.0);
        }
        // Flat: each 5-minute median of the packets' playout delay within 20 ms of the first one's.
        final double first = medianPacketDelay(run, 60, 360);
        for (double from = 360; from + 300 <= 3600; from += 300) {
            assertThat(medianPacketDelay(run, from, from + 300)).as("median playout delay %.0f..%.0f s", from, from + 300)
                                                                .isCloseTo(first, org.assertj.core.data.Offset.offset(20.0));
        }
    }

    @Test
    void afterEachTwoHundredMillisecondDelayStepTheDelayIsBackOnTargetWithinTwoSeconds() {
        final JitterTrace trace = JitterTraces.shortTraces().stream().filter(t -> t.name().startsWith("delay-steps")).findFirst()
                                              .orElseThrow();
        final TraceSimulator.AdaptiveRun run = TraceSimulator.runAdaptive(trace, JitterTraces.comparisonConfig());
        int steps = 0;
        for (double step = 20; step < 580; step += 20) {
            final double settled = settledAfter(run, step, 20.0);
            assertThat(settled - step).as("seconds to settle after the step at %.0f s", step).isLessThanOrEqualTo(2.0);
            steps++;
        }
        assertThat(steps).isEqualTo(28);
    }

    @Test
    void theCeilingCapsTheTarget() {
        final JitterTrace trace = JitterTrace.builder("gaussian-60ms").seed(13).seconds(120).gaussianJitterMillis(60).build();
        final TraceSimulator.AdaptiveRun run = TraceSimulator.runAdaptive(trace, JitterBufferConfig.DEFAULT);
        assertThat(Arrays.stream(run.targetMillis()).max().orElseThrow()).isLessThanOrEqualTo(100.0);
        // A capped buffer on a path that needs ~170 ms loses packets late: the cap is the operator's trade.
        assertThat(run.result().lateLossPercent()).isGreaterThan(1.0);
    }

    /** The first time ≥ {@code step} from which |delay - target| stays ≤ {@code band} ms for a second. */
    private static double settledAfter(TraceSimulator.AdaptiveRun run, double step, double band) {
        final double[] t = run.timeSeconds();
        int i = 0;
        while (i < t.length && t[i] < step) {
            i++;
        }
        int runStart = -1;
        for (; i < t.length; i++) {
            if (Math.abs(run.delayMillis()[i] - run.targetMillis()[i]) <= band) {
                if (runStart < 0) {
                    runStart = i;
                }
                if (t[i] - t[runStart] >= 1.0) {
                    return t[runStart];
                }
            } else {
                runStart = -1;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double medianOf(TraceSimulator.AdaptiveRun run, double from, double to) {
        final double[] t = run.timeSeconds();
        final double[] errors = java.util.stream.IntStream.range(0, t.length).filter(i -> t[i] >= from && t[i] < to)
                                                          .mapToDouble(i -> run.delayMillis()[i] - run.targetMillis()[i]).sorted()
                                                          .toArray();
        assertThat(errors).isNotEmpty();
        return errors[errors.length / 2];
    }

    private static double medianPacketDelay(TraceSimulator.AdaptiveRun run, double from, double to) {
        final double[] t = run.packetTimeSeconds();
        final double[] delays = java.util.stream.IntStream.range(0, t.length).filter(i -> t[i] >= from && t[i] < to)
                                                          .mapToDouble(i -> run.packetDelayMillis()[i]).sorted().toArray();
        assertThat(delays).isNotEmpty();
        return delays[delays.length / 2];
    }
}
