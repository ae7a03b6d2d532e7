package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The CRC32c (Castagnoli) checksum of an SCTP packet, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.8">RFC 9260 §6.8</a> (first defined in <a
 * href="https://www.rfc-editor.org/rfc/rfc3309">RFC 3309</a>). The arithmetic is the JDK's {@link
 * CRC32C}, which the JIT turns into the CPU's CRC instructions; this class holds the two SCTP rules
 * around it, so no other class needs to know them:
 *
 * <ul>
 *   <li>the checksum covers the whole packet with its own 4-byte field (bytes 8..11 of the common
 *       header) taken as zero;
 *   <li>the field holds the CRC value least significant byte first. RFC 9260's reference code
 *       byte-swaps the CRC and then stores it in network byte order, which amounts to this. Packets
 *       captured from Chromium confirm it (see {@code Crc32cTest}).
 * </ul>
 */
public final class Crc32c {

    /** Where the checksum field starts in the common header. */
    public static final int CHECKSUM_OFFSET = 8;

    private static final int COMMON_HEADER_SIZE = 12;
    private static final byte[] ZERO_CHECKSUM = new byte[4];

    private Crc32c() {}

    /**
     * Returns the CRC32c of {@code buf[off .. off + len)} as {@code 0..4294967295}, as RFC 3720
     * §B.4 defines it (its test vectors hold for this value).
     */
    public static long compute(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, requireNonNull(buf, "buf").length);
        final CRC32C crc = new CRC32C();
        crc.update(buf, off, len);
        return crc.getValue();
    }

    /**
     * Returns the checksum of the SCTP packet in {@code packet[off .. off + len)}: its CRC32c with
     * the checksum field taken as zero, whatever the field holds. Does not modify the array.
     *
     * @throws IllegalArgumentException if {@code len} is shorter than the 12-byte common header
     */
    public static long computePacketChecksum(byte[] packet, int off, int len) {
        Objects.checkFromIndexSize(off, len, requireNonNull(packet, "packet").length);
        checkHeader(len);
        final CRC32C crc = new CRC32C();
        crc.update(packet, off, CHECKSUM_OFFSET);
        crc.update(ZERO_CHECKSUM, 0, ZERO_CHECKSUM.length);
        crc.update(packet, off + COMMON_HEADER_SIZE, len - COMMON_HEADER_SIZE);
        return crc.getValue();
    }

    /** Returns the value in the checksum field of the packet at {@code packet[off]}. */
    public static long readChecksum(byte[] packet, int off) {
        Objects.checkFromIndexSize(off, COMMON_HEADER_SIZE, requireNonNull(packet, "packet").length);
        final int at = off + CHECKSUM_OFFSET;
        return (packet[at] & 0xFFL)
               | (packet[at + 1] & 0xFFL) << 8
               | (packet[at + 2] & 0xFFL) << 16
               | (packet[at + 3] & 0xFFL) << 24;
    }

    /** Computes the checksum of the packet in {@code packet[off .. off + len)} and stores it. */
    public static void writeChecksum(byte[] packet, int off, int len) {
        final long checksum = computePacketChecksum(packet, off, len);
        final int at = off + CHECKSUM_OFFSET;
        packet[at] = (byte) checksum;
        packet[at + 1] = (byte) (checksum >>> 8);
        packet[at + 2] = (byte) (checksum >>> 16);
        packet[at + 3] = (byte) (checksum >>> 24);
    }

    /** Returns whether the packet's checksum field holds its checksum. */
    public static boolean isValid(byte[] packet, int off, int len) {
        return computePacketChecksum(packet, off, len) == readChecksum(packet, off);
    }

    private static void checkHeader(int len) {
        if (len < COMMON_HEADER_SIZE) {
            throw new IllegalArgumentException(
                    "len: " + len + " (expected: >= " + COMMON_HEADER_SIZE + ", the common header)");
        }
    }
}
