package dev.remotemedia.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void medianOfAnOddSampleIsItsMiddleValue() {
        final Percentiles p = Percentiles.of(new double[] {9, 1, 5, 3, 7});
        assertThat(p.median()).isEqualTo(5);
        assertThat(p.min()).isEqualTo(1);
        assertThat(p.max()).isEqualTo(9);
        assertThat(p.count()).isEqualTo(5);
    }

    @Test
    void interpolatesBetweenClosestRanks() {
        final Percentiles p = Percentiles.of(new double[] {10, 20, 30, 40});
        assertThat(p.median()).isEqualTo(25);
        assertThat(p.p10()).isCloseTo(13, within(1e-9));
        assertThat(p.p90()).isCloseTo(37, within(1e-9));
    }

    @Test
    void doesNotReorderTheCallersArray() {
        final double[] sample = {3, 1, 2};
        Percentiles.of(sample);
        assertThat(sample).containsExactly(3, 1, 2);
    }

    @Test
    void refusesAnEmptySample() {
        assertThatThrownBy(() -> Percentiles.of(new double[0])).hasMessageContaining("sample: empty");
    }
}
