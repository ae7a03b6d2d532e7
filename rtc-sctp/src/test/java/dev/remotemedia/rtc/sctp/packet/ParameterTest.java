package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertParameterRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameters of INIT, INIT ACK and HEARTBEAT on their own; ReConfigChunkTest has the RFC 6525 ones. */
class ParameterTest {

    @Test
    void writesTheRfcLayouts() {
        assertThat(assertParameterRoundTrips(new SupportedExtensionsParameter(List.of(0x82, 0xC0)),
                                             SupportedExtensionsParameter::parse))
                .isEqualTo(hex("80080006 82c00000"));
        assertThat(assertParameterRoundTrips(new ForwardTsnSupportedParameter(), ForwardTsnSupportedParameter::parse))
                .isEqualTo(hex("c0000004"));
        assertThat(assertParameterRoundTrips(new ZeroChecksumAcceptableParameter(1),
                                             ZeroChecksumAcceptableParameter::parse))
                .isEqualTo(hex("80010008 00000001"));
        assertThat(assertParameterRoundTrips(new StateCookieParameter(ByteView.of(new byte[] {1})),
                                             StateCookieParameter::parse))
                .isEqualTo(hex("00070005 01000000"));
        assertThat(assertParameterRoundTrips(new HeartbeatInfoParameter(ByteView.of(new byte[0])),
                                             HeartbeatInfoParameter::parse))
                .isEqualTo(hex("00010004"));
        assertThat(assertParameterRoundTrips(new UnrecognizedParameterParameter(ByteView.of(hex("c0050004"))),
                                             UnrecognizedParameterParameter::parse))
                .isEqualTo(hex("00080008 c0050004"));
        assertThat(assertParameterRoundTrips(new UnknownParameter(0x000C, ByteView.of(hex("0005"))),
                                             UnknownParameter::parse))
                .isEqualTo(hex("000c0006 00050000"));
    }

    @Test
    void listsTheSupportedExtensions() {
        final SupportedExtensionsParameter extensions = new SupportedExtensionsParameter(List.of(130, 192));

        assertThat(extensions.supports(ReConfigChunk.TYPE)).isTrue();
        assertThat(extensions.supports(ForwardTsnChunk.TYPE)).isTrue();
        assertThat(extensions.supports(64)).isFalse();
        assertThat(assertParameterRoundTrips(new SupportedExtensionsParameter(List.of()),
                                             SupportedExtensionsParameter::parse))
                .isEqualTo(hex("80080004"));
    }

    @Test
    void rejectsMalformedParameters() {
        assertThat(errorOf(ZeroChecksumAcceptableParameter.parse(hex("8001000c 00000001 00000000"), 0, 12)))
                .isEqualTo("Zero Checksum Acceptable parameter: length 12 (expected: 8)");
        assertThat(errorOf(ForwardTsnSupportedParameter.parse(hex("c0010004"), 0, 4)))
                .isEqualTo("Forward-TSN-Supported parameter: type 49153 (expected: 49152)");
        assertThat(errorOf(UnknownParameter.parse(hex("c001"), 0, 2)))
                .isEqualTo("parameter: 2 bytes (expected: >= 4, the header)");
    }

    @Test
    void refusesOutOfRangeValues() {
        assertThatThrownBy(() -> new SupportedExtensionsParameter(List.of(256)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunkType: 256 (expected: 0..255)");
        assertThatThrownBy(() -> new UnknownParameter(0x10000, ByteView.of(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type: 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> new StateCookieParameter(ByteView.of(new byte[65532])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("State Cookie parameter: length 65536 (expected: <= 65535)");
    }
}
