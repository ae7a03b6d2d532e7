package dev.remotemedia.rtc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeqNumUnwrapper16Test {

    private final SeqNumUnwrapper16 unwrapper = new SeqNumUnwrapper16();

    @ParameterizedTest
    @ValueSource(ints = {0, 0x1234, 0x8000, 0xFFFF})
    void firstValueUnwrapsToItself(int value) {
        assertThat(unwrapper.unwrap(value)).isEqualTo(value);
    }

    @Test
    void keepsCountingPastTheWrapPoint() {
        assertThat(unwrapper.unwrap(0xFFFE)).isEqualTo(0xFFFE);
        assertThat(unwrapper.unwrap(0xFFFF)).isEqualTo(0xFFFF);
        assertThat(unwrapper.unwrap(0x0000)).isEqualTo(0x1_0000);
        assertThat(unwrapper.unwrap(0x0001)).isEqualTo(0x1_0001);
    }

    @Test
    void keepsCountingThroughManyCycles() {
        long expected = 0;
        for (int i = 0; i < 5 * 0x1_0000; i += 1000) {
            expected = i;
            assertThat(unwrapper.unwrap(i & 0xFFFF)).isEqualTo(expected);
        }
        assertThat(expected).isGreaterThan(4 * 0x1_0000L);
    }

    @Test
    void reorderedPacketsAcrossTheWrapPointUnwrapInTheirTrueOrder() {
        assertThat(unwrapper.unwrap(0xFFFE)).isEqualTo(0xFFFE);
        assertThat(unwrapper.unwrap(0x0001)).isEqualTo(0x1_0001);
        assertThat(unwrapper.unwrap(0xFFFF)).isEqualTo(0xFFFF);   // late, from before the wrap
        assertThat(unwrapper.unwrap(0x0000)).isEqualTo(0x1_0000);
        assertThat(unwrapper.unwrap(0xFFFD)).isEqualTo(0xFFFD);   // later still
        assertThat(unwrapper.unwrap(0x0002)).isEqualTo(0x1_0002);
    }

    @Test
    void aLatePacketDoesNotMoveTheWindow() {
        unwrapper.unwrap(0xFFF0);
        unwrapper.unwrap(0x7000);                                  // 0x17000, the largest
        assertThat(unwrapper.unwrap(0x0100)).isEqualTo(0x1_0100);  // 0x6F00 late
        // Seen from the late 0x0100, 0x8500 would be 0x7C00 behind; from the largest (0x7000) it
        // is 0x1500 ahead.
        assertThat(unwrapper.unwrap(0x8500)).isEqualTo(0x1_8500);
    }

    @Test
    void valuesBehindTheFirstUnwrapBelowItEvenBelowZero() {
        assertThat(unwrapper.unwrap(0x0002)).isEqualTo(2);
        assertThat(unwrapper.unwrap(0xFFFF)).isEqualTo(-1);
        assertThat(unwrapper.unwrap(0x0000)).isEqualTo(0);
        assertThat(unwrapper.unwrap(0x0003)).isEqualTo(3);
    }

    @Test
    void theWindowReachesJustShortOfHalfTheSpaceEitherWay() {
        unwrapper.unwrap(0xFFF0);
        unwrapper.unwrap(0x0010);                                                 // largest 0x10010
        assertThat(unwrapper.peek(0x0010 + 0x7FFF)).isEqualTo(0x1_0010L + 0x7FFF); // 32767 ahead
        assertThat(unwrapper.peek(0x8011)).isEqualTo(0x1_0010L - 0x7FFF);          // 32767 behind
    }

    @Test
    void exactlyHalfTheSpaceAwayIsAheadWhenNumericallyLarger() {
        unwrapper.unwrap(0xFFF0);
        unwrapper.unwrap(0x0010);                                  // largest 0x10010, wrapped 0x0010
        assertThat(unwrapper.peek(0x8010)).isEqualTo(0x1_8010L);   // 0x8010 > 0x0010: ahead
        unwrapper.unwrap(0x7010);
        unwrapper.unwrap(0x9000);                                  // largest 0x19000, wrapped 0x9000
        assertThat(unwrapper.peek(0x1000)).isEqualTo(0x1_1000L);   // 0x1000 < 0x9000: behind
    }

    @Test
    void packetsLaterThanTheWindowAreReadAsFromTheNextCycle() {
        unwrapper.unwrap(0x9000);
        assertThat(unwrapper.peek(0x0FFF)).isEqualTo(0x1_0FFFL);   // truly 0x8001 behind
    }

    @Test
    void peekDoesNotChangeState() {
        assertThat(unwrapper.peek(0x0005)).isEqualTo(5);           // before the first value, too
        assertThat(unwrapper.unwrap(0xFFFF)).isEqualTo(0xFFFF);    // not -1: 5 was not kept
        assertThat(unwrapper.peek(0x7000)).isEqualTo(0x1_7000);
        // Seen from 0x7000, 0xC000 would be 0x5000 ahead; from 0xFFFF it is 0x3FFF behind.
        assertThat(unwrapper.unwrap(0xC000)).isEqualTo(0xC000);
    }

    @Test
    void resetStartsOverFromTheNextValue() {
        unwrapper.unwrap(0xFFFF);
        unwrapper.unwrap(0x0001);
        assertThat(unwrapper).hasToString("SeqNumUnwrapper16{largest=65537}");
        unwrapper.reset();
        assertThat(unwrapper).hasToString("SeqNumUnwrapper16{empty}");
        assertThat(unwrapper.unwrap(0x0005)).isEqualTo(5);
    }

    @Test
    void unwrapsAStreamWithLossAndReorderingToItsTrueNumbers() {
        final Random random = new Random(0x0_16_0L);
        long largest = random.nextInt(0x1_0000);
        assertThat(unwrapper.unwrap((int) largest)).isEqualTo(largest);
        for (int i = 0; i < 300_000; i++) {
            // Mostly a sequential stream with some loss and reordering; sometimes anywhere in the
            // window, up to 32767 either side of the largest number so far.
            final long offset = random.nextInt(100) != 0 ? random.nextInt(40) - 20
                                                       : random.nextInt(2 * 0x7FFF + 1) - 0x7FFF;
            final long truth = largest + offset;
            final int wrapped = (int) Math.floorMod(truth, 0x1_0000L);
            assertThat(unwrapper.unwrap(wrapped)).as("packet %d, %d wrapped to %d", i, truth, wrapped)
                                                 .isEqualTo(truth);
            largest = Math.max(largest, truth);
        }
        assertThat(largest).as("crossed the wrap point many times").isGreaterThan(100 * 0x1_0000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0x1_0000, 70000})
    void rejectsNumbersOutsideSixteenBits(int bad) {
        final String message = "value: " + bad + " (expected: 0..65535)";
        assertThatThrownBy(() -> unwrapper.unwrap(bad)).isInstanceOf(IllegalArgumentException.class)
                                                       .hasMessage(message);
        assertThatThrownBy(() -> unwrapper.peek(bad)).hasMessage(message);
        unwrapper.unwrap(7);
        assertThatThrownBy(() -> unwrapper.unwrap(bad)).hasMessage(message);
        assertThatThrownBy(() -> unwrapper.peek(bad)).hasMessage(message);
        assertThat(unwrapper.unwrap(8)).as("state unchanged").isEqualTo(8);
    }
}
