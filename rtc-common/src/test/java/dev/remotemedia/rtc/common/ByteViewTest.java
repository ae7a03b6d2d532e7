package dev.remotemedia.rtc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteViewTest {

    /** Every byte distinct; the last four have the sign bit set. */
    private static final byte[] BYTES = {
        0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
    };

    @Test
    void viewsAWholeArray() {
        final ByteView view = ByteView.of(BYTES);
        assertThat(view.length()).isEqualTo(8);
        assertThat(view.isEmpty()).isFalse();
        assertThat(view.copyToArray()).containsExactly(BYTES);
        assertThat(view.array()).isSameAs(BYTES);
        assertThat(view.arrayOffset()).isZero();
    }

    @Test
    void viewsPartOfAnArrayWithoutCopyingIt() {
        final ByteView view = ByteView.of(BYTES, 2, 4);
        assertThat(view.length()).isEqualTo(4);
        assertThat(view.copyToArray()).containsExactly(0x45, 0x67, 0x89, 0xAB);
        assertThat(view.array()).isSameAs(BYTES);
        assertThat(view.arrayOffset()).isEqualTo(2);
    }

    @Test
    void anEmptyViewIsEmpty() {
        final ByteView view = ByteView.of(BYTES, 8, 0);
        assertThat(view.length()).isZero();
        assertThat(view.isEmpty()).isTrue();
        assertThat(view.copyToArray()).isEmpty();
        assertThat(ByteView.of(new byte[0]).isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "of(byte[8], {0}, {1})")
    @CsvSource({"-1, 0", "0, -1", "0, 9", "8, 1", "9, 0", "1, 2147483647", "2147483647, 1"})
    void refusesARangeOutsideTheArray(int offset, int length) {
        assertThatThrownBy(() -> ByteView.of(BYTES, offset, length))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset: " + offset + ", length: " + length + " (expected: offset >= 0"
                            + " && length >= 0 && offset + length <= array.length: 8)");
    }

    @Test
    void refusesANullArray() {
        assertThatThrownBy(() -> ByteView.of(null)).isInstanceOf(NullPointerException.class)
                                                   .hasMessage("array");
        assertThatThrownBy(() -> ByteView.of(null, 0, 0)).isInstanceOf(NullPointerException.class)
                                                         .hasMessage("array");
    }

    @Test
    void readsUnsignedBigEndianValues() {
        final ByteView view = ByteView.of(BYTES);
        assertThat(view.getUint8(0)).isEqualTo(0x01);
        assertThat(view.getUint8(7)).isEqualTo(0xEF);
        assertThat(view.getUint16(0)).isEqualTo(0x0123);
        assertThat(view.getUint16(6)).isEqualTo(0xCDEF);
        assertThat(view.getUint24(1)).isEqualTo(0x23_4567);
        assertThat(view.getUint24(5)).isEqualTo(0xAB_CDEF);
        assertThat(view.getUint32(0)).isEqualTo(0x0123_4567L);
        assertThat(view.getUint32(4)).isEqualTo(0x89AB_CDEFL);
    }

    @Test
    void readsTheLargestValuesWithoutSignExtension() {
        final ByteView view = ByteView.of(new byte[] {-1, -1, -1, -1});
        assertThat(view.getUint8(0)).isEqualTo(255);
        assertThat(view.getUint16(0)).isEqualTo(65_535);
        assertThat(view.getUint24(0)).isEqualTo(16_777_215);
        assertThat(view.getUint32(0)).isEqualTo(4_294_967_295L);
    }

    @Test
    void readsAtIndexesRelativeToTheView() {
        final ByteView view = ByteView.of(BYTES, 3, 5);
        assertThat(view.getUint8(0)).isEqualTo(0x67);
        assertThat(view.getUint16(1)).isEqualTo(0x89AB);
        assertThat(view.getUint24(2)).isEqualTo(0xAB_CDEF);
        assertThat(view.getUint32(0)).isEqualTo(0x6789_ABCDL);
    }

    @ParameterizedTest(name = "getUint{1}({0}) of a 4-byte view")
    @CsvSource({
        "-1, 8", "4, 8",
        "-1, 16", "3, 16",
        "-1, 24", "2, 24",
        "-1, 32", "1, 32", "-2147483648, 32", "2147483647, 32",
    })
    void refusesToReadPastEitherEndOfTheViewEvenWhereTheArrayGoesOn(int index, int bits) {
        final ByteView view = ByteView.of(BYTES, 2, 4);
        assertThatThrownBy(() -> {
            switch (bits) {
                case 8: view.getUint8(index); break;
                case 16: view.getUint16(index); break;
                case 24: view.getUint24(index); break;
                default: view.getUint32(index);
            }
        }).isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage("index: " + index + ", size: " + bits / 8
                      + " (expected: index >= 0 && index + size <= length: 4)");
    }

    @Test
    void sliceSharesTheArrayAndReadsRelativeToItself() {
        final ByteView slice = ByteView.of(BYTES).slice(2, 4);
        assertThat(slice.array()).isSameAs(BYTES);
        assertThat(slice.arrayOffset()).isEqualTo(2);
        assertThat(slice.length()).isEqualTo(4);
        assertThat(slice.getUint16(0)).isEqualTo(0x4567);

        final ByteView sliceOfSlice = slice.slice(1, 2);
        assertThat(sliceOfSlice.arrayOffset()).isEqualTo(3);
        assertThat(sliceOfSlice.getUint16(0)).isEqualTo(0x6789);
        assertThat(slice.slice(4, 0).isEmpty()).isTrue();
        assertThat(slice.slice(0, 4)).isEqualTo(slice);
    }

    @ParameterizedTest(name = "slice({0}, {1}) of a 4-byte view")
    @CsvSource({"-1, 1", "0, -1", "0, 5", "3, 2", "5, 0", "1, 2147483647"})
    void refusesASliceOutsideTheView(int offset, int length) {
        final ByteView view = ByteView.of(BYTES, 2, 4);
        assertThatThrownBy(() -> view.slice(offset, length))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset: " + offset + ", length: " + length + " (expected: offset >= 0"
                            + " && length >= 0 && offset + length <= length(): 4)");
    }

    @Test
    void copyToArrayReturnsAnIndependentCopy() {
        final byte[] array = BYTES.clone();
        final ByteView view = ByteView.of(array, 1, 3);
        final byte[] copy = view.copyToArray();
        assertThat(copy).containsExactly(0x23, 0x45, 0x67);
        copy[0] = 0;
        assertThat(view.getUint8(0)).isEqualTo(0x23);
        assertThat(array[1]).isEqualTo((byte) 0x23);
    }

    @Test
    void copyToWritesAtTheOffsetAndReturnsWhereTheNextWriteGoes() {
        final byte[] dst = new byte[6];
        assertThat(ByteView.of(BYTES, 4, 3).copyTo(dst, 2)).isEqualTo(5);
        assertThat(dst).containsExactly(0, 0, 0x89, 0xAB, 0xCD, 0);
        assertThat(ByteView.of(BYTES, 0, 0).copyTo(dst, 6)).isEqualTo(6);
    }

    @Test
    void copyToRefusesADestinationTooSmallAndWritesNothing() {
        final byte[] dst = new byte[4];
        assertThatThrownBy(() -> ByteView.of(BYTES, 0, 3).copyTo(dst, 2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index: 2, size: 3 (expected: index >= 0 && index + size <= length: 4)");
        assertThatThrownBy(() -> ByteView.of(BYTES, 0, 1).copyTo(dst, -1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ByteView.of(BYTES).copyTo(null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
        assertThat(dst).containsOnly(0);
    }

    @Test
    void viewsWithTheSameBytesAreEqualWhateverTheirArrays() {
        final byte[] padded = new byte[12];
        System.arraycopy(BYTES, 2, padded, 7, 4);
        final ByteView a = ByteView.of(BYTES, 2, 4);
        final ByteView b = ByteView.of(padded, 7, 4);
        assertThat(a).isEqualTo(b);
        assertThat(b).isEqualTo(a);
        assertThat(a).hasSameHashCodeAs(b);
        assertThat(ByteView.of(BYTES, 0, 0)).isEqualTo(ByteView.of(padded, 12, 0));
    }

    @Test
    void viewsWithDifferentBytesOrLengthsAreNotEqual() {
        final ByteView view = ByteView.of(BYTES, 2, 4);
        assertThat(view).isNotEqualTo(ByteView.of(BYTES, 3, 4));
        assertThat(view).isNotEqualTo(ByteView.of(BYTES, 2, 3));
        assertThat(view).isNotEqualTo(ByteView.of(BYTES, 2, 5));
        assertThat(view).isNotEqualTo(view.copyToArray());
        assertThat(view).isNotEqualTo(null);
    }

    @Test
    void hashCodeIsTheArraysHashCodeOfTheContent() {
        assertThat(ByteView.of(BYTES, 1, 6).hashCode())
                .isEqualTo(Arrays.hashCode(Arrays.copyOfRange(BYTES, 1, 7)));
        assertThat(ByteView.of(BYTES, 1, 0).hashCode()).isEqualTo(Arrays.hashCode(new byte[0]));
    }

    @Test
    void toHexStringShowsTheBytesInLowercasePairs() {
        assertThat(ByteView.of(BYTES, 5, 3).toHexString()).isEqualTo("ab cd ef");
        assertThat(ByteView.of(BYTES, 0, 0).toHexString()).isEmpty();
        assertThat(ByteView.of(BYTES, 0, 2)).hasToString("ByteView[2 bytes: 01 23]");
    }

    @Test
    void toHexStringShowsAtMost128Bytes() {
        final byte[] big = new byte[300];
        Arrays.fill(big, (byte) 0x5A);
        big[128] = 0x11; // the first byte not shown
        assertThat(ByteView.of(big, 0, 128).toHexString()).isEqualTo("5a ".repeat(127) + "5a");
        assertThat(ByteView.of(big, 0, 129).toHexString())
                .isEqualTo("5a ".repeat(127) + "5a ... (129 bytes)");
        assertThat(ByteView.of(big).toHexString())
                .hasSize(128 * 3 - 1 + " ... (300 bytes)".length())
                .endsWith("5a ... (300 bytes)")
                .doesNotContain("11");
    }
}
