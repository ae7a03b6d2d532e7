package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.assertRoundTrips;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.errorOf;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Generic NACK and PLI. */
class FeedbackTest {

    /** Chromium's NACK for {0, 1, 3, 8, 16}: webrtc's rtcp_packet/nack_unittest.cc, kPacket. */
    private static final byte[] CHROMIUM_NACK = hex("81cd0003 12345678 23456789 00008085");

    /** Chromium's NACK across the wrap: webrtc's rtcp_packet/nack_unittest.cc, kWrapPacket. */
    private static final byte[] CHROMIUM_WRAP_NACK = hex(
            "81cd0006 12345678 23456789 ffdc8000 fffe0017 00140000 00640000");

    private static final List<Integer> WRAP_LIST =
            List.of(0xFFDC, 0xFFEC, 0xFFFE, 0xFFFF, 0x0000, 0x0001, 0x0003, 0x0014, 0x0064);

    @Test
    void parsesChromiumsNack() {
        final GenericNack nack = GenericNack.parse(CHROMIUM_NACK, 0, CHROMIUM_NACK.length).orElseThrow();

        assertThat(nack.senderSsrc()).isEqualTo(0x12345678L);
        assertThat(nack.mediaSsrc()).isEqualTo(0x23456789L);
        assertThat(nack.items()).containsExactly(new GenericNack.Item(0, 0x8085));
        assertThat(nack.lostSequenceNumbers()).containsExactly(0, 1, 3, 8, 16);
        assertThat(assertRoundTrips(nack, GenericNack::parse)).isEqualTo(CHROMIUM_NACK);
    }

    @Test
    void compressesSequenceNumbersAcrossTheWrapAsChromiumDoes() {
        final GenericNack nack = GenericNack.of(0x12345678L, 0x23456789L, WRAP_LIST);

        assertThat(nack.toByteArray()).isEqualTo(CHROMIUM_WRAP_NACK);
        assertThat(GenericNack.parse(CHROMIUM_WRAP_NACK, 0, CHROMIUM_WRAP_NACK.length).orElseThrow()
                              .lostSequenceNumbers())
                .containsExactlyElementsOf(WRAP_LIST);
        assertThat(GenericNack.of(1, 2, List.of(0, 1, 3, 8, 16)).toByteArray()).isEqualTo(hex(
                "81cd0003 00000001 00000002 00008085"));
    }

    @Test
    void expandsEveryBitOfTheBitmask() {
        final GenericNack nack = new GenericNack(1, 2, List.of(new GenericNack.Item(65530, 0xFFFF)));

        assertThat(nack.lostSequenceNumbers()).hasSize(17).startsWith(65530, 65531).endsWith(10);
        assertThat(GenericNack.of(1, 2, nack.lostSequenceNumbers())).isEqualTo(nack);
        assertThat(GenericNack.of(1, 2, List.of(7, 7, 8)).items()).containsExactly(new GenericNack.Item(7, 1));
    }

    @Test
    void refusesAnEmptyNack() {
        assertThatThrownBy(() -> GenericNack.of(1, 2, List.of())).hasMessage("items.size(): 0 (expected: 1..65533)");
        assertThat(errorOf(GenericNack.parse(hex("81cd0002 00000001 00000002"), 0, 12)))
                .isEqualTo("RTCP generic NACK: 12 bytes (expected: >= 16)");
        assertThat(errorOf(GenericNack.parse(hex("8fcd0003 00000001 00000002 00010000"), 0, 16)))
                .isEqualTo("RTCP generic NACK: packet type 205, count/FMT 15 (expected: 205, FMT 1)");
    }

    @Test
    void parsesABrowsersPli() {
        // From the browser packet dump in Pion's rtcp packet_test.go, bytes 92..103.
        final byte[] bytes = hex("81ce0002 902f9e2e 902f9e2e");

        final PictureLossIndication pli = PictureLossIndication.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(pli).isEqualTo(new PictureLossIndication(0x902F9E2EL, 0x902F9E2EL));
        assertThat(assertRoundTrips(pli, PictureLossIndication::parse)).isEqualTo(bytes);
        assertThat(new PictureLossIndication(0x12345678L, 0x23456789L).toByteArray())
                .isEqualTo(hex("81ce0002 12345678 23456789")); // webrtc's rtcp_packet/pli_unittest.cc, kPacket
        assertThat(errorOf(PictureLossIndication.parse(hex("81ce0001 902f9e2e"), 0, 8)))
                .isEqualTo("RTCP PLI: 8 bytes (expected: >= 12)");
    }
}
