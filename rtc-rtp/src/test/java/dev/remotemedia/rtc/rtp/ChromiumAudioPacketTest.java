package dev.remotemedia.rtc.rtp;

import static dev.remotemedia.rtc.rtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import org.junit.jupiter.api.Test;

/** An Opus packet as Chromium sends it, read through the extension map its offer negotiates. */
class ChromiumAudioPacketTest {

    /** The audio {@code a=extmap} lines of Chromium's default offer. */
    private static final HeaderExtensionMap CHROMIUM_AUDIO = HeaderExtensionMap.builder()
            .put(1, AudioLevelExtension.URI)
            .put(2, AbsSendTimeExtension.URI)
            .put(3, TransportSequenceNumberExtension.URI)
            .put(4, MidExtension.URI)
            .build();

    /**
     * Assembled to Chromium's layout, not captured (no capture tool was at hand): PT 111, the four
     * one-byte extensions in id order with one padding byte, and an Opus payload whose TOC 0x78 is
     * what Chromium's encoder emits for 20 ms voice (hybrid, fullband, mono).
     */
    private static final byte[] OPUS_PACKET = hex(
            "906f2a1b 5bd2c1a0 1d5e8f3a bede0003 10ba 2283126f 310005 4030 00"
            + "78 0be4c136 ecc58d8c 494699");

    @Test
    void readsEachExtensionAndTheOpusPayload() {
        final RtpPacket packet = RtpPacket.parse(OPUS_PACKET, 0, OPUS_PACKET.length).orElseThrow();

        assertThat(packet.payloadType()).isEqualTo(111);
        assertThat(packet.sequenceNumber()).isEqualTo(0x2A1B);
        assertThat(CHROMIUM_AUDIO.read(packet, AudioLevelExtension.URI, AudioLevelExtension::parse))
                .isEqualTo(new AudioLevelExtension(true, 0x3A));
        assertThat(CHROMIUM_AUDIO.read(packet, AbsSendTimeExtension.URI, AbsSendTimeExtension::parse))
                .isEqualTo(new AbsSendTimeExtension(0x83126F));
        assertThat(CHROMIUM_AUDIO.read(packet, TransportSequenceNumberExtension.URI,
                                       TransportSequenceNumberExtension::parse))
                .isEqualTo(new TransportSequenceNumberExtension(5));
        assertThat(CHROMIUM_AUDIO.read(packet, MidExtension.URI, MidExtension::parse)).isEqualTo(new MidExtension("0"));
        final OpusPayload opus = OpusPayload.parse(packet.payload()).orElseThrow();
        assertThat(opus.samplesPerChannel()).isEqualTo(960);
        assertThat(packet.payload().length()).isEqualTo(12);
    }

    @Test
    void writingTheSameValuesGivesTheSameBytes() {
        final RtpPacket.Builder builder = RtpPacket.builder()
                .payloadType(111).sequenceNumber(0x2A1B).timestamp(0x5BD2C1A0L).ssrc(0x1D5E8F3AL)
                .payload(hex("78 0be4c136 ecc58d8c 494699"));
        CHROMIUM_AUDIO.write(builder, new AudioLevelExtension(true, 0x3A));
        CHROMIUM_AUDIO.write(builder, new AbsSendTimeExtension(0x83126F));
        CHROMIUM_AUDIO.write(builder, new TransportSequenceNumberExtension(5));
        CHROMIUM_AUDIO.write(builder, new MidExtension("0"));

        assertThat(builder.build().toByteArray()).isEqualTo(OPUS_PACKET);
    }

    @Test
    void readsPionsCaptureWithPaddingBetweenElements() {
        // Pion's rtp packet_test.go: a captured VP8 header with the RFC 8285 §4.2 example block,
        // which has two padding bytes between the second and third elements.
        final byte[] bytes = hex("90e0698f d9c293da 1c642782 bede0003 10aa 21bbbb 0000 33cccccccc 9836be889e");

        final RtpPacket packet = RtpPacket.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(packet.extension(1)).isEqualTo(ByteView.of(hex("aa")));
        assertThat(packet.extension(2)).isEqualTo(ByteView.of(hex("bbbb")));
        assertThat(packet.extension(3)).isEqualTo(ByteView.of(hex("cccccccc")));
        assertThat(packet.payload()).isEqualTo(ByteView.of(hex("9836be889e")));
        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isEqualTo(96);
        // Written back, the elements are packed and the block padded at its end.
        assertThat(packet.toByteArray())
                .isEqualTo(hex("90e0698f d9c293da 1c642782 bede0003 10aa 21bbbb 33cccccccc 0000 9836be889e"));
    }
}
