package dev.remotemedia.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderExtensionMapTest {

    /** Chromium's default audio mapping in its offers. */
    private static final HeaderExtensionMap CHROMIUM_AUDIO = HeaderExtensionMap.builder()
            .put(1, AudioLevelExtension.URI)
            .put(2, AbsSendTimeExtension.URI)
            .put(3, TransportSequenceNumberExtension.URI)
            .put(4, MidExtension.URI)
            .build();

    @Test
    void writesAndReadsExtensionsByUri() {
        final RtpPacket.Builder builder = RtpPacket.builder().payloadType(111);

        assertThat(CHROMIUM_AUDIO.write(builder, new AudioLevelExtension(true, 30))).isTrue();
        assertThat(CHROMIUM_AUDIO.write(builder, new TransportSequenceNumberExtension(65535))).isTrue();
        assertThat(CHROMIUM_AUDIO.write(builder, new MidExtension("0"))).isTrue();
        final RtpPacket packet = builder.build();
        final byte[] bytes = packet.toByteArray();
        final RtpPacket parsed = RtpPacket.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(CHROMIUM_AUDIO.read(parsed, AudioLevelExtension.URI, AudioLevelExtension::parse))
                .isEqualTo(new AudioLevelExtension(true, 30));
        assertThat(CHROMIUM_AUDIO.read(parsed, TransportSequenceNumberExtension.URI,
                                       TransportSequenceNumberExtension::parse))
                .isEqualTo(new TransportSequenceNumberExtension(65535));
        assertThat(CHROMIUM_AUDIO.read(parsed, MidExtension.URI, MidExtension::parse))
                .isEqualTo(new MidExtension("0"));
        assertThat(CHROMIUM_AUDIO.read(parsed, AbsSendTimeExtension.URI, AbsSendTimeExtension::parse)).isNull();
        assertThat(CHROMIUM_AUDIO.find(parsed, MidExtension.URI).length()).isEqualTo(1);
        assertThat(parsed.extension(4).getUint8(0)).isEqualTo('0');
    }

    @Test
    void anExtensionThatWasNotNegotiatedIsNeitherWrittenNorRead() {
        final RtpPacket.Builder builder = RtpPacket.builder();

        assertThat(CHROMIUM_AUDIO.write(builder, new RidExtension("hi"))).isFalse();
        final RtpPacket packet = builder.extension(9, new byte[] {'h', 'i'}).build();

        assertThat(packet.extensions().elements()).hasSize(1);
        assertThat(CHROMIUM_AUDIO.find(packet, RidExtension.URI)).isNull();
        assertThat(CHROMIUM_AUDIO.read(packet, RidExtension.URI, RidExtension::parse)).isNull();
    }

    @Test
    void aMalformedElementReadsAsAbsent() {
        final RtpPacket packet = RtpPacket.builder().extension(2, new byte[] {1}).build();

        assertThat(CHROMIUM_AUDIO.read(packet, AbsSendTimeExtension.URI, AbsSendTimeExtension::parse)).isNull();
    }

    @Test
    void idsAboveFourteenUseTheTwoByteForm() {
        final HeaderExtensionMap map = HeaderExtensionMap.of(Map.of(15, MidExtension.URI));
        final RtpPacket.Builder builder = RtpPacket.builder();
        map.write(builder, new MidExtension("1"));

        final RtpPacket packet = builder.build();

        assertThat(packet.extensions().isTwoByteForm()).isTrue();
        assertThat(RtpPacketTest.assertRoundTrips(packet)).isNotEmpty();
        assertThat(map.read(packet, MidExtension.URI, MidExtension::parse)).isEqualTo(new MidExtension("1"));
    }

    @Test
    void mapsIdsToUrisBothWays() {
        assertThat(CHROMIUM_AUDIO.id(MidExtension.URI)).isEqualTo(4);
        assertThat(CHROMIUM_AUDIO.uri(1)).isEqualTo(AudioLevelExtension.URI);
        assertThat(CHROMIUM_AUDIO.uri(5)).isNull();
        assertThat(CHROMIUM_AUDIO.id(RidExtension.URI)).isNull();
        assertThat(CHROMIUM_AUDIO.asMap()).containsOnlyKeys(1, 2, 3, 4);
        assertThat(HeaderExtensionMap.of(CHROMIUM_AUDIO.asMap())).isEqualTo(CHROMIUM_AUDIO);
        assertThat(HeaderExtensionMap.empty().asMap()).isEmpty();
    }

    @Test
    void refusesBadIdsAndAUriMappedTwice() {
        assertThatThrownBy(() -> HeaderExtensionMap.builder().put(0, MidExtension.URI))
                .hasMessage("id: 0 (expected: 1..255)");
        assertThatThrownBy(() -> HeaderExtensionMap.builder().put(256, MidExtension.URI))
                .hasMessage("id: 256 (expected: 1..255)");
        assertThatThrownBy(() -> HeaderExtensionMap.builder().put(1, MidExtension.URI).put(2, MidExtension.URI))
                .hasMessage("uri: urn:ietf:params:rtp-hdrext:sdes:mid (expected: not already mapped, but id 1 has it)");
    }
}
