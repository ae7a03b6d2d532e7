package dev.remotemedia.rtc.rtp;

import static dev.remotemedia.rtc.rtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.SeqNum16;
import dev.remotemedia.rtc.common.SeqNum32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    /**
     * A Chromium video packet with the one-byte extensions abs-send-time (id 2), transport-wide-cc
     * (id 4) and a 3-byte id 13, header only (the capture cut the payload). From the Wireshark
     * dissection of a Chromium session in olivermichel/webrtc-analysis, test/include/data.h
     * ({@code rtp_pkt1}).
     */
    static final byte[] CHROMIUM_ONE_BYTE_EXTENSIONS = hex(
            "902d1a5f d4090549 f7b16e83 bede0003 22f34350 41009b d2810045 00");

    /**
     * A Chromium video packet in the two-byte form (profile 0x1000): seven elements, one of 33
     * bytes (the dependency descriptor), so the one-byte form could not carry it. Same source
     * ({@code rtp_pkt3}).
     */
    static final byte[] CHROMIUM_TWO_BYTE_EXTENSIONS = hex(
            "902d61c5 950a0fee 8d3814e5 10000011"
            + "020303f7ae 04020002 090130 030100 060102"
            + "070d 01000100 07000700 0a000000 00"
            + "0d21 c0000180 03187aaa f130a0a0 14d14138 23046008 64222226 5009f007 7013f00e f0");

    @Test
    void parsesChromiumsOneByteExtensions() {
        final RtpPacket packet = RtpPacket.parse(CHROMIUM_ONE_BYTE_EXTENSIONS, 0, 28).orElseThrow();

        assertThat(packet.marker()).isFalse();
        assertThat(packet.payloadType()).isEqualTo(45);
        assertThat(packet.sequenceNumber()).isEqualTo(6751);
        assertThat(packet.timestamp()).isEqualTo(3557360969L);
        assertThat(packet.ssrc()).isEqualTo(0xF7B16E83L);
        assertThat(packet.csrcs()).isEmpty();
        assertThat(packet.extensions().isOneByteForm()).isTrue();
        assertThat(packet.extensions().elements()).extracting(HeaderExtension::id).containsExactly(2, 4, 13);
        assertThat(packet.extension(2)).isEqualTo(ByteView.of(hex("f34350")));
        assertThat(packet.extension(4)).isEqualTo(ByteView.of(hex("009b")));
        assertThat(packet.extension(13)).isEqualTo(ByteView.of(hex("810045")));
        assertThat(packet.extension(1)).isNull();
        assertThat(packet.payload().isEmpty()).isTrue();
        assertThat(packet.toByteArray()).isEqualTo(CHROMIUM_ONE_BYTE_EXTENSIONS);
    }

    @Test
    void parsesChromiumsTwoByteExtensions() {
        final byte[] bytes = CHROMIUM_TWO_BYTE_EXTENSIONS;

        final RtpPacket packet = RtpPacket.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(packet.sequenceNumber()).isEqualTo(25029);
        assertThat(packet.timestamp()).isEqualTo(2500464622L);
        assertThat(packet.extensions().isTwoByteForm()).isTrue();
        assertThat(packet.extensions().elements()).extracting(HeaderExtension::id)
                                                  .containsExactly(2, 4, 9, 3, 6, 7, 13);
        assertThat(packet.extension(13).length()).isEqualTo(33);
        assertThat(packet.extension(7)).isEqualTo(ByteView.of(hex("01000100070007000a00000000")));
        assertThat(packet.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void payloadIsAViewOfTheInputNotACopy() {
        final byte[] buf = hex("ffff 80e0 0001 00000002 00000003 0a0b0c ffff");

        final RtpPacket packet = RtpPacket.parse(buf, 2, 15).orElseThrow();

        assertThat(packet.payload().array()).isSameAs(buf);
        assertThat(packet.payload().arrayOffset()).isEqualTo(14);
        assertThat(packet.payload()).isEqualTo(ByteView.of(hex("0a0b0c")));
        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isEqualTo(96);
    }

    @Test
    void roundTripsFifteenCsrcsPaddingAndBothExtensionForms() {
        final List<Long> csrcs = new ArrayList<>();
        for (long i = 0; i < 15; i++) {
            csrcs.add(0xFFFF_FFF0L + i);
        }
        final RtpPacket oneByte = RtpPacket.builder()
                .marker(true).payloadType(127).sequenceNumber(65535).timestamp(SeqNum32.MAX_VALUE)
                .ssrc(0xFFFF_FFFFL).csrcs(csrcs)
                .extension(1, hex("ff")).extension(14, new byte[16])
                .payload(hex("01020304 05")).paddingSize(7)
                .build();
        final RtpPacket twoByte = oneByte.toBuilder().extension(15, new byte[0]).build();

        for (RtpPacket packet : List.of(oneByte, twoByte)) {
            final byte[] bytes = assertRoundTrips(packet);
            assertThat(bytes[0] & 0xFF).isEqualTo(0x80 | 0x20 | 0x10 | 15);
            assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 7);
        }
        assertThat(oneByte.extensions().isOneByteForm()).isTrue();
        assertThat(twoByte.extensions().isTwoByteForm()).isTrue();
        assertThat(twoByte.extension(15).isEmpty()).isTrue();
        assertThat(oneByte.headerSize()).isEqualTo(12 + 60 + 4 + 20);
    }

    @Test
    void paddingIsNotPartOfThePayload() {
        final byte[] bytes = hex("a0000001 00000002 00000003 cafe 000003");

        final RtpPacket packet = RtpPacket.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(packet.payload()).isEqualTo(ByteView.of(hex("cafe")));
        assertThat(packet.paddingSize()).isEqualTo(3);
        assertThat(packet.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void aPacketOfOnlyPaddingHasAnEmptyPayload() {
        final byte[] bytes = hex("a0000001 00000002 00000003 00000004");

        final RtpPacket packet = RtpPacket.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(packet.payload().isEmpty()).isTrue();
        assertThat(packet.paddingSize()).isEqualTo(4);
    }

    @Test
    void sequenceNumbersWrapFrom65535ToZero() {
        final RtpPacket last = RtpPacket.builder().sequenceNumber(65535).timestamp(0xFFFF_FC40L).build();
        final RtpPacket next = last.toBuilder()
                .sequenceNumber(SeqNum16.add(last.sequenceNumber(), 1))
                .timestamp(SeqNum32.add(last.timestamp(), 960))
                .build();

        final RtpPacket parsed = RtpPacket.parse(next.toByteArray(), 0, next.serializedSize()).orElseThrow();

        assertThat(parsed.sequenceNumber()).isZero();
        assertThat(parsed.timestamp()).isZero();
        assertThat(SeqNum16.isNewer(parsed.sequenceNumber(), last.sequenceNumber())).isTrue();
        assertThat(SeqNum32.isNewer(parsed.timestamp(), last.timestamp())).isTrue();
    }

    @Test
    void oneByteFormSkipsPaddingAndStopsAtTheReservedId15() {
        // RFC 8285 §4.2: padding bytes between elements, then ID 15 ends processing of the block.
        final byte[] bytes = hex("90000001 00000002 00000003 bede0002 10aa 0000 f5 112233 77");

        final RtpPacket packet = RtpPacket.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(packet.extensions().elements()).containsExactly(
                new HeaderExtension(1, ByteView.of(hex("aa"))));
        assertThat(packet.payload()).isEqualTo(ByteView.of(hex("77")));
    }

    @Test
    void keepsAnExtensionOfAnotherProfileRaw() {
        final byte[] bytes = hex("90000001 00000002 00000003 abcd0001 01020304 99");

        final RtpPacket packet = RtpPacket.parse(bytes, 0, bytes.length).orElseThrow();

        assertThat(packet.extensions().profile()).isEqualTo(0xABCD);
        assertThat(packet.extensions().elements()).isEmpty();
        assertThat(packet.extensions().rawData()).isEqualTo(ByteView.of(hex("01020304")));
        assertThat(packet.extension(1)).isNull();
        assertThat(packet.toByteArray()).isEqualTo(bytes);
        assertThat(packet.toBuilder().build()).isEqualTo(packet);
    }

    @Test
    void builderReplacesAnExtensionWithTheSameIdAndPicksTheTwoByteFormWhenNeeded() {
        final RtpPacket packet = RtpPacket.builder()
                .extension(3, hex("01")).extension(3, hex("02")).extension(4, hex("04"))
                .removeExtension(4)
                .build();
        assertThat(packet.extensions().elements()).containsExactly(HeaderExtension.of(3, hex("02")));
        assertThat(packet.extensions().isOneByteForm()).isTrue();

        assertThat(RtpPacket.builder().extension(1, new byte[17]).build().extensions().isTwoByteForm()).isTrue();
        assertThat(RtpPacket.builder().extension(200, hex("01")).build().extensions().isTwoByteForm()).isTrue();
        assertThat(RtpPacket.builder().build().extensions()).isNull();
    }

    @Test
    void rejectsMalformedPackets() {
        assertThat(error("80000001 00000002 000000")).isEqualTo("RTP packet: 11 bytes (expected: >= 12)");
        assertThat(error("40000001 00000002 00000003")).isEqualTo("RTP packet: version 1 (expected: 2)");
        assertThat(error("82000001 00000002 00000003 00000004"))
                .isEqualTo("RTP packet: 16 bytes (expected: >= 20 for 2 CSRCs)");
        assertThat(error("90000001 00000002 00000003 bede"))
                .isEqualTo("RTP packet: RTP header extension: 2 bytes (expected: >= 4)");
        assertThat(error("90000001 00000002 00000003 bede0002 10aa0000"))
                .isEqualTo("RTP packet: RTP header extension: length 8 bytes (expected: <= 4, what is left of "
                           + "the packet)");
        assertThat(error("90000001 00000002 00000003 bede0001 10aa 3f00"))
                .isEqualTo("RTP packet: RTP header extension: element 3 at byte 2 has 16 bytes (expected: <= 1, "
                           + "what is left of the block)");
        assertThat(error("90000001 00000002 00000003 10000001 0101aa01"))
                .isEqualTo("RTP packet: RTP header extension: element 1 at byte 3 has no length byte");
        assertThat(error("a0000001 00000002 00000003 cafe0000"))
                .isEqualTo("RTP packet: padding count 0 (expected: 1..4, the bytes after the header)");
        assertThat(error("a0000001 00000002 00000003 cafe0005"))
                .isEqualTo("RTP packet: padding count 5 (expected: 1..4, the bytes after the header)");
        assertThat(error("a0000001 00000002 00000003"))
                .isEqualTo("RTP packet: padding bit set but no byte after the header");
    }

    @Test
    void refusesOutOfRangeFieldsWhenBuilding() {
        assertThatThrownBy(() -> RtpPacket.builder().payloadType(128).build())
                .hasMessage("payloadType: 128 (expected: 0..127)");
        assertThatThrownBy(() -> RtpPacket.builder().sequenceNumber(65536).build())
                .hasMessage("sequenceNumber: 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> RtpPacket.builder().csrcs(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L,
                                                                   13L, 14L, 15L, 16L)).build())
                .hasMessage("csrcs: 16 (expected: 0..15)");
        assertThatThrownBy(() -> RtpPacket.builder().paddingSize(256).build())
                .hasMessage("paddingSize: 256 (expected: 0..255)");
        assertThatThrownBy(() -> RtpPacket.builder().extension(0, hex("01")))
                .hasMessage("id: 0 (expected: 1..255)");
        assertThatThrownBy(() -> new HeaderExtensions(HeaderExtensions.ONE_BYTE_PROFILE,
                                                      List.of(HeaderExtension.of(15, hex("01"))),
                                                      ByteView.of(new byte[0])))
                .hasMessageStartingWith("element: id 15, 1 bytes (expected: id 1..14 and 1..16 bytes");
    }

    @Test
    void serializesAtAnOffsetAndRefusesABufferTooSmall() {
        final RtpPacket packet = RtpPacket.builder().payload(hex("0102")).build();
        final byte[] buf = new byte[20];

        assertThat(packet.serializeTo(buf, 6)).isEqualTo(14);
        assertThatThrownBy(() -> packet.serializeTo(buf, 7)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static String error(String hex) {
        final byte[] bytes = hex(hex);
        return RtpPacket.parse(bytes, 0, bytes.length).errorOrNull();
    }

    /** Writes {@code packet} at an offset in a dirty buffer, parses it back and returns its bytes. */
    static byte[] assertRoundTrips(RtpPacket packet) {
        final byte[] buf = new byte[packet.serializedSize() + 8];
        Arrays.fill(buf, (byte) 0x5A);

        assertThat(packet.serializeTo(buf, 3)).isEqualTo(packet.serializedSize());

        assertThat(RtpPacket.parse(buf, 3, packet.serializedSize()).orElseThrow()).isEqualTo(packet);
        return Arrays.copyOfRange(buf, 3, 3 + packet.serializedSize());
    }
}
