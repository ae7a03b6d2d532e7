package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.firstChunkOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardTsnChunkTest {

    @Test
    void parsesChromiumsForwardTsn() {
        final byte[] chunk = firstChunkOf("page2-04253");

        final ForwardTsnChunk forwardTsn = ForwardTsnChunk.parse(chunk, 0, chunk.length).orElseThrow();

        assertThat(forwardTsn)
                .isEqualTo(new ForwardTsnChunk(0x428C2272L, List.of(new ForwardTsnChunk.SkippedStream(1, 32))));
        assertThat(assertChunkRoundTrips(forwardTsn, ForwardTsnChunk::parse)).isEqualTo(chunk);
    }

    @Test
    void roundTripsAnyNumberOfStreamsAcrossTheTsnWrap() {
        assertThat(assertChunkRoundTrips(new ForwardTsnChunk(0, List.of()), ForwardTsnChunk::parse))
                .isEqualTo(hex("c0000008 00000000"));
        assertThat(assertChunkRoundTrips(new ForwardTsnChunk(0xFFFF_FFFFL, List.of(
                new ForwardTsnChunk.SkippedStream(0, 65535), new ForwardTsnChunk.SkippedStream(65535, 0))),
                ForwardTsnChunk::parse))
                .isEqualTo(hex("c0000010 ffffffff 0000ffff ffff0000"));
    }

    @Test
    void rejectsAPartialStreamEntry() {
        assertThat(errorOf(ForwardTsnChunk.parse(hex("c000000a 00000001 0001"), 0, 10)))
                .isEqualTo("FORWARD TSN chunk: length 10 (expected: 8 + 4 * streams)");
    }
}
