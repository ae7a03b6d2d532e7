package dev.remotemedia.rtc.rtp.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every packetizer at the edges of its payload size: the smallest it takes, and no limit at all. */
class PacketizerLimitsTest {

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void anUnlimitedPayloadSizeSendsEachFrameWhole(TestStreams codec) {
        final Random random = new Random(1);
        final VideoPacketizer packetizer = codec.newPacketizer();
        final byte[] frame = codec.frame(true, 200_000, random);
        final List<byte[]> payloads = packetizer.packetize(frame, Integer.MAX_VALUE);
        assertThat(codec.depacketizer().assemble(Hex.views(payloads), 1 << 20).orElseThrow().length)
                .isGreaterThanOrEqualTo(200_000);
        // H264 sends SPS, PPS and IDR slice: the slice is too large for a STAP-A's size field.
        assertThat(payloads).hasSize(codec == TestStreams.H264 ? 2 : 1);
    }

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void aHugeFrameRoundTripsAtAnOrdinaryPayloadSize(TestStreams codec) {
        final Random random = new Random(3);
        final VideoPacketizer packetizer = codec.newPacketizer();
        final byte[] frame = codec.frame(true, 2_000_000, random);
        final List<byte[]> payloads = packetizer.packetize(frame, 1200);
        assertThat(payloads).hasSizeGreaterThan(1600).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(1200));
        final byte[] back = codec.depacketizer().assemble(Hex.views(payloads), 4 << 20).orElseThrow();
        assertThat(back.length).isGreaterThanOrEqualTo(2_000_000);
        assertThat(codec.depacketizer().assemble(Hex.views(payloads), 1_000_000).errorOrNull()).contains("larger than");
    }

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void aPayloadSizeTooSmallForTheHeadersIsRefused(TestStreams codec) {
        final byte[] frame = codec.frame(true, 10, new Random(2));
        assertThatThrownBy(() -> codec.newPacketizer().packetize(frame, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadSize: 2");
    }
}
