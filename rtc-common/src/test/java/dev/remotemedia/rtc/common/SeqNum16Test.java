package dev.remotemedia.rtc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeqNum16Test {

    private static final SerialNumberReference REFERENCE = new SerialNumberReference(16);

    @ParameterizedTest(name = "{0} is newer than {1}")
    @CsvSource({
        "1,      0",
        "0,      0xFFFF", // across the wrap point
        "5,      0xFFF0",
        "0x7FFF, 0",      // the farthest a newer number can be, short of half
        "0,      0x8001",
        "0x8000, 0",      // exactly half: the larger is newer
        "0xFFFF, 0x7FFF", // exactly half
    })
    void isNewer(String a, String b) {
        assertThat(SeqNum16.isNewer(parse(a), parse(b))).isTrue();
        assertThat(SeqNum16.isNewer(parse(b), parse(a))).isFalse();
        assertThat(SeqNum16.isNewerOrEqual(parse(a), parse(b))).isTrue();
        assertThat(SeqNum16.isNewerOrEqual(parse(b), parse(a))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 0x7FFF, 0x8000, 0xFFFF})
    void aNumberIsNotNewerThanItselfButIsNewerOrEqual(int value) {
        assertThat(SeqNum16.isNewer(value, value)).isFalse();
        assertThat(SeqNum16.isNewerOrEqual(value, value)).isTrue();
        assertThat(SeqNum16.compare(value, value)).isZero();
    }

    @Test
    void exactlyOneOfTwoNumbersHalfTheSpaceApartIsNewer() {
        for (int a = 0; a <= SeqNum16.MAX_VALUE; a++) {
            final int b = a ^ 0x8000;
            assertThat(SeqNum16.isNewer(a, b)).as("isNewer(%d, %d)", a, b).isEqualTo(a > b);
            assertThat(SeqNum16.isNewer(b, a)).as("isNewer(%d, %d)", b, a).isEqualTo(b > a);
        }
    }

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({
        "5,      5,      0",
        "0xFFFF, 0,      1",
        "0,      0xFFFF, 0xFFFF",
        "0xFFF0, 0x0010, 0x20",
        "0,      0x8000, 0x8000",
        "0x8000, 0,      0x8000",
    })
    void distanceCountsForwardModulo2To16(String from, String to, String expected) {
        assertThat(SeqNum16.distance(parse(from), parse(to))).isEqualTo(parse(expected));
    }

    @ParameterizedTest(name = "delta({0}, {1}) = {2}")
    @CsvSource({
        "5,      5,       0",
        "0xFFFF, 0,       1",
        "0,      0xFFFF, -1",
        "0xFFF0, 0x0010,  32",
        "0x0010, 0xFFF0, -32",
        "0,      0x7FFF,  32767",
        "0,      0x8001, -32767",
        "0,      0x8000,  32768", // exactly half: 0x8000 is the newer
        "0x8000, 0,      -32768",
        "0x7FFF, 0xFFFF,  32768",
        "0xFFFF, 0x7FFF, -32768",
    })
    void deltaIsSignedByWhichIsNewer(String from, String to, int expected) {
        assertThat(SeqNum16.delta(parse(from), parse(to))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "add({0}, {1}) = {2}")
    @CsvSource({
        "0x1234, 1,       0x1235",
        "0xFFFF, 1,       0",
        "0xFFF0, 0x7FFF,  0x7FEF",
        "0,      -1,      0xFFFF",
        "0x1234, 0x10000, 0x1234",
        "0x1234, -2147483648, 0x1234",
        "0xFFFF, 2147483647,  0xFFFE",
    })
    void addWrapsModulo2To16(String value, String n, String expected) {
        assertThat(SeqNum16.add(parse(value), parse(n))).isEqualTo(parse(expected));
    }

    @Test
    void compareSortsAWindowThatSpansTheWrapPoint() {
        final List<Integer> values = new ArrayList<>(List.of(2, 0xFFFE, 0, 0xFFFF, 1, 0xFFF0));
        values.sort(SeqNum16::compare);
        assertThat(values).containsExactly(0xFFF0, 0xFFFE, 0xFFFF, 0, 1, 2);
    }

    @Test
    void compareIsOnlyNegativeZeroOrPositiveOne() {
        assertThat(SeqNum16.compare(0, 0xFFFF)).isEqualTo(1);
        assertThat(SeqNum16.compare(0xFFFF, 0)).isEqualTo(-1);
        assertThat(SeqNum16.compare(0x8000, 0)).isEqualTo(1);
        assertThat(SeqNum16.compare(0, 0x8000)).isEqualTo(-1);
    }

    @Test
    void agreesWithRfc1982WrittenOutInLongArithmetic() {
        final Random random = new Random(0x5E9_16L);
        for (int i = 0; i < 200_000; i++) {
            final int a = (int) REFERENCE.anyValue(random);
            final int b = (int) REFERENCE.partnerOf(a, random);
            final int n = random.nextBoolean() ? random.nextInt() : random.nextInt(0x8000);
            final String pair = "(" + a + ", " + b + ")";
            final boolean newer = REFERENCE.isNewer(a, b);
            assertThat(SeqNum16.isNewer(a, b)).as("isNewer" + pair).isEqualTo(newer);
            assertThat(SeqNum16.isNewerOrEqual(a, b)).as("isNewerOrEqual" + pair)
                                                     .isEqualTo(newer || a == b);
            assertThat(SeqNum16.compare(a, b)).as("compare" + pair)
                                              .isEqualTo(a == b ? 0 : newer ? 1 : -1);
            assertThat(SeqNum16.distance(a, b)).as("distance" + pair)
                                               .isEqualTo(REFERENCE.distance(a, b));
            assertThat(SeqNum16.delta(a, b)).as("delta" + pair).isEqualTo(REFERENCE.delta(a, b));
            assertThat(SeqNum16.add(a, n)).as("add(%d, %d)", a, n)
                                          .isEqualTo(Math.floorMod((long) a + n, REFERENCE.modulus()));
        }
    }

    @Test
    void addingLessThanHalfTheSpaceGivesANewerNumber() {
        // RFC 1982 §3.1 and §3.2: s + n > s for 0 < n < 2^(SERIAL_BITS - 1).
        final Random random = new Random(0x5E9_16_31L);
        for (int i = 0; i < 50_000; i++) {
            final int value = (int) REFERENCE.anyValue(random);
            final int n = 1 + random.nextInt(0x7FFF);
            assertThat(SeqNum16.isNewer(SeqNum16.add(value, n), value)).as("%d + %d", value, n)
                                                                        .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0x10000, 70000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void rejectsNumbersOutsideSixteenBits(int bad) {
        final String expected = ": " + bad + " (expected: 0..65535)";
        assertRejects(() -> SeqNum16.isNewer(bad, 0), "a" + expected);
        assertRejects(() -> SeqNum16.isNewer(0, bad), "b" + expected);
        assertRejects(() -> SeqNum16.isNewerOrEqual(bad, bad), "a" + expected);
        assertRejects(() -> SeqNum16.isNewerOrEqual(0, bad), "b" + expected);
        assertRejects(() -> SeqNum16.distance(bad, 0), "from" + expected);
        assertRejects(() -> SeqNum16.distance(0, bad), "to" + expected);
        assertRejects(() -> SeqNum16.delta(bad, 0), "from" + expected);
        assertRejects(() -> SeqNum16.delta(0, bad), "to" + expected);
        assertRejects(() -> SeqNum16.add(bad, 1), "value" + expected);
        assertRejects(() -> SeqNum16.compare(bad, bad), "a" + expected);
        assertRejects(() -> SeqNum16.compare(0, bad), "b" + expected);
    }

    private static void assertRejects(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static int parse(String number) {
        return Integer.decode(number.trim());
    }
}
