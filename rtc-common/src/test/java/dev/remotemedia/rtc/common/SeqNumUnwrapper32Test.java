package dev.remotemedia.rtc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeqNumUnwrapper32Test {

    private static final long CYCLE = 1L << 32;

    private final SeqNumUnwrapper32 unwrapper = new SeqNumUnwrapper32();

    @ParameterizedTest
    @ValueSource(longs = {0, 0x1234_5678L, 0x8000_0000L, 0xFFFF_FFFFL})
    void firstValueUnwrapsToItself(long value) {
        assertThat(unwrapper.unwrap(value)).isEqualTo(value);
    }

    @Test
    void keepsCountingPastTheWrapPoint() {
        assertThat(unwrapper.unwrap(0xFFFF_FFFEL)).isEqualTo(0xFFFF_FFFEL);
        assertThat(unwrapper.unwrap(0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL);
        assertThat(unwrapper.unwrap(0x0000_0000L)).isEqualTo(CYCLE);
        assertThat(unwrapper.unwrap(0x0000_0001L)).isEqualTo(CYCLE + 1);
    }

    @Test
    void keepsCountingThroughManyCycles() {
        // Steps of 2^29, so it wraps every 8 steps.
        final long step = 0x2000_0000L;
        for (long truth = 0; truth < 5 * CYCLE; truth += step) {
            assertThat(unwrapper.unwrap(truth & 0xFFFF_FFFFL)).isEqualTo(truth);
        }
    }

    @Test
    void reorderedPacketsAcrossTheWrapPointUnwrapInTheirTrueOrder() {
        assertThat(unwrapper.unwrap(0xFFFF_FFFEL)).isEqualTo(0xFFFF_FFFEL);
        assertThat(unwrapper.unwrap(0x0000_0001L)).isEqualTo(CYCLE + 1);
        assertThat(unwrapper.unwrap(0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL); // late, before the wrap
        assertThat(unwrapper.unwrap(0x0000_0000L)).isEqualTo(CYCLE);
        assertThat(unwrapper.unwrap(0xFFFF_FFFDL)).isEqualTo(0xFFFF_FFFDL); // later still
        assertThat(unwrapper.unwrap(0x0000_0002L)).isEqualTo(CYCLE + 2);
    }

    @Test
    void aLatePacketDoesNotMoveTheWindow() {
        unwrapper.unwrap(0xFFF0_0000L);
        unwrapper.unwrap(0x7000_0000L);                                       // the largest
        assertThat(unwrapper.unwrap(0x0100_0000L)).isEqualTo(CYCLE + 0x0100_0000L); // late
        // Seen from the late 0x01000000, 0x85000000 would be 0x7C000000 behind; from the largest
        // (0x70000000) it is 0x15000000 ahead.
        assertThat(unwrapper.unwrap(0x8500_0000L)).isEqualTo(CYCLE + 0x8500_0000L);
    }

    @Test
    void valuesBehindTheFirstUnwrapBelowItEvenBelowZero() {
        assertThat(unwrapper.unwrap(2)).isEqualTo(2);
        assertThat(unwrapper.unwrap(0xFFFF_FFFFL)).isEqualTo(-1);
        assertThat(unwrapper.unwrap(0)).isEqualTo(0);
        assertThat(unwrapper.unwrap(3)).isEqualTo(3);
    }

    @Test
    void theWindowReachesJustShortOfHalfTheSpaceEitherWay() {
        unwrapper.unwrap(0xFFFF_FFF0L);
        unwrapper.unwrap(0x0000_0010L);                                // largest 2^32 + 0x10
        assertThat(unwrapper.peek(0x8000_000FL)).isEqualTo(CYCLE + 0x10 + 0x7FFF_FFFFL);
        assertThat(unwrapper.peek(0x8000_0011L)).isEqualTo(CYCLE + 0x10 - 0x7FFF_FFFFL);
    }

    @Test
    void exactlyHalfTheSpaceAwayIsAheadWhenNumericallyLarger() {
        unwrapper.unwrap(0xFFFF_FFF0L);
        unwrapper.unwrap(0x0000_0010L);                                // wrapped largest 0x10
        assertThat(unwrapper.peek(0x8000_0010L)).isEqualTo(CYCLE + 0x8000_0010L); // larger: ahead
        unwrapper.unwrap(0x7000_0010L);
        unwrapper.unwrap(0x9000_0000L);                                // wrapped largest 0x90000000
        assertThat(unwrapper.peek(0x1000_0000L)).isEqualTo(CYCLE + 0x1000_0000L); // smaller: behind
    }

    @Test
    void packetsLaterThanTheWindowAreReadAsFromTheNextCycle() {
        unwrapper.unwrap(0x9000_0000L);
        // Truly 2^31 + 1 behind.
        assertThat(unwrapper.peek(0x0FFF_FFFFL)).isEqualTo(CYCLE + 0x0FFF_FFFFL);
    }

    @Test
    void peekDoesNotChangeState() {
        assertThat(unwrapper.peek(5)).isEqualTo(5);                           // before the first value
        assertThat(unwrapper.unwrap(0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL);   // not -1: 5 not kept
        assertThat(unwrapper.peek(0x7000_0000L)).isEqualTo(CYCLE + 0x7000_0000L);
        // Seen from 0x70000000, 0xC0000000 would be ahead; from 0xFFFFFFFF it is behind.
        assertThat(unwrapper.unwrap(0xC000_0000L)).isEqualTo(0xC000_0000L);
    }

    @Test
    void resetStartsOverFromTheNextValue() {
        unwrapper.unwrap(0xFFFF_FFFFL);
        unwrapper.unwrap(1);
        assertThat(unwrapper).hasToString("SeqNumUnwrapper32{largest=4294967297}");
        unwrapper.reset();
        assertThat(unwrapper).hasToString("SeqNumUnwrapper32{empty}");
        assertThat(unwrapper.unwrap(5)).isEqualTo(5);
    }

    @Test
    void unwrapsAStreamWithLossAndReorderingToItsTrueNumbers() {
        final Random random = new Random(0x0_32_0L);
        final long window = 0x7FFF_FFFFL;
        long largest = CYCLE - 1_000_000;
        assertThat(unwrapper.unwrap(largest)).isEqualTo(largest);
        for (int i = 0; i < 300_000; i++) {
            // Mostly 20 ms of a 48 kHz clock with jitter; sometimes anywhere in the window, up to
            // 2^31 - 1 either side of the largest number so far.
            final long offset = random.nextInt(100) != 0 ? 960 + random.nextInt(4000) - 2000
                                                         : random.nextLong() % (window + 1);
            final long truth = largest + offset;
            final long wrapped = Math.floorMod(truth, CYCLE);
            assertThat(unwrapper.unwrap(wrapped)).as("packet %d, %d wrapped to %d", i, truth, wrapped)
                                                 .isEqualTo(truth);
            largest = Math.max(largest, truth);
        }
        assertThat(largest).as("crossed the wrap point many times").isGreaterThan(100 * CYCLE);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0x1_0000_0000L, Long.MAX_VALUE})
    void rejectsNumbersOutsideThirtyTwoBits(long bad) {
        final String message = "value: " + bad + " (expected: 0..4294967295)";
        assertThatThrownBy(() -> unwrapper.unwrap(bad)).isInstanceOf(IllegalArgumentException.class)
                                                       .hasMessage(message);
        assertThatThrownBy(() -> unwrapper.peek(bad)).hasMessage(message);
        unwrapper.unwrap(7);
        assertThatThrownBy(() -> unwrapper.unwrap(bad)).hasMessage(message);
        assertThatThrownBy(() -> unwrapper.peek(bad)).hasMessage(message);
        assertThat(unwrapper.unwrap(8)).as("state unchanged").isEqualTo(8);
    }
}
