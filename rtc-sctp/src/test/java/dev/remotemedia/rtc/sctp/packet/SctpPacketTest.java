package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.sctp.packet.SctpPacket.ParseOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SctpPacketTest {

    private static final SctpPacket COOKIE_ECHO_WITH_DATA = new SctpPacket(5000, 5001, 0xCAFEBABEL, List.of(
            new CookieEchoChunk(ByteView.of(new byte[] {1, 2, 3})),
            new DataChunk(7, 1, 0, Ppid.DCEP, ByteView.of(new byte[] {3, 0}), false, true, true, false)));

    @Test
    void roundTripsABundleAtAnOffsetWithAValidChecksum() {
        final byte[] buf = new byte[COOKIE_ECHO_WITH_DATA.serializedSize() + 10];
        Arrays.fill(buf, (byte) 0x77);

        final int end = COOKIE_ECHO_WITH_DATA.serializeTo(buf, 6);

        assertThat(end).isEqualTo(6 + 12 + 8 + 20);
        assertThat(buf[end]).isEqualTo((byte) 0x77);
        assertThat(Arrays.copyOfRange(buf, 6, 18)).startsWith(hex("13881389 cafebabe"));
        assertThat(Crc32c.isValid(buf, 6, end - 6)).isTrue();
        assertThat(SctpPacket.parse(buf, 6, end - 6).orElseThrow()).isEqualTo(COOKIE_ECHO_WITH_DATA);
    }

    @Test
    void rejectsAWrongChecksumUnlessVerificationIsOff() {
        final byte[] packet = COOKIE_ECHO_WITH_DATA.toByteArray();
        final long checksum = Crc32c.readChecksum(packet, 0);
        packet[8] ^= 1;

        assertThat(errorOf(SctpPacket.parse(packet, 0, packet.length))).isEqualTo(String.format(
                "SCTP packet: checksum 0x%08x (expected: 0x%08x)", checksum ^ 1, checksum));
        assertThat(SctpPacket.parse(packet, 0, packet.length, ParseOptions.DEFAULT.withoutChecksumVerification())
                             .orElseThrow()).isEqualTo(COOKIE_ECHO_WITH_DATA);
    }

    @Test
    void acceptsAZeroChecksumOnlyWhenRfc9653WasNegotiated() {
        final byte[] packet = COOKIE_ECHO_WITH_DATA.toByteArray();
        Arrays.fill(packet, 8, 12, (byte) 0);
        final ParseOptions zeroAccepted = ParseOptions.DEFAULT.withZeroChecksumAccepted();

        assertThat(SctpPacket.parse(packet, 0, packet.length).isOk()).isFalse();
        assertThat(SctpPacket.parse(packet, 0, packet.length, zeroAccepted).orElseThrow())
                .isEqualTo(COOKIE_ECHO_WITH_DATA);
        packet[8] = 1;
        assertThat(SctpPacket.parse(packet, 0, packet.length, zeroAccepted).isOk()).isFalse();
    }

    @Test
    void rejectsPacketsTooShortOrTooLong() {
        final byte[] packet = COOKIE_ECHO_WITH_DATA.toByteArray();

        assertThat(errorOf(SctpPacket.parse(packet, 0, 15)))
                .isEqualTo("SCTP packet: 15 bytes (expected: >= 16, a header and a chunk)");
        assertThat(errorOf(SctpPacket.parse(packet, 0, packet.length, ParseOptions.DEFAULT.withMaxPacketSize(39))))
                .isEqualTo("SCTP packet: 40 bytes (expected: <= 39)");
    }

    @Test
    void saysWhichChunkIsMalformed() {
        final byte[] shortChunk = withChecksum(hex("13881388 00000001 00000000 08000004 0b000002"));
        final byte[] longChunk = withChecksum(hex("13881388 00000001 00000000 08000004 0b000010 00000000"));
        final byte[] badSack = withChecksum(hex("13881388 00000001 00000000 08000004 0300000c 00000001 00000002"));
        final byte[] trailing = withChecksum(hex("13881388 00000001 00000000 08000004 000000"));

        assertThat(errorOf(SctpPacket.parse(shortChunk, 0, shortChunk.length)))
                .isEqualTo("SCTP packet: chunk 1 at offset 16: length 2 (expected: 4..4)");
        assertThat(errorOf(SctpPacket.parse(longChunk, 0, longChunk.length)))
                .isEqualTo("SCTP packet: chunk 1 at offset 16: length 16 (expected: 4..8)");
        assertThat(errorOf(SctpPacket.parse(badSack, 0, badSack.length)))
                .isEqualTo("SCTP packet: chunk 1 at offset 16: SACK chunk: length 12 (expected: >= 16)");
        assertThat(errorOf(SctpPacket.parse(trailing, 0, trailing.length)))
                .isEqualTo("SCTP packet: chunk 1 at offset 16: 3 trailing bytes (expected: none, or a 4-byte "
                           + "chunk header)");
    }

    @Test
    void acceptsALastChunkWithoutItsPadding() {
        final byte[] packet = withChecksum(hex("13881388 00000001 00000000 00030011 00000001 00010000 00000033 41"));

        final SctpPacket parsed = SctpPacket.parse(packet, 0, packet.length).orElseThrow();

        assertThat(((DataChunk) parsed.chunks().get(0)).payload()).isEqualTo(ByteView.of(new byte[] {0x41}));
        assertThat(parsed.serializedSize()).isEqualTo(packet.length + 3);
    }

    @Test
    void keepsUnknownChunksInOrderForTheAssociationToJudge() {
        final byte[] packet = withChecksum(hex("13881388 00000001 00000000 0b000004 c1000004 0b000004"));

        assertThat(SctpPacket.parse(packet, 0, packet.length).orElseThrow().chunks()).containsExactly(
                new CookieAckChunk(), new UnknownChunk(0xC1, 0, ByteView.of(new byte[0])), new CookieAckChunk());
    }

    @Test
    void leavesTheInputUnchanged() {
        final byte[] packet = ChromiumPackets.get("page1-00002");

        SctpPacket.parse(packet, 0, packet.length).orElseThrow();

        assertThat(packet).isEqualTo(ChromiumPackets.get("page1-00002"));
    }

    @Test
    void refusesInvalidPacketsAndOptions() {
        assertThatThrownBy(() -> new SctpPacket(1, 2, 3, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunks: [] (expected: at least one chunk)");
        assertThatThrownBy(() -> new SctpPacket(65536, 2, 3, List.of(new CookieAckChunk())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sourcePort: 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> ParseOptions.DEFAULT.withMaxPacketSize(15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPacketSize: 15 (expected: >= 16, a header and a chunk)");
    }

    @Test
    void writesNothingWhenThePacketDoesNotFit() {
        final byte[] dst = new byte[COOKIE_ECHO_WITH_DATA.serializedSize() - 1];

        assertThatThrownBy(() -> COOKIE_ECHO_WITH_DATA.serializeTo(dst, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(dst).isEqualTo(new byte[dst.length]);
    }

    @Test
    void exposesTheParseResultOfAFailure() {
        final ParseResult<SctpPacket> result = SctpPacket.parse(new byte[16], 0, 16);

        assertThat(result.isOk()).isFalse();
        assertThat(result.valueOrNull()).isNull();
        assertThat(result.toString()).startsWith("SCTP packet: checksum");
        assertThatThrownBy(result::orElseThrow)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SCTP packet: checksum");
    }

    private static byte[] withChecksum(byte[] packet) {
        Crc32c.writeChecksum(packet, 0, packet.length);
        return packet;
    }
}
