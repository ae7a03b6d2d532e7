package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownChunkTest {

    @Test
    void keepsAnIDataChunkWholeWithItsFlags() {
        // An I-DATA chunk (RFC 8260 §2.1), which this package does not model.
        final byte[] bytes = hex("40030015 00000001 00010000 00000000 00000033 68000000");
        final byte[] packet = new byte[12 + bytes.length];
        System.arraycopy(bytes, 0, packet, 12, bytes.length);
        Crc32c.writeChecksum(packet, 0, packet.length);

        final List<Chunk> chunks = SctpPacket.parse(packet, 0, packet.length).orElseThrow().chunks();

        assertThat(chunks).containsExactly(
                new UnknownChunk(64, 3, ByteView.of(hex("00000001 00010000 00000000 00000033 68"))));
        assertThat(assertChunkRoundTrips((UnknownChunk) chunks.get(0), UnknownChunk::parse)).isEqualTo(bytes);
    }

    @Test
    void readsWhatTheUpperTwoBitsOfTheTypeAskFor() {
        final UnknownChunk stopSilently = new UnknownChunk(0x3F, 0, ByteView.of(new byte[0]));
        final UnknownChunk stopAndReport = new UnknownChunk(0x40, 0, ByteView.of(new byte[0]));
        final UnknownChunk skipSilently = new UnknownChunk(0x80, 0, ByteView.of(new byte[0]));
        final UnknownChunk skipAndReport = new UnknownChunk(0xC2, 0, ByteView.of(new byte[0]));

        assertThat(stopSilently.stopsProcessing() && !stopSilently.isReported()).isTrue();
        assertThat(stopAndReport.stopsProcessing() && stopAndReport.isReported()).isTrue();
        assertThat(!skipSilently.stopsProcessing() && !skipSilently.isReported()).isTrue();
        assertThat(!skipAndReport.stopsProcessing() && skipAndReport.isReported()).isTrue();
    }

    @Test
    void canBeReportedBackInAnUnrecognizedChunkTypeCause() {
        final UnknownChunk chunk = new UnknownChunk(0xC2, 0, ByteView.of(new byte[] {1, 2}));
        final byte[] bytes = new byte[chunk.serializedSize()];
        chunk.serializeTo(bytes, 0);

        final ErrorChunk error =
                new ErrorChunk(List.of(new UnrecognizedChunkTypeCause(ByteView.of(bytes, 0, chunk.length()))));

        assertThat(assertChunkRoundTrips(error, ErrorChunk::parse))
                .isEqualTo(hex("0900000e 0006000a c2000006 01020000"));
    }
}
