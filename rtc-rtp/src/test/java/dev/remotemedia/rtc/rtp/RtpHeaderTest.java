package dev.remotemedia.rtc.rtp;

import static dev.remotemedia.rtc.rtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpHeaderTest {

    @Test
    void tellsRtcpFromRtpOnAMuxedPort() {
        for (int packetType = 192; packetType <= 223; packetType++) {
            assertThat(RtpHeader.isRtcp(new byte[] {(byte) 0x80, (byte) packetType}, 0, 2))
                    .as("PT %d", packetType).isTrue();
        }
        // Opus (111) with and without the marker bit, VP8 (96) with it: RTP.
        assertThat(RtpHeader.isRtcp(hex("806f"), 0, 2)).isFalse();
        assertThat(RtpHeader.isRtcp(hex("80ef"), 0, 2)).isFalse();
        assertThat(RtpHeader.isRtcp(hex("80e0"), 0, 2)).isFalse();
        assertThat(RtpHeader.isRtcp(hex("80bf"), 0, 2)).isFalse();
        assertThat(RtpHeader.isRtcp(hex("80e0"), 0, 1)).isFalse();
    }

    @Test
    void recognisesVersionTwoAndPeeksTheSsrc() {
        final byte[] packet = RtpPacketTest.CHROMIUM_ONE_BYTE_EXTENSIONS;

        assertThat(RtpHeader.isRtpOrRtcp(packet, 0, packet.length)).isTrue();
        assertThat(RtpHeader.isRtpOrRtcp(hex("16fefd00"), 0, 4)).isFalse(); // a DTLS record
        assertThat(RtpHeader.isRtpOrRtcp(hex("8000"), 0, 2)).isFalse();
        assertThat(RtpHeader.ssrc(packet, 0, packet.length)).isEqualTo(0xF7B16E83L);
        assertThat(RtpHeader.ssrc(packet, 0, 11)).isEqualTo(-1);
    }
}
