package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.assertRoundTrips;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.errorOf;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {

    /**
     * A browser's compound SR + SDES (CNAME), from Pion's rtcp sender_report_test.go ("with
     * extension", Pion issue #447, where a parser read the SDES as SR profile extensions).
     */
    static final byte[] CHROMIUM_SR_SDES = hex(
            "80c80006 2b7ec0c5 e020a2a9 52a53fc0 2e48a552 00000046 0000121d"
            + "81ca0006 2b7ec0c5 0110 4c634966 7a586f6e 446f7264 53655736 0000");

    /**
     * A browser's compound RR, SDES, BYE, PLI, RRR (RFC 6051, FMT 5) and APP, from Pion's rtcp
     * packet_test.go ({@code realPacket}).
     */
    static final byte[] BROWSER_COMPOUND = hex(
            "81c90007 902f9e2e bc5e9a40 00000000 000046e1 00000111 09f36432 00024a79"
            + "81ca000c 902f9e2e 0126 7b396330 30656239 322d3161 66622d39 6434392d 61343764 2d393166"
            + "36346565 65363966 357d 00000000"
            + "81cb0001 902f9e2e"
            + "81ce0002 902f9e2e 902f9e2e"
            + "85cd0002 902f9e2e 902f9e2e"
            + "80cc0003 4baae1ab 4e414d45 41424344");

    @Test
    void parsesChromiumsSenderReportAndCname() {
        final List<RtcpPacket> packets =
                RtcpCompound.parse(CHROMIUM_SR_SDES, 0, CHROMIUM_SR_SDES.length).orElseThrow();

        assertThat(packets).containsExactly(
                new SenderReport(0x2B7EC0C5L, 0xE020A2A952A53FC0L, 0x2E48A552L, 70, 4637, List.of()),
                SourceDescription.ofCname(0x2B7EC0C5L, "LcIfzXonDordSeW6"));
        assertThat(RtcpCompound.serialize(packets)).isEqualTo(CHROMIUM_SR_SDES);
    }

    @Test
    void keepsAppAndUnknownFeedbackAsUnknownPackets() {
        final List<RtcpPacket> packets =
                RtcpCompound.parse(BROWSER_COMPOUND, 0, BROWSER_COMPOUND.length).orElseThrow();

        assertThat(packets).hasSize(6);
        assertThat(packets.get(0)).isInstanceOf(ReceiverReport.class);
        assertThat(((SourceDescription) packets.get(1)).cname(0x902F9E2EL))
                .isEqualTo("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}");
        assertThat(packets.get(2)).isEqualTo(new Goodbye(List.of(0x902F9E2EL), ByteView.of(new byte[0])));
        assertThat(packets.get(3)).isEqualTo(new PictureLossIndication(0x902F9E2EL, 0x902F9E2EL));
        assertThat(packets.get(4))
                .isEqualTo(new UnknownRtcp(RtcpPacket.TYPE_RTPFB, 5, ByteView.of(hex("902f9e2e902f9e2e"))));
        assertThat(packets.get(5))
                .isEqualTo(new UnknownRtcp(RtcpPacket.TYPE_APP, 0, ByteView.of(hex("4baae1ab4e414d4541424344"))));
        assertThat(RtcpCompound.serialize(packets)).isEqualTo(BROWSER_COMPOUND);
    }

    @Test
    void skipsExtendedReportsSafely() {
        // An RR followed by an XR with a receiver reference time block (RFC 3611 §4.4), as Chromium sends.
        final byte[] bytes = hex("80c90001 00000001 80cf0004 00000001 04000002 e020a2a9 52a53fc0");

        final List<RtcpPacket> packets = RtcpCompound.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(packets).containsExactly(
                new ReceiverReport(1, List.of()),
                new UnknownRtcp(RtcpPacket.TYPE_XR, 0, ByteView.of(hex("00000001 04000002 e020a2a9 52a53fc0"))));
    }

    @Test
    void acceptsAReducedSizeFeedbackPacketAlone() {
        // RFC 5506: a lone PLI, with no SR or RR before it.
        final byte[] bytes = hex("81ce0002 00000001 00000002");

        assertThat(RtcpCompound.parse(bytes, 0, bytes.length).orElseThrow())
                .containsExactly(new PictureLossIndication(1, 2));
    }

    @Test
    void stripsPaddingOnTheLastPacket() {
        final byte[] bytes = hex("80c90001 00000001 a1ce0003 00000001 00000002 00000004");

        assertThat(RtcpCompound.parse(bytes, 0, bytes.length).orElseThrow())
                .containsExactly(new ReceiverReport(1, List.of()), new PictureLossIndication(1, 2));
    }

    @Test
    void unknownPacketsWithOddBodiesArePaddedWhenWritten() {
        final UnknownRtcp app = new UnknownRtcp(RtcpPacket.TYPE_APP, 3, ByteView.of(hex("0102030405")));

        assertThat(assertRoundTrips(app, UnknownRtcp::parse)).isEqualTo(hex("a3cc0002 01020304 05000003"));
        assertRoundTrips(new UnknownRtcp(250, 31, ByteView.of(new byte[0])), UnknownRtcp::parse);
    }

    @Test
    void aCompoundThatDoesNotAddUpIsAnError() {
        assertThat(errorOf(RtcpCompound.parse(new byte[0], 0, 0))).isEqualTo("RTCP compound packet: empty");
        assertThat(errorOf(RtcpCompound.parse(CHROMIUM_SR_SDES, 0, CHROMIUM_SR_SDES.length - 4)))
                .isEqualTo("RTCP compound packet: at byte 28: RTCP packet type 202: length 28 bytes (expected: <= 24, "
                           + "what is left of the datagram)");
        assertThat(errorOf(RtcpCompound.parse(hex("80c90001 00000001 80"), 0, 9)))
                .isEqualTo("RTCP compound packet: at byte 8: RTCP packet: 1 bytes (expected: >= 4)");
        assertThat(errorOf(RtcpCompound.parse(hex("80c90001 00000001 40c90001 00000001"), 0, 16)))
                .isEqualTo("RTCP compound packet: at byte 8: RTCP packet: version 1 (expected: 2)");
        assertThat(errorOf(RtcpCompound.parse(hex("a0c90001 00000000"), 0, 8)))
                .isEqualTo("RTCP compound packet: at byte 0: RTCP packet type 201: padding count 0 (expected: 1..4)");
        assertThat(errorOf(RtcpCompound.parse(hex("81c90001 00000001"), 0, 8)))
                .isEqualTo("RTCP compound packet: at byte 0: RTCP RR with 1 report blocks: 8 bytes (expected: >= 32)");
    }

    @Test
    void writesAtAnOffset() {
        final List<RtcpPacket> packets = List.of(new ReceiverReport(1, List.of()), new PictureLossIndication(1, 2));
        final byte[] buf = new byte[30];

        assertThat(RtcpCompound.serializeTo(packets, buf, 5))
                .isEqualTo(20).isEqualTo(RtcpCompound.serializedSize(packets));
        assertThat(RtcpCompound.parse(buf, 5, 20).orElseThrow()).isEqualTo(packets);
    }
}
