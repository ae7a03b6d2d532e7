package dev.remotemedia.rtc.rtp;

import static dev.remotemedia.rtc.rtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import org.junit.jupiter.api.Test;

class HeaderExtensionValuesTest {

    @Test
    void readsChromiumsAbsSendTimeAndTransportSequenceNumber() {
        final RtpPacket packet = RtpPacket.parse(RtpPacketTest.CHROMIUM_ONE_BYTE_EXTENSIONS, 0, 28).orElseThrow();

        final AbsSendTimeExtension sendTime = AbsSendTimeExtension.parse(packet.extension(2)).orElseThrow();
        final TransportSequenceNumberExtension seq =
                TransportSequenceNumberExtension.parse(packet.extension(4)).orElseThrow();

        assertThat(sendTime.value()).isEqualTo(0xF34350);
        // 0xF34350 = 60 s + 0x34350 / 2^18 s
        assertThat(sendTime.toNanos()).isEqualTo(60_000_000_000L + (0x34350L * 1_000_000_000L >> 18));
        assertThat(seq.sequenceNumber()).isEqualTo(0x9B);
        assertThat(sendTime.toBytes()).isEqualTo(hex("f34350"));
        assertThat(seq.toBytes()).isEqualTo(hex("009b"));
    }

    @Test
    void absSendTimeWrapsEvery64Seconds() {
        assertThat(AbsSendTimeExtension.ofNanos(0).value()).isZero();
        assertThat(AbsSendTimeExtension.ofNanos(1_500_000_000L).value()).isEqualTo(1 << 18 | 1 << 17);
        assertThat(AbsSendTimeExtension.ofNanos(64_000_000_000L).value()).isZero();
        assertThat(AbsSendTimeExtension.ofNanos(63_999_999_999L).value()).isEqualTo(0xFF_FFFF);
        assertThat(AbsSendTimeExtension.ofNanos(-1).value()).isEqualTo(0xFF_FFFF);
        assertThat(AbsSendTimeExtension.ofNanos(1_500_000_000L).toNanos()).isEqualTo(1_500_000_000L);
    }

    @Test
    void audioLevelCarriesTheVoiceBitAndTheLevel() {
        // RFC 6464 §3: V=1, level 42 (-42 dBov).
        final AudioLevelExtension level = AudioLevelExtension.parse(ByteView.of(hex("aa"))).orElseThrow();

        assertThat(level).isEqualTo(new AudioLevelExtension(true, 42));
        assertThat(new AudioLevelExtension(false, 127).toBytes()).isEqualTo(hex("7f"));
        assertThat(AudioLevelExtension.parse(ByteView.of(hex("05 000000"))).orElseThrow())
                .isEqualTo(new AudioLevelExtension(false, 5));
        assertThatThrownBy(() -> new AudioLevelExtension(false, 128)).hasMessage("level: 128 (expected: 0..127)");
    }

    @Test
    void streamIdentifiersAreVisibleAsciiAndIgnoreTrailingNuls() {
        assertThat(MidExtension.parse(ByteView.of(hex("30"))).orElseThrow()).isEqualTo(new MidExtension("0"));
        assertThat(RidExtension.parse(ByteView.of(hex("68690000"))).orElseThrow()).isEqualTo(new RidExtension("hi"));
        assertThat(RepairedRidExtension.parse(ByteView.of(hex("6c6f"))).orElseThrow())
                .isEqualTo(new RepairedRidExtension("lo"));
        assertThat(new MidExtension("audio").toBytes()).isEqualTo(hex("617564696f"));

        assertThat(MidExtension.parse(ByteView.of(hex("00"))).errorOrNull())
                .isEqualTo("mid extension: empty (expected: 1..255 characters)");
        assertThat(RidExtension.parse(ByteView.of(hex("61 20 62"))).errorOrNull())
                .isEqualTo("rid extension: byte 0x20 at 1 (expected: visible ASCII)");
        assertThatThrownBy(() -> new MidExtension("")).hasMessage("mid: '' (expected: 1..255 characters)");
        assertThatThrownBy(() -> new RidExtension("é")).hasMessage("rid: 'é' (expected: visible ASCII)");
    }

    @Test
    void fixedSizeExtensionsRejectOtherSizes() {
        assertThat(AbsSendTimeExtension.parse(ByteView.of(hex("0102"))).errorOrNull())
                .isEqualTo("abs-send-time extension: 2 bytes (expected: 3)");
        assertThat(TransportSequenceNumberExtension.parse(ByteView.of(hex("010203"))).errorOrNull())
                .isEqualTo("transport-wide-cc extension: 3 bytes (expected: 2)");
        assertThat(AudioLevelExtension.parse(ByteView.of(new byte[0])).errorOrNull())
                .isEqualTo("ssrc-audio-level extension: 0 bytes (expected: >= 1)");
    }

    @Test
    void eachKindNamesItsUri() {
        assertThat(new MidExtension("0").uri()).isEqualTo("urn:ietf:params:rtp-hdrext:sdes:mid");
        assertThat(new RidExtension("h").uri()).isEqualTo("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");
        assertThat(new RepairedRidExtension("h").uri())
                .isEqualTo("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id");
        assertThat(new AbsSendTimeExtension(0).uri())
                .isEqualTo("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        assertThat(new TransportSequenceNumberExtension(0).uri())
                .isEqualTo("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
        assertThat(new AudioLevelExtension(false, 0).uri()).isEqualTo("urn:ietf:params:rtp-hdrext:ssrc-audio-level");
    }
}
