package dev.remotemedia.rtc.sctp.rx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TsnRangesTest {

    private final TsnRanges ranges = new TsnRanges();

    @Test
    void mergesAdjacentTsnsIntoRanges() {
        ranges.add(10);
        ranges.add(12);
        ranges.add(20);
        assertThat(ranges).hasToString("[10..10, 12..12, 20..20]");

        ranges.add(11);
        ranges.add(19);
        ranges.add(9);

        assertThat(ranges).hasToString("[9..12, 19..20]");
    }

    @Test
    void reportsTsnsAlreadyHeld() {
        ranges.add(5);
        ranges.add(6);

        assertThat(ranges.add(5)).isFalse();
        assertThat(ranges.add(6)).isFalse();
        assertThat(ranges.add(8)).isTrue();
    }

    @Test
    void insertsBetweenRangesAndGrowsPastItsInitialCapacity() {
        for (long tsn = 100; tsn >= 0; tsn -= 2) {
            ranges.add(tsn);
        }

        assertThat(ranges.size()).isEqualTo(51);
        assertThat(ranges.first(0)).isZero();
        assertThat(ranges.last(50)).isEqualTo(100);
    }

    @Test
    void removesUpToATsnTrimmingTheRangeItFallsIn() {
        ranges.add(3);
        ranges.add(4);
        ranges.add(5);
        ranges.add(8);
        ranges.add(9);
        ranges.add(12);

        ranges.removeTo(8);
        assertThat(ranges).hasToString("[9..9, 12..12]");

        ranges.removeTo(10);
        assertThat(ranges).hasToString("[12..12]");

        ranges.removeTo(100);
        assertThat(ranges.isEmpty()).isTrue();
    }
}
