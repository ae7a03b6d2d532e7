package dev.remotemedia.rtc.rtp;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutations for the fuzz tests: each aims at a kind of field a parser trusts. Public so the
 * rtcp fuzz test shares it.
 */
public final class Mutator {

    private Mutator() {}

    /** Returns {@code bytes} (possibly changed in place) or a new array, mutated once. */
    public static byte[] mutate(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        final int at = random.nextInt(bytes.length);
        switch (random.nextInt(8)) {
            case 0: // flip a bit
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                return bytes;
            case 1: // set a byte
                bytes[at] = (byte) random.nextInt();
                return bytes;
            case 2: // write a small 16-bit value, often hitting a length or count field
                if (at + 1 < bytes.length) {
                    final int value = random.nextInt(bytes.length / 4 + 8);
                    bytes[at] = (byte) (value >>> 8);
                    bytes[at + 1] = (byte) value;
                }
                return bytes;
            case 3: // truncate
                return Arrays.copyOf(bytes, at);
            case 4: // append random bytes
                final byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(8));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                return longer;
            case 5: // cut a slice out
                final int cut = Math.min(bytes.length - at, 1 + random.nextInt(8));
                final byte[] shorter = new byte[bytes.length - cut];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + cut, shorter, at, bytes.length - at - cut);
                return shorter;
            case 6: // set the padding bit and a padding count at the end
                bytes[0] |= 0x20;
                bytes[bytes.length - 1] = (byte) random.nextInt(bytes.length + 2);
                return bytes;
            default: // set a 0xFF run, the largest lengths and counts
                Arrays.fill(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(4)), (byte) 0xFF);
                return bytes;
        }
    }
}
