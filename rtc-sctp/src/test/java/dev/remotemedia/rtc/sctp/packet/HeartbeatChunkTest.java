package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.firstChunkOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HEARTBEAT and HEARTBEAT ACK, which share a layout. */
class HeartbeatChunkTest {

    @Test
    void parsesChromiumsHeartbeatAndItsAck() {
        final byte[] request = firstChunkOf("page2-17397");
        final byte[] ack = firstChunkOf("page2-17398");
        final ByteView info = ByteView.of(hex("0000000000166a0a"));

        assertThat(HeartbeatRequestChunk.parse(request, 0, request.length).orElseThrow())
                .isEqualTo(HeartbeatRequestChunk.of(info));
        assertThat(HeartbeatAckChunk.parse(ack, 0, ack.length).orElseThrow())
                .isEqualTo(HeartbeatAckChunk.of(info));
        assertThat(assertChunkRoundTrips(HeartbeatRequestChunk.of(info), HeartbeatRequestChunk::parse))
                .isEqualTo(request);
        assertThat(assertChunkRoundTrips(HeartbeatAckChunk.of(info), HeartbeatAckChunk::parse)).isEqualTo(ack);
    }

    @Test
    void padsAnInfoOfOddLength() {
        final HeartbeatRequestChunk heartbeat = HeartbeatRequestChunk.of(ByteView.of(new byte[] {1, 2, 3}));

        assertThat(assertChunkRoundTrips(heartbeat, HeartbeatRequestChunk::parse))
                .isEqualTo(hex("0400000b 00010007 01020300"));
    }

    @Test
    void keepsAHeartbeatWithoutInfoForTheAssociationToJudge() {
        final HeartbeatAckChunk ack = HeartbeatAckChunk.parse(hex("05000004"), 0, 4).orElseThrow();

        assertThat(ack.info()).isNull();
        assertThat(ack.parameters()).isEmpty();
        assertChunkRoundTrips(
                new HeartbeatRequestChunk(List.of(new UnknownParameter(0x8005, ByteView.of(new byte[2])))),
                HeartbeatRequestChunk::parse);
    }

    @Test
    void rejectsAnInfoLongerThanTheChunk() {
        assertThat(errorOf(HeartbeatRequestChunk.parse(hex("0400000c 00010010 01020304"), 0, 12)))
                .isEqualTo("HEARTBEAT chunk parameter at offset 0: length 16 (expected: 4..8)");
    }
}
