package dev.remotemedia.rtc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class BigEndianTest {

    @Test
    void writesMostSignificantByteFirstAndReturnsTheNextIndex() {
        final byte[] dst = new byte[12];
        int pos = 1;
        pos = BigEndian.putUint8(dst, pos, 0xFE);
        pos = BigEndian.putUint16(dst, pos, 0xABCD);
        pos = BigEndian.putUint24(dst, pos, 0x12_3456);
        pos = BigEndian.putUint32(dst, pos, 0xDEAD_BEEFL);
        assertThat(pos).isEqualTo(11);
        assertThat(dst).containsExactly(
                0x00,
                0xFE,
                0xAB, 0xCD,
                0x12, 0x34, 0x56,
                0xDE, 0xAD, 0xBE, 0xEF,
                0x00);
    }

    @Test
    void writesTheExtremesOfEachRange() {
        final byte[] dst = new byte[4];
        BigEndian.putUint32(dst, 0, 0xFFFF_FFFFL);
        assertThat(dst).containsOnly(0xFF);
        BigEndian.putUint24(dst, 1, 0);
        assertThat(dst).containsExactly(0xFF, 0, 0, 0);
        BigEndian.putUint16(dst, 0, 0xFFFF);
        BigEndian.putUint8(dst, 3, 0xFF);
        assertThat(dst).containsExactly(0xFF, 0xFF, 0, 0xFF);
    }

    @Test
    void readsUnsignedValuesMostSignificantByteFirst() {
        final byte[] src = {0x00, (byte) 0xFE, (byte) 0xAB, (byte) 0xCD, 0x12, 0x34, 0x56,
                            (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF};
        assertThat(BigEndian.getUint8(src, 1)).isEqualTo(0xFE);
        assertThat(BigEndian.getUint16(src, 2)).isEqualTo(0xABCD);
        assertThat(BigEndian.getUint24(src, 4)).isEqualTo(0x12_3456);
        assertThat(BigEndian.getUint32(src, 7)).isEqualTo(0xDEAD_BEEFL);
        assertThat(BigEndian.getUint32(src, 0)).isEqualTo(0x00FE_ABCDL);
    }

    @Test
    void readsBackWhatItWrote() {
        final Random random = new Random(0xB16_E4D1A4L);
        final byte[] buf = new byte[16];
        for (int i = 0; i < 10_000; i++) {
            final int index = random.nextInt(13);
            final int u8 = random.nextInt(1 << 8);
            final int u16 = random.nextInt(1 << 16);
            final int u24 = random.nextInt(1 << 24);
            final long u32 = random.nextInt() & 0xFFFF_FFFFL;
            BigEndian.putUint8(buf, index, u8);
            assertThat(BigEndian.getUint8(buf, index)).isEqualTo(u8);
            BigEndian.putUint16(buf, index, u16);
            assertThat(BigEndian.getUint16(buf, index)).isEqualTo(u16);
            BigEndian.putUint24(buf, index, u24);
            assertThat(BigEndian.getUint24(buf, index)).isEqualTo(u24);
            BigEndian.putUint32(buf, index, u32);
            assertThat(BigEndian.getUint32(buf, index)).isEqualTo(u32);
        }
    }

    @Test
    void refusesValuesThatDoNotFit() {
        final byte[] dst = new byte[4];
        assertRejects(() -> BigEndian.putUint8(dst, 0, 256), "value: 256 (expected: 0..255)");
        assertRejects(() -> BigEndian.putUint8(dst, 0, -1), "value: -1 (expected: 0..255)");
        assertRejects(() -> BigEndian.putUint16(dst, 0, 70000), "value: 70000 (expected: 0..65535)");
        assertRejects(() -> BigEndian.putUint16(dst, 0, -1), "value: -1 (expected: 0..65535)");
        assertRejects(() -> BigEndian.putUint24(dst, 0, 0x100_0000),
                      "value: 16777216 (expected: 0..16777215)");
        assertRejects(() -> BigEndian.putUint32(dst, 0, 0x1_0000_0000L),
                      "value: 4294967296 (expected: 0..4294967295)");
        assertRejects(() -> BigEndian.putUint32(dst, 0, -1L), "value: -1 (expected: 0..4294967295)");
        assertThat(dst).containsOnly(0);
    }

    @Test
    void refusesToWritePastEitherEndAndWritesNothing() {
        final byte[] dst = new byte[4];
        assertOutOfBounds(() -> BigEndian.putUint8(dst, 4, 1), "index: 4, size: 1");
        assertOutOfBounds(() -> BigEndian.putUint16(dst, 3, 1), "index: 3, size: 2");
        assertOutOfBounds(() -> BigEndian.putUint24(dst, 2, 1), "index: 2, size: 3");
        assertOutOfBounds(() -> BigEndian.putUint32(dst, 1, 1), "index: 1, size: 4");
        assertOutOfBounds(() -> BigEndian.putUint32(dst, -1, 1), "index: -1, size: 4");
        assertOutOfBounds(() -> BigEndian.putUint16(dst, Integer.MAX_VALUE, 1),
                          "index: 2147483647, size: 2");
        assertThat(dst).containsOnly(0);
    }

    @Test
    void refusesToReadPastEitherEnd() {
        final byte[] src = new byte[4];
        assertOutOfBounds(() -> BigEndian.getUint8(src, -1), "index: -1, size: 1");
        assertOutOfBounds(() -> BigEndian.getUint8(src, 4), "index: 4, size: 1");
        assertOutOfBounds(() -> BigEndian.getUint16(src, 3), "index: 3, size: 2");
        assertOutOfBounds(() -> BigEndian.getUint24(src, 2), "index: 2, size: 3");
        assertOutOfBounds(() -> BigEndian.getUint32(src, 1), "index: 1, size: 4");
    }

    @Test
    void refusesANullArray() {
        assertThatThrownBy(() -> BigEndian.getUint16(null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("src");
        assertThatThrownBy(() -> BigEndian.putUint16(null, 0, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
    }

    private static void assertRejects(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static void assertOutOfBounds(ThrowingCallable call, String indexAndSize) {
        assertThatThrownBy(call).isInstanceOf(IndexOutOfBoundsException.class)
                                .hasMessage(indexAndSize
                                            + " (expected: index >= 0 && index + size <= length: 4)");
    }
}
