package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SHUTDOWN, SHUTDOWN ACK and SHUTDOWN COMPLETE. Chromium closes with ABORT, so there is no capture of
 * these: the bytes are hand-assembled from the diagrams of RFC 9260 §3.3.8, §3.3.9 and §3.3.13, and
 * the packet's checksum from Crc32c, which Crc32cTest checks against RFC 3720 and Chromium.
 */
class ShutdownChunksTest {

    @Test
    void writesTheRfcLayouts() {
        assertThat(assertChunkRoundTrips(new ShutdownChunk(0xFFFF_FFFFL), ShutdownChunk::parse))
                .isEqualTo(hex("07000008 ffffffff"));
        assertThat(assertChunkRoundTrips(new ShutdownAckChunk(), ShutdownAckChunk::parse)).isEqualTo(hex("08000004"));
        assertThat(assertChunkRoundTrips(new ShutdownCompleteChunk(false), ShutdownCompleteChunk::parse))
                .isEqualTo(hex("0e000004"));
        assertThat(assertChunkRoundTrips(new ShutdownCompleteChunk(true), ShutdownCompleteChunk::parse))
                .isEqualTo(hex("0e010004"));
    }

    @Test
    void parsesAHandAssembledShutdownPacket() {
        final byte[] packet = new SctpPacket(5000, 5000, 0x55E701A4L, List.of(new ShutdownChunk(0xEFF12CAFL)))
                .toByteArray();

        assertThat(packet).isEqualTo(hex("13881388 55e701a4" + checksumHex(packet) + "07000008 eff12caf"));
        assertThat(SctpPacket.parse(packet, 0, packet.length).orElseThrow().chunks())
                .containsExactly(new ShutdownChunk(0xEFF12CAFL));
    }

    @Test
    void rejectsLengthsOtherThanTheFixedOnes() {
        assertThat(errorOf(ShutdownChunk.parse(hex("0700000c ffffffff 00000000"), 0, 12)))
                .isEqualTo("SHUTDOWN chunk: length 12 (expected: 8)");
        assertThat(errorOf(ShutdownAckChunk.parse(hex("08000008 00000000"), 0, 8)))
                .isEqualTo("SHUTDOWN ACK chunk: length 8 (expected: 4)");
        assertThat(errorOf(ShutdownCompleteChunk.parse(hex("0e000005 00"), 0, 5)))
                .isEqualTo("SHUTDOWN COMPLETE chunk: length 5 (expected: 4)");
    }

    private static String checksumHex(byte[] packet) {
        return String.format("%02x%02x%02x%02x", packet[8], packet[9], packet[10], packet[11]);
    }
}
