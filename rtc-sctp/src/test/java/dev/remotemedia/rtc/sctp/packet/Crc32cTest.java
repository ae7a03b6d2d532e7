package dev.remotemedia.rtc.sctp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    @Test
    void matchesTheRfc3720TestVectors() {
        // RFC 3720 §B.4 lists each CRC as the bytes sent (least significant first); these are the values.
        final byte[] zeros = new byte[32];
        final byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xFF);
        final byte[] incrementing = new byte[32];
        final byte[] decrementing = new byte[32];
        for (int i = 0; i < 32; i++) {
            incrementing[i] = (byte) i;
            decrementing[i] = (byte) (31 - i);
        }
        final byte[] scsiRead = ChromiumPackets.hex(
                "01c00000 00000000 00000000 00000000 14000000 00000400 00000014 00000018"
                + "28000000 00000000 02000000 00000000");

        assertThat(Crc32c.compute(zeros, 0, 32)).isEqualTo(0x8A9136AAL);
        assertThat(Crc32c.compute(ones, 0, 32)).isEqualTo(0x62A8AB43L);
        assertThat(Crc32c.compute(incrementing, 0, 32)).isEqualTo(0x46DD794EL);
        assertThat(Crc32c.compute(decrementing, 0, 32)).isEqualTo(0x113FDB5CL);
        assertThat(Crc32c.compute(scsiRead, 0, scsiRead.length)).isEqualTo(0xD9963A56L);
    }

    @Test
    void matchesTheCatalogueCheckValue() {
        final byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);

        assertThat(Crc32c.compute(digits, 0, digits.length)).isEqualTo(0xE3069283L);
    }

    @Test
    void agreesWithABitwiseReflectedCastagnoliCrcOnRandomInput() {
        final Random random = new Random(3309);
        for (int i = 0; i < 200; i++) {
            final byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            final int off = data.length == 0 ? 0 : random.nextInt(data.length);
            final int len = data.length - off;

            assertThat(Crc32c.compute(data, off, len)).isEqualTo(bitwiseCrc32c(data, off, len));
        }
    }

    @Test
    void storesTheChecksumLeastSignificantByteFirstAsChromiumDoes() {
        // Chromium's INIT: checksum field 6d 19 d6 57.
        final byte[] init = ChromiumPackets.get("page1-00000");

        assertThat(Crc32c.readChecksum(init, 0)).isEqualTo(0x57D6196DL);
        assertThat(Crc32c.computePacketChecksum(init, 0, init.length)).isEqualTo(0x57D6196DL);
        assertThat(Crc32c.isValid(init, 0, init.length)).isTrue();
    }

    @Test
    void computesOverThePacketWithTheChecksumFieldAsZeroWithoutChangingIt() {
        final byte[] init = ChromiumPackets.get("page1-00000");
        final byte[] zeroed = init.clone();
        Arrays.fill(zeroed, 8, 12, (byte) 0);

        assertThat(Crc32c.computePacketChecksum(init, 0, init.length))
                .isEqualTo(bitwiseCrc32c(zeroed, 0, zeroed.length));
        assertThat(init).isEqualTo(ChromiumPackets.get("page1-00000"));
    }

    @Test
    void writesAChecksumThatVerifiesAtAnOffset() {
        final byte[] buf = new byte[100];
        final byte[] init = ChromiumPackets.get("page1-00000");
        System.arraycopy(init, 0, buf, 7, init.length);
        Arrays.fill(buf, 15, 19, (byte) 0x5A);

        Crc32c.writeChecksum(buf, 7, init.length);

        assertThat(Arrays.copyOfRange(buf, 7, 7 + init.length)).isEqualTo(init);
        assertThat(Crc32c.isValid(buf, 7, init.length)).isTrue();
    }

    @Test
    void detectsASingleFlippedBit() {
        final byte[] init = ChromiumPackets.get("page1-00000");
        init[30] ^= 0x10;

        assertThat(Crc32c.isValid(init, 0, init.length)).isFalse();
    }

    @Test
    void refusesAPacketShorterThanTheCommonHeader() {
        assertThatThrownBy(() -> Crc32c.computePacketChecksum(new byte[11], 0, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("len: 11 (expected: >= 12, the common header)");
    }

    /** CRC-32C one bit at a time: reflected polynomial 0x82F63B78, initial and final XOR ~0. */
    private static long bitwiseCrc32c(byte[] data, int off, int len) {
        int crc = 0xFFFF_FFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? crc >>> 1 ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc & 0xFFFF_FFFFL;
    }
}
