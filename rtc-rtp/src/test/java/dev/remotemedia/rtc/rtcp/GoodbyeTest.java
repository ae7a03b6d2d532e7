package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.assertRoundTrips;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.errorOf;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoodbyeTest {

    @Test
    void parsesABrowsersGoodbye() {
        // From the browser packet dump in Pion's rtcp packet_test.go, bytes 84..91.
        final byte[] bytes = hex("81cb0001 902f9e2e");

        final Goodbye bye = Goodbye.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(bye.ssrcs()).containsExactly(0x902F9E2EL);
        assertThat(bye.reasonText()).isEmpty();
        assertThat(assertRoundTrips(bye, Goodbye::parse)).isEqualTo(bytes);
    }

    @Test
    void carriesAReasonPaddedWithZeros() {
        final Goodbye bye = Goodbye.of(List.of(1L, 0xFFFF_FFFFL), "closed");

        final byte[] bytes = assertRoundTrips(bye, Goodbye::parse);

        assertThat(bytes).isEqualTo(hex("82cb0004 00000001 ffffffff 06636c6f 73656400"));
        assertThat(Goodbye.parse(bytes, 0, bytes.length).orElseThrow().reasonText()).isEqualTo("closed");
        assertRoundTrips(Goodbye.of(List.of(), "abc"), Goodbye::parse);
        assertRoundTrips(Goodbye.of(List.of(5L), "x".repeat(255)), Goodbye::parse);
    }

    @Test
    void rejectsAReasonLongerThanThePacket() {
        assertThat(errorOf(Goodbye.parse(hex("81cb0002 00000001 09616263"), 0, 12)))
                .isEqualTo("RTCP BYE: reason of 9 bytes (expected: <= 3, what is left of the packet)");
        assertThat(errorOf(Goodbye.parse(hex("82cb0001 00000001"), 0, 8)))
                .isEqualTo("RTCP BYE with 2 sources: 8 bytes (expected: >= 12)");
    }
}
