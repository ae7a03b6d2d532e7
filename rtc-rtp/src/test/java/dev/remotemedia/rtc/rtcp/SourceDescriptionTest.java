package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.assertRoundTrips;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.errorOf;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceDescriptionTest {

    /**
     * The SDES of a browser's compound SR+SDES: a 16-character CNAME in Chromium's form. From Pion's
     * rtcp sender_report_test.go ("with extension", Pion issue #447), bytes 28..55.
     */
    static final byte[] CHROMIUM_CNAME = hex(
            "81ca0006 2b7ec0c5 0110 4c634966 7a586f6e 446f7264 53655736 0000");

    @Test
    void parsesChromiumsCname() {
        final SourceDescription sdes = SourceDescription.parse(CHROMIUM_CNAME, 0, CHROMIUM_CNAME.length).orElseThrow();

        assertThat(sdes).isEqualTo(SourceDescription.ofCname(0x2B7EC0C5L, "LcIfzXonDordSeW6"));
        assertThat(sdes.cname(0x2B7EC0C5L)).isEqualTo("LcIfzXonDordSeW6");
        assertThat(sdes.cname(1)).isNull();
        assertThat(assertRoundTrips(sdes, SourceDescription::parse)).isEqualTo(CHROMIUM_CNAME);
    }

    @Test
    void parsesABrowsersBracedCname() {
        // From the browser packet dump in Pion's rtcp packet_test.go, bytes 32..83.
        final byte[] bytes = hex("81ca000c 902f9e2e 0126 7b396330 30656239 322d3161 66622d39 6434392d"
                                 + "61343764 2d393166 36346565 65363966 357d 00000000");

        final SourceDescription sdes = SourceDescription.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(sdes.cname(0x902F9E2EL)).isEqualTo("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}");
        assertThat(assertRoundTrips(sdes, SourceDescription::parse)).isEqualTo(bytes);
    }

    @Test
    void roundTripsSeveralChunksWithSeveralItemsAndNone() {
        final SourceDescription sdes = new SourceDescription(List.of(
                new SourceDescription.Chunk(1, List.of(
                        SourceDescription.Item.of(SourceDescription.CNAME, "user@host"),
                        SourceDescription.Item.of(SourceDescription.TOOL, "RemoteMedia"),
                        SourceDescription.Item.of(SourceDescription.NOTE, ""),
                        new SourceDescription.Item(SourceDescription.PRIV, ByteView.of(hex("0161ff"))))),
                new SourceDescription.Chunk(2, List.of()),
                new SourceDescription.Chunk(3, List.of(SourceDescription.Item.of(SourceDescription.NAME, "ünï")))));

        assertRoundTrips(sdes, SourceDescription::parse);
        assertThat(assertRoundTrips(new SourceDescription(List.of(new SourceDescription.Chunk(2, List.of()))),
                                    SourceDescription::parse))
                .isEqualTo(hex("81ca0002 00000002 00000000"));
        assertThat(sdes.chunks().get(2).items().get(0).text()).isEqualTo("ünï");
    }

    @Test
    void rejectsChunksThatRunPastThePacket() {
        assertThat(errorOf(SourceDescription.parse(hex("82ca0002 00000001 00000000"), 0, 12)))
                .isEqualTo("RTCP SDES: chunk 2 of 2 has 0 bytes (expected: >= 8)");
        assertThat(errorOf(SourceDescription.parse(hex("81ca0002 00000001 0105aabb"), 0, 12)))
                .isEqualTo("RTCP SDES: item type 1 in chunk 1 runs past the packet");
        assertThat(errorOf(SourceDescription.parse(hex("81ca0002 00000001 0102aabb"), 0, 12)))
                .isEqualTo("RTCP SDES: chunk 1 (SSRC 1) has no END item");
        // The P bit leaves 10 bytes of body; the END at byte 8 needs zeros up to byte 12.
        assertThat(errorOf(SourceDescription.parse(hex("a1ca0003 00000001 0102aabb 00000002"), 0, 16)))
                .isEqualTo("RTCP SDES: chunk 1 (SSRC 1) is not padded to a 32-bit boundary");
    }
}
