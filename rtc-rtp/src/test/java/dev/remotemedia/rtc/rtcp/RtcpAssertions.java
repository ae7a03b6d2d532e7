package dev.remotemedia.rtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Round trips for RTCP packets: write on a dirty buffer at an offset, parse back alone and in a compound. */
final class RtcpAssertions {

    private static final int OFFSET = 3;
    private static final byte DIRT = 0x5A;

    @FunctionalInterface
    interface Parser<T> {
        ParseResult<T> parse(byte[] buf, int off, int len);
    }

    private RtcpAssertions() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    /**
     * Checks that {@code packet} writes {@code serializedSize()} bytes with a matching length
     * field, parses back equal with {@code parser} and inside a compound; returns its bytes.
     */
    static <T extends RtcpPacket> byte[] assertRoundTrips(T packet, Parser<T> parser) {
        final int size = packet.serializedSize();
        assertThat(size % 4).as("size is a multiple of 4").isZero();
        final byte[] buf = new byte[OFFSET + size + 5];
        Arrays.fill(buf, DIRT);

        assertThat(packet.serializeTo(buf, OFFSET)).isEqualTo(size);

        assertThat(buf[OFFSET] & 0xC0).as("version 2").isEqualTo(0x80);
        assertThat(((buf[OFFSET + 2] & 0xFF) << 8 | buf[OFFSET + 3] & 0xFF) + 1).as("length field").isEqualTo(size / 4);
        assertThat(buf[OFFSET + size]).as("nothing written past the end").isEqualTo(DIRT);
        assertThat(parser.parse(buf, OFFSET, size).orElseThrow()).isEqualTo(packet);
        final byte[] compound = RtcpCompound.serialize(List.of(packet, packet));
        assertThat(RtcpCompound.parse(compound, 0, compound.length).orElseThrow()).containsExactly(packet, packet);
        return Arrays.copyOfRange(buf, OFFSET, OFFSET + size);
    }

    static String errorOf(ParseResult<?> result) {
        assertThat(result.isOk()).as("parse fails: %s", result).isFalse();
        return result.errorOrNull();
    }
}
