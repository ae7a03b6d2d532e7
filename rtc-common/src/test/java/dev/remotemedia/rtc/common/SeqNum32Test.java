package dev.remotemedia.rtc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeqNum32Test {

    private static final SerialNumberReference REFERENCE = new SerialNumberReference(32);

    @ParameterizedTest(name = "{0} is newer than {1}")
    @CsvSource({
        "1,          0",
        "0,          0xFFFFFFFF", // across the wrap point
        "5,          0xFFFFFFF0",
        "0x7FFFFFFF, 0",          // the farthest a newer number can be, short of half
        "0,          0x80000001",
        "0x80000000, 0",          // exactly half: the larger is newer
        "0xFFFFFFFF, 0x7FFFFFFF", // exactly half
    })
    void isNewer(String a, String b) {
        assertThat(SeqNum32.isNewer(parse(a), parse(b))).isTrue();
        assertThat(SeqNum32.isNewer(parse(b), parse(a))).isFalse();
        assertThat(SeqNum32.isNewerOrEqual(parse(a), parse(b))).isTrue();
        assertThat(SeqNum32.isNewerOrEqual(parse(b), parse(a))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL})
    void aNumberIsNotNewerThanItselfButIsNewerOrEqual(long value) {
        assertThat(SeqNum32.isNewer(value, value)).isFalse();
        assertThat(SeqNum32.isNewerOrEqual(value, value)).isTrue();
        assertThat(SeqNum32.compare(value, value)).isZero();
    }

    @Test
    void exactlyOneOfTwoNumbersHalfTheSpaceApartIsNewer() {
        final Random random = new Random(0x5E9_32_0L);
        for (int i = 0; i < 100_000; i++) {
            final long a = random.nextInt() & 0xFFFF_FFFFL;
            final long b = a ^ 0x8000_0000L;
            assertThat(SeqNum32.isNewer(a, b)).as("isNewer(%d, %d)", a, b).isEqualTo(a > b);
            assertThat(SeqNum32.isNewer(b, a)).as("isNewer(%d, %d)", b, a).isEqualTo(b > a);
        }
    }

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({
        "5,          5,          0",
        "0xFFFFFFFF, 0,          1",
        "0,          0xFFFFFFFF, 0xFFFFFFFF",
        "0xFFFFFFF0, 0x00000010, 0x20",
        "0,          0x80000000, 0x80000000",
        "0x80000000, 0,          0x80000000",
    })
    void distanceCountsForwardModulo2To32(String from, String to, String expected) {
        assertThat(SeqNum32.distance(parse(from), parse(to))).isEqualTo(parse(expected));
    }

    @ParameterizedTest(name = "delta({0}, {1}) = {2}")
    @CsvSource({
        "5,          5,           0",
        "0xFFFFFFFF, 0,           1",
        "0,          0xFFFFFFFF, -1",
        "0xFFFFFFF0, 0x00000010,  32",
        "0x00000010, 0xFFFFFFF0, -32",
        "0,          0x7FFFFFFF,  2147483647",
        "0,          0x80000001, -2147483647",
        "0,          0x80000000,  2147483648", // exactly half: 0x80000000 is the newer
        "0x80000000, 0,          -2147483648",
        "0x7FFFFFFF, 0xFFFFFFFF,  2147483648",
        "0xFFFFFFFF, 0x7FFFFFFF, -2147483648",
    })
    void deltaIsSignedByWhichIsNewer(String from, String to, long expected) {
        assertThat(SeqNum32.delta(parse(from), parse(to))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "add({0}, {1}) = {2}")
    @CsvSource({
        "0x12345678, 1,                    0x12345679",
        "0xFFFFFFFF, 1,                    0",
        "0xFFFFFFF0, 0x7FFFFFFF,           0x7FFFFFEF",
        "0,          -1,                   0xFFFFFFFF",
        "0x12345678, 0x100000000,          0x12345678",
        "0x12345678, -9223372036854775808, 0x12345678",
        "1,          9223372036854775807,  0",
    })
    void addWrapsModulo2To32(String value, String n, String expected) {
        assertThat(SeqNum32.add(parse(value), parse(n))).isEqualTo(parse(expected));
    }

    @Test
    void compareSortsAWindowThatSpansTheWrapPoint() {
        final List<Long> values =
                new ArrayList<>(List.of(2L, 0xFFFF_FFFEL, 0L, 0xFFFF_FFFFL, 1L, 0xFFFF_FFF0L));
        values.sort(SeqNum32::compare);
        assertThat(values).containsExactly(0xFFFF_FFF0L, 0xFFFF_FFFEL, 0xFFFF_FFFFL, 0L, 1L, 2L);
    }

    @Test
    void compareIsOnlyNegativeZeroOrPositiveOne() {
        assertThat(SeqNum32.compare(0, 0xFFFF_FFFFL)).isEqualTo(1);
        assertThat(SeqNum32.compare(0xFFFF_FFFFL, 0)).isEqualTo(-1);
        assertThat(SeqNum32.compare(0x8000_0000L, 0)).isEqualTo(1);
        assertThat(SeqNum32.compare(0, 0x8000_0000L)).isEqualTo(-1);
    }

    @Test
    void agreesWithRfc1982WrittenOutInLongArithmetic() {
        final Random random = new Random(0x5E9_32L);
        final BigInteger modulus = BigInteger.valueOf(REFERENCE.modulus());
        for (int i = 0; i < 200_000; i++) {
            final long a = REFERENCE.anyValue(random);
            final long b = REFERENCE.partnerOf(a, random);
            final long n = random.nextBoolean() ? random.nextLong()
                                                : random.nextInt(Integer.MAX_VALUE);
            final String pair = "(" + a + ", " + b + ")";
            final boolean newer = REFERENCE.isNewer(a, b);
            assertThat(SeqNum32.isNewer(a, b)).as("isNewer" + pair).isEqualTo(newer);
            assertThat(SeqNum32.isNewerOrEqual(a, b)).as("isNewerOrEqual" + pair)
                                                     .isEqualTo(newer || a == b);
            assertThat(SeqNum32.compare(a, b)).as("compare" + pair)
                                              .isEqualTo(a == b ? 0 : newer ? 1 : -1);
            assertThat(SeqNum32.distance(a, b)).as("distance" + pair)
                                               .isEqualTo(REFERENCE.distance(a, b));
            assertThat(SeqNum32.delta(a, b)).as("delta" + pair).isEqualTo(REFERENCE.delta(a, b));
            final long sum =
                    BigInteger.valueOf(a).add(BigInteger.valueOf(n)).mod(modulus).longValueExact();
            assertThat(SeqNum32.add(a, n)).as("add(%d, %d)", a, n).isEqualTo(sum);
        }
    }

    @Test
    void addingLessThanHalfTheSpaceGivesANewerNumber() {
        // RFC 1982 §3.1 and §3.2: s + n > s for 0 < n < 2^(SERIAL_BITS - 1).
        final Random random = new Random(0x5E9_32_31L);
        for (int i = 0; i < 50_000; i++) {
            final long value = REFERENCE.anyValue(random);
            final long n = 1 + random.nextInt(Integer.MAX_VALUE);
            assertThat(SeqNum32.isNewer(SeqNum32.add(value, n), value)).as("%d + %d", value, n)
                                                                        .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0x1_0000_0000L, 5_000_000_000L, Long.MIN_VALUE, Long.MAX_VALUE})
    void rejectsNumbersOutsideThirtyTwoBits(long bad) {
        final String expected = ": " + bad + " (expected: 0..4294967295)";
        assertRejects(() -> SeqNum32.isNewer(bad, 0), "a" + expected);
        assertRejects(() -> SeqNum32.isNewer(0, bad), "b" + expected);
        assertRejects(() -> SeqNum32.isNewerOrEqual(bad, bad), "a" + expected);
        assertRejects(() -> SeqNum32.isNewerOrEqual(0, bad), "b" + expected);
        assertRejects(() -> SeqNum32.distance(bad, 0), "from" + expected);
        assertRejects(() -> SeqNum32.distance(0, bad), "to" + expected);
        assertRejects(() -> SeqNum32.delta(bad, 0), "from" + expected);
        assertRejects(() -> SeqNum32.delta(0, bad), "to" + expected);
        assertRejects(() -> SeqNum32.add(bad, 1), "value" + expected);
        assertRejects(() -> SeqNum32.compare(bad, bad), "a" + expected);
        assertRejects(() -> SeqNum32.compare(0, bad), "b" + expected);
    }

    private static void assertRejects(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static long parse(String number) {
        return Long.decode(number.trim());
    }
}
