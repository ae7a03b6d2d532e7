package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.assertRoundTrips;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.errorOf;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import org.junit.jupiter.api.Test;

class RembTest {

    /**
     * Chromium's REMB while receiving a 6 Mb/s stream: 139487 × 2^6 = 8927168 b/s for one SSRC.
     * From Pion's rtcp receiver_estimated_maximum_bitrate_test.go ("Real data sent by Chrome").
     */
    private static final byte[] CHROMIUM_REMB = hex("8fce0005 00000001 00000000 52454d42 011a20df 4874ed16");

    @Test
    void parsesChromiumsEstimate() {
        final Remb remb = Remb.parse(CHROMIUM_REMB, 0, CHROMIUM_REMB.length).orElseThrow();

        assertThat(remb).isEqualTo(new Remb(1, 8_927_168, List.of(1215622422L)));
        assertThat(assertRoundTrips(remb, Remb::parse)).isEqualTo(CHROMIUM_REMB);
        assertThat(RtcpCompound.parse(CHROMIUM_REMB, 0, CHROMIUM_REMB.length).orElseThrow()).containsExactly(remb);
    }

    @Test
    void roundsTheBitrateDownToWhatTheMantissaHolds() {
        assertThat(new Remb(1, 8_927_167, List.of()).bitrateBps()).isEqualTo(8_927_104);
        assertThat(new Remb(1, (1 << 18) - 1, List.of()).bitrateBps()).isEqualTo((1 << 18) - 1);
        assertThat(new Remb(1, Long.MAX_VALUE, List.of()).bitrateBps()).isEqualTo(Remb.MAX_BITRATE_BPS);
        assertThat(new Remb(1, 0, List.of()).toByteArray())
                .isEqualTo(hex("8fce0004 00000001 00000000 52454d42 00000000"));
        assertRoundTrips(new Remb(0xFFFF_FFFFL, Remb.MAX_BITRATE_BPS, List.of(1L, 2L, 3L)), Remb::parse);
    }

    @Test
    void readsAnExponentPastALongAsTheLargestBitrate() {
        // Exponent 63, mantissa 0x3FFFF: far more than 2^63 b/s.
        final byte[] bytes = hex("8fce0004 00000000 00000000 52454d42 00ffffff");

        assertThat(Remb.parse(bytes, 0, bytes.length).orElseThrow().bitrateBps()).isEqualTo(Remb.MAX_BITRATE_BPS);
    }

    @Test
    void otherApplicationLayerFeedbackIsNotRemb() {
        final byte[] bytes = hex("8fce0003 00000001 00000000 474f4f47");

        assertThat(RtcpCompound.parse(bytes, 0, bytes.length).orElseThrow())
                .containsExactly(new UnknownRtcp(RtcpPacket.TYPE_PSFB, 15,
                                                 ByteView.of(hex("00000001 00000000 474f4f47"))));
        assertThat(errorOf(Remb.parse(bytes, 0, bytes.length)))
                .isEqualTo("RTCP REMB: 16 bytes (expected: >= 20)");
        assertThat(errorOf(Remb.parse(hex("8fce0004 00000001 00000000 474f4f47 00000000"), 0, 20)))
                .isEqualTo("RTCP REMB: identifier 0x474f4f47 (expected: 'REMB')");
        assertThat(errorOf(Remb.parse(hex("8fce0004 00000001 00000000 52454d42 02000000"), 0, 20)))
                .isEqualTo("RTCP REMB with 2 SSRCs: 20 bytes (expected: >= 28)");
    }
}
