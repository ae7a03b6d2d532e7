package dev.remotemedia.rtc.sctp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

/** Round trips for wire structures: write on a dirty buffer at an offset, check the bytes, parse back. */
final class WireAssertions {

    private static final int OFFSET = 3;
    private static final byte DIRT = 0x5A;

    @FunctionalInterface
    interface Parser<T> {
        ParseResult<T> parse(byte[] buf, int off, int len);
    }

    @FunctionalInterface
    interface Serializer {
        int serializeTo(byte[] dst, int off);
    }

    private WireAssertions() {}

    /**
     * Checks that {@code chunk} writes its padded size with zero padding, parses back equal on its
     * own and inside a packet, and returns its bytes (padding included).
     */
    static <C extends Chunk> byte[] assertChunkRoundTrips(C chunk, Parser<C> parser) {
        final byte[] bytes =
                assertRoundTrips(chunk, chunk.length(), chunk.serializedSize(), chunk::serializeTo, parser);
        final SctpPacket packet = new SctpPacket(5000, 5000, 0x01020304L, List.of(chunk, chunk));
        final byte[] packetBytes = packet.toByteArray();
        assertThat(SctpPacket.parse(packetBytes, 0, packetBytes.length).orElseThrow()).isEqualTo(packet);
        return bytes;
    }

    static <P extends Parameter> byte[] assertParameterRoundTrips(P parameter, Parser<P> parser) {
        return assertRoundTrips(parameter, parameter.length(), parameter.serializedSize(),
                                parameter::serializeTo, parser);
    }

    static <E extends ErrorCause> byte[] assertCauseRoundTrips(E cause, Parser<E> parser) {
        return assertRoundTrips(cause, cause.length(), cause.serializedSize(), cause::serializeTo, parser);
    }

    private static <T> byte[] assertRoundTrips(T value, int length, int size, Serializer serializer,
                                               Parser<T> parser) {
        assertThat(size).isEqualTo(length + 3 & ~3);
        final byte[] buf = new byte[OFFSET + size + 5];
        Arrays.fill(buf, DIRT);

        final int end = serializer.serializeTo(buf, OFFSET);

        assertThat(end).isEqualTo(OFFSET + size);
        assertThat(buf[OFFSET + 2] << 8 & 0xFF00 | buf[OFFSET + 3] & 0xFF).as("Length field").isEqualTo(length);
        for (int i = OFFSET + length; i < end; i++) {
            assertThat(buf[i]).as("padding byte " + (i - OFFSET)).isZero();
        }
        assertThat(buf[end]).as("byte after the end").isEqualTo(DIRT);
        assertThat(parser.parse(buf, OFFSET, length).orElseThrow()).isEqualTo(value);
        assertThat(parser.parse(buf, OFFSET, size).orElseThrow()).isEqualTo(value);
        return Arrays.copyOfRange(buf, OFFSET, end);
    }

    /** Returns the chunk bytes of a captured packet: everything after the common header. */
    static byte[] firstChunkOf(String capturedPacket) {
        final byte[] packet = ChromiumPackets.get(capturedPacket);
        return Arrays.copyOfRange(packet, SctpPacket.COMMON_HEADER_SIZE, packet.length);
    }

    /** Returns the error message of {@code result}, failing if it parsed. */
    static String errorOf(ParseResult<?> result) {
        assertThat(result).isInstanceOf(ParseResult.Error.class);
        return ((ParseResult.Error<?>) result).message();
    }
}
