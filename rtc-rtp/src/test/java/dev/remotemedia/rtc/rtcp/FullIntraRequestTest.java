package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.assertRoundTrips;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.errorOf;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FullIntraRequestTest {

    @Test
    void parsesARequestWithTwoEntriesAndKeepsTheMediaSourceField() {
        // Pion's rtcp full_intra_request_test.go ("also valid"): a media source field that is not 0.
        final byte[] bytes = hex("84ce0006 00000000 4bc4fcb4 12345678 42000000 98765432 57000000");

        final FullIntraRequest fir = FullIntraRequest.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(fir).isEqualTo(new FullIntraRequest(0, 0x4BC4FCB4L, List.of(
                new FullIntraRequest.Entry(0x12345678L, 0x42), new FullIntraRequest.Entry(0x98765432L, 0x57))));
        assertThat(assertRoundTrips(fir, FullIntraRequest::parse)).isEqualTo(bytes);
    }

    @Test
    void writesTheMediaSourceFieldAsZero() {
        final FullIntraRequest fir =
                FullIntraRequest.of(0x11111111L, List.of(new FullIntraRequest.Entry(0x33333333L, 255)));

        assertThat(assertRoundTrips(fir, FullIntraRequest::parse))
                .isEqualTo(hex("84ce0004 11111111 00000000 33333333 ff000000"));
        assertThat(RtcpCompound.parse(fir.toByteArray(), 0, 20).orElseThrow()).containsExactly(fir);
    }

    @Test
    void needsAtLeastOneEntry() {
        assertThat(errorOf(FullIntraRequest.parse(hex("84ce0002 00000001 00000000"), 0, 12)))
                .isEqualTo("RTCP FIR: 12 bytes (expected: >= 20)");
        assertThatThrownBy(() -> FullIntraRequest.of(1, List.of()))
                .hasMessageStartingWith("entries.size(): 0 (expected: 1..");
        assertThatThrownBy(() -> new FullIntraRequest.Entry(1, 256))
                .hasMessage("sequenceNumber: 256 (expected: 0..255)");
    }
}
