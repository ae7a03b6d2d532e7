package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.assertRoundTrips;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.errorOf;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {

    /**
     * An SR with one report block, from Pion's rtcp sender_report_test.go ("valid"): the report
     * block of the browser RR in {@link #BROWSER_RR} after a sender info. Pion's bytes say length 7
     * (its parser ignores the field); the 52 bytes need 12, written here.
     */
    static final byte[] SR_WITH_REPORT_BLOCK = hex(
            "81c8000c 902f9e2e da8bd1fc dddda05a aaf4edd5 00000001 00000002"
            + "bc5e9a40 00000000 000046e1 00000111 09f36432 00024a79");

    /** An RR with one report block, from the browser packet dump in Pion's rtcp packet_test.go. */
    static final byte[] BROWSER_RR = hex(
            "81c90007 902f9e2e bc5e9a40 00000000 000046e1 00000111 09f36432 00024a79");

    private static final ReportBlock BLOCK = new ReportBlock(0xBC5E9A40L, 0, 0, 0x46E1, 273, 0x09F36432L, 150137);

    @Test
    void parsesASenderReportWithAReportBlock() {
        final SenderReport sr = SenderReport.parse(SR_WITH_REPORT_BLOCK, 0, SR_WITH_REPORT_BLOCK.length).orElseThrow();

        assertThat(sr).isEqualTo(new SenderReport(0x902F9E2EL, 0xDA8BD1FCDDDDA05AL, 0xAAF4EDD5L, 1, 2, List.of(BLOCK)));
        assertThat(sr.compactNtp()).isEqualTo(0xD1FCDDDDL);
        assertThat(assertRoundTrips(sr, SenderReport::parse)).isEqualTo(SR_WITH_REPORT_BLOCK);
    }

    @Test
    void parsesChromiumsSenderReportWithoutBlocks() {
        // webrtc's rtcp_packet/sender_report_unittest.cc, kPacket.
        final byte[] bytes = hex("80c80006 12345678 11121418 22242628 33343536 44454647 55565758");

        final SenderReport sr = SenderReport.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(sr).isEqualTo(new SenderReport(0x12345678L, 0x1112141822242628L, 0x33343536L, 0x44454647L,
                                                  0x55565758L, List.of()));
        assertThat(assertRoundTrips(sr, SenderReport::parse)).isEqualTo(bytes);
    }

    @Test
    void parsesChromiumsReceiverReportBlock() {
        // webrtc's rtcp_packet/receiver_report_unittest.cc, kPacket: fraction lost 55, every other field distinct.
        final byte[] bytes = hex("81c90007 12345678 23456789 37111213 22232425 33343536 44454647 55565758");

        final ReceiverReport rr = ReceiverReport.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(rr).isEqualTo(new ReceiverReport(0x12345678L, List.of(new ReportBlock(
                0x23456789L, 55, 0x111213, 0x22232425L, 0x33343536L, 0x44454647L, 0x55565758L))));
        assertThat(assertRoundTrips(rr, ReceiverReport::parse)).isEqualTo(bytes);
    }

    @Test
    void parsesABrowsersReceiverReport() {
        final ReceiverReport rr = ReceiverReport.parse(BROWSER_RR, 0, BROWSER_RR.length).orElseThrow();

        assertThat(rr).isEqualTo(new ReceiverReport(0x902F9E2EL, List.of(BLOCK)));
        assertThat(rr.reportBlocks().get(0).delaySinceLastSenderReport() / 65536.0).isBetween(2.29, 2.30);
        assertThat(assertRoundTrips(rr, ReceiverReport::parse)).isEqualTo(BROWSER_RR);
    }

    @Test
    void cumulativeLostIsSigned24Bit() {
        final byte[] bytes = hex("81c90007 00000001 00000002 80800000 00010000 00000000 00000000 00000000");

        final ReportBlock block = ReceiverReport.parse(bytes, 0, bytes.length).orElseThrow().reportBlocks().get(0);

        assertThat(block.fractionLost()).isEqualTo(128);
        assertThat(block.cumulativeLost()).isEqualTo(-8388608);
        for (int lost : new int[] {-1, ReportBlock.MIN_CUMULATIVE_LOST, ReportBlock.MAX_CUMULATIVE_LOST, 0}) {
            final ReceiverReport rr = new ReceiverReport(1, List.of(
                    new ReportBlock(2, 255, lost, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF_FFFFL)));
            assertRoundTrips(rr, ReceiverReport::parse);
        }
        assertThatThrownBy(() -> new ReportBlock(1, 0, 1 << 23, 0, 0, 0, 0))
                .hasMessage("cumulativeLost: 8388608 (expected: -8388608..8388607)");
    }

    @Test
    void roundTripsThirtyOneReportBlocksAndNone() {
        final List<ReportBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            blocks.add(new ReportBlock(i, i, -i, 65535L + i, i, i, i));
        }
        assertRoundTrips(new SenderReport(7, -1L, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0, blocks), SenderReport::parse);
        assertRoundTrips(new ReceiverReport(7, blocks), ReceiverReport::parse);
        assertThat(assertRoundTrips(new ReceiverReport(7, List.of()), ReceiverReport::parse))
                .isEqualTo(hex("80c90001 00000007"));
        assertThatThrownBy(() -> new ReceiverReport(7, Collections.nCopies(32, BLOCK)))
                .hasMessage("reportBlocks.size(): 32 (expected: 0..31)");
    }

    @Test
    void skipsProfileSpecificExtensions() {
        final byte[] bytes = hex("80c90002 00000007 01020304");

        assertThat(ReceiverReport.parse(bytes, 0, bytes.length).orElseThrow())
                .isEqualTo(new ReceiverReport(7, List.of()));
    }

    @Test
    void rejectsReportsShorterThanTheirCounts() {
        assertThat(errorOf(SenderReport.parse(hex("81c80006 902f9e2e da8bd1fc dddda05a aaf4edd5 00000001 00000002"),
                                              0, 28)))
                .isEqualTo("RTCP SR with 1 report blocks: 28 bytes (expected: >= 52)");
        assertThat(errorOf(ReceiverReport.parse(hex("80c90000"), 0, 4)))
                .isEqualTo("RTCP RR with 0 report blocks: 4 bytes (expected: >= 8)");
        assertThat(errorOf(ReceiverReport.parse(SR_WITH_REPORT_BLOCK, 0, SR_WITH_REPORT_BLOCK.length)))
                .isEqualTo("RTCP RR: packet type 200, count/FMT 1 (expected: 201)");
        assertThat(errorOf(ReceiverReport.parse(BROWSER_RR, 0, BROWSER_RR.length - 4)))
                .isEqualTo("RTCP packet type 201: length 32 bytes (expected: <= 28, what is left of the datagram)");
        assertThat(errorOf(ReceiverReport.parse(hex("80c90001 00000007 00000000"), 0, 12)))
                .isEqualTo("RTCP RR: length 8 bytes (expected: 12, the bytes given)");
    }
}
