package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.firstChunkOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SackChunkTest {

    @Test
    void parsesChromiumsSackWithGapAckBlocks() {
        final byte[] chunk = firstChunkOf("page2-03188");

        final SackChunk sack = SackChunk.parse(chunk, 0, chunk.length).orElseThrow();

        assertThat(sack).isEqualTo(new SackChunk(0x428C2256L, 0x477B98L, List.of(
                new SackChunk.GapAckBlock(7, 7), new SackChunk.GapAckBlock(10, 10),
                new SackChunk.GapAckBlock(16, 16), new SackChunk.GapAckBlock(23, 23)), List.of()));
        assertThat(assertChunkRoundTrips(sack, SackChunk::parse)).isEqualTo(chunk);
    }

    @Test
    void parsesChromiumsPlainSack() {
        final byte[] chunk = firstChunkOf("page1-00011");

        assertThat(SackChunk.parse(chunk, 0, chunk.length).orElseThrow())
                .isEqualTo(new SackChunk(0xEFF12CA5L, 0x480000L, List.of(), List.of()));
    }

    @Test
    void roundTripsGapAckBlocksAndDuplicateTsnsAcrossTheTsnWrap() {
        final SackChunk sack = new SackChunk(
                0xFFFF_FFFEL, 1 << 20,
                List.of(new SackChunk.GapAckBlock(2, 3), new SackChunk.GapAckBlock(5, 65535)),
                List.of(0xFFFF_FFFFL, 0L, 0xFFFF_FFFEL));

        final byte[] bytes = assertChunkRoundTrips(sack, SackChunk::parse);

        assertThat(bytes).isEqualTo(hex("03000024 fffffffe 00100000 00020003 00020003 0005ffff"
                                        + "ffffffff 00000000 fffffffe"));
    }

    @Test
    void rejectsALengthThatDisagreesWithTheCounts() {
        assertThat(errorOf(SackChunk.parse(hex("03000014 00000001 00010000 00010001 00020003"), 0, 20)))
                .isEqualTo("SACK chunk: length 20 (expected: 16 + 4 * 1 gap ack blocks + 4 * 1 duplicate TSNs = 24)");
        assertThat(errorOf(SackChunk.parse(hex("03000010 00000001 00010000 ffffffff"), 0, 16)))
                .isEqualTo("SACK chunk: length 16 (expected: 16 + 4 * 65535 gap ack blocks + 4 * 65535 duplicate "
                           + "TSNs = 524296)");
        assertThat(errorOf(SackChunk.parse(hex("0300000c 00000001 00010000"), 0, 12)))
                .isEqualTo("SACK chunk: length 12 (expected: >= 16)");
    }

    @Test
    void refusesOutOfRangeFields() {
        assertThatThrownBy(() -> new SackChunk.GapAckBlock(0, 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("end: 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> new SackChunk(1, 1, List.of(), List.of(1L << 32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicateTsn: 4294967296 (expected: 0..4294967295)");
    }
}
