package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.firstChunkOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataChunkTest {

    private static final ByteView HELLO = ByteView.of("hello".getBytes(StandardCharsets.UTF_8));

    @Test
    void parsesChromiumsTextMessage() {
        final byte[] chunk = firstChunkOf("page1-00018");

        final DataChunk data = DataChunk.parse(chunk, 0, chunk.length).orElseThrow();

        assertThat(data).isEqualTo(new DataChunk(0xEFF12CA8L, 1, 1, Ppid.STRING, HELLO, false, true, true, false));
        assertThat(data.length()).isEqualTo(21);
        assertThat(data.serializedSize()).isEqualTo(24);
    }

    @Test
    void parsesChromiumsEmptyMessagesAsOneByteWithTheEmptyPpids() {
        final byte[] emptyString = firstChunkOf("page1-00019");
        final byte[] emptyBinary = firstChunkOf("page1-00021");

        final DataChunk text = DataChunk.parse(emptyString, 0, emptyString.length).orElseThrow();
        final DataChunk binary = DataChunk.parse(emptyBinary, 0, emptyBinary.length).orElseThrow();

        assertThat(text.ppid()).isEqualTo(Ppid.STRING_EMPTY);
        assertThat(text.payload()).isEqualTo(ByteView.of(new byte[1]));
        assertThat(binary.ppid()).isEqualTo(Ppid.BINARY_EMPTY);
        assertThat(binary.payload()).isEqualTo(ByteView.of(new byte[1]));
    }

    @Test
    void parsesTheFragmentFlagsOfChromiumsUnorderedMessage() {
        final DataChunk first = parse(firstChunkOf("page1-00022"));
        final DataChunk middle = parse(firstChunkOf("page1-00023"));
        final DataChunk last = parse(firstChunkOf("page1-00024"));

        assertThat(first.unordered() && first.beginning() && !first.end()).isTrue();
        assertThat(middle.unordered() && !middle.beginning() && !middle.end()).isTrue();
        assertThat(last.unordered() && !last.beginning() && last.end()).isTrue();
        assertThat(first.payload().length() + middle.payload().length() + last.payload().length()).isEqualTo(3000);
        assertThat(middle.tsn()).isEqualTo(first.tsn() + 1);
    }

    @Test
    void roundTripsEveryFlagCombination() {
        for (int flags = 0; flags < 16; flags++) {
            final DataChunk data = new DataChunk(0xFFFF_FFFFL, 65535, 65535, Ppid.BINARY, HELLO,
                                                 (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
                                                 (flags & 8) != 0);

            final byte[] bytes = assertChunkRoundTrips(data, DataChunk::parse);

            // Wire order of the flag bits: I U B E.
            assertThat(bytes[1] & 0xFF)
                    .isEqualTo((flags & 8) | (flags & 1) << 2 | (flags & 2) | (flags & 4) >> 2);
        }
    }

    @Test
    void writesTheRfcLayout() {
        final DataChunk data = new DataChunk(0x01020304L, 0x0506, 0x0708, 0x090A0B0CL,
                                             ByteView.of(new byte[] {(byte) 0xAA}), false, true, true, true);

        assertThat(assertChunkRoundTrips(data, DataChunk::parse))
                .isEqualTo(hex("000b0011 01020304 05060708 090a0b0c aa000000"));
    }

    @Test
    void acceptsAChunkWithoutUserDataSoTheAssociationCanAnswerIt() {
        final DataChunk data = parse(hex("00030010 00000001 00010000 00000033"));

        assertThat(data.payload().isEmpty()).isTrue();
        assertChunkRoundTrips(data, DataChunk::parse);
    }

    @Test
    void dropsTheReservedFlagBits() {
        final DataChunk data = parse(hex("00f30011 00000001 00010000 00000033 41000000"));

        assertThat(data.beginning() && data.end() && !data.unordered() && !data.immediate()).isTrue();
    }

    @Test
    void sharesTheInputArrayForThePayload() {
        final byte[] chunk = firstChunkOf("page1-00018");

        final DataChunk data = parse(chunk);

        assertThat(data.payload().array()).isSameAs(chunk);
        assertThat(data.payload().arrayOffset()).isEqualTo(DataChunk.HEADER_LENGTH);
    }

    @Test
    void rejectsMalformedChunks() {
        assertThat(errorOf(DataChunk.parse(hex("0003000c 00000001 00010000"), 0, 12)))
                .isEqualTo("DATA chunk: length 12 (expected: >= 16)");
        assertThat(errorOf(DataChunk.parse(hex("00030014 00000001 00010000 00000033"), 0, 16)))
                .isEqualTo("DATA chunk: length 20 (expected: <= 16, the bytes available)");
        assertThat(errorOf(DataChunk.parse(hex("03000010 00000001 00010000 00000033"), 0, 16)))
                .isEqualTo("DATA chunk: type 3 (expected: 0)");
        assertThat(errorOf(DataChunk.parse(hex("0003"), 0, 2)))
                .isEqualTo("DATA chunk: 2 bytes (expected: >= 4, the header)");
    }

    @Test
    void refusesOutOfRangeFields() {
        assertThatThrownBy(() -> new DataChunk(-1, 0, 0, 0, HELLO, false, true, true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tsn: -1 (expected: 0..4294967295)");
        assertThatThrownBy(() -> new DataChunk(0, 65536, 0, 0, HELLO, false, true, true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streamId: 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> new DataChunk(0, 0, 0, 0, ByteView.of(new byte[65520]), false, true, true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DATA chunk: length 65536 (expected: <= 65535)");
    }

    @Test
    void writesNothingWhenTheChunkDoesNotFit() {
        final DataChunk data = new DataChunk(1, 1, 1, Ppid.STRING, HELLO, false, true, true, false);
        final byte[] dst = new byte[23];

        assertThatThrownBy(() -> data.serializeTo(dst, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(dst).isEqualTo(new byte[23]);
    }

    @Test
    void namesThePpidsOfRfc8831() {
        assertThat(Arrays.asList(Ppid.DCEP, Ppid.STRING, Ppid.STRING_PARTIAL, Ppid.BINARY, Ppid.BINARY_PARTIAL,
                                 Ppid.STRING_EMPTY, Ppid.BINARY_EMPTY))
                .containsExactly(50L, 51L, 52L, 53L, 54L, 56L, 57L);
    }

    private static DataChunk parse(byte[] chunk) {
        return DataChunk.parse(chunk, 0, chunk.length).orElseThrow();
    }
}
