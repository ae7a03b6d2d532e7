package dev.remotemedia.rtc.rtp.video;

import static dev.remotemedia.rtc.rtp.video.Hex.hex;
import static dev.remotemedia.rtc.rtp.video.Hex.view;
import static dev.remotemedia.rtc.rtp.video.Hex.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Av1PayloadTest {

    private static final int[] TYPES = {Av1Obu.SEQUENCE_HEADER, Av1Obu.FRAME_HEADER, Av1Obu.TILE_GROUP,
                                        Av1Obu.METADATA, Av1Obu.FRAME, Av1Obu.PADDING};

    private final Av1Packetizer packetizer = new Av1Packetizer();
    private final Av1Depacketizer depacketizer = new Av1Depacketizer();

    @Test
    void parsesAnAggregationHeaderWithTwoElementsAndRestoresSizeFields() {
        // Z=0 Y=0 W=2 N=1 | length 4: sequence header OBU | frame OBU without a length field
        final ByteView payload = view("28 04 08 000000 30 aabb");
        assertThat(Av1AggregationHeader.of(0x28)).isEqualTo(new Av1AggregationHeader(false, false, 2, true));
        assertThat(new Av1AggregationHeader(true, true, 3, false).toByte()).isEqualTo(0xF0);
        assertThat(depacketizer.inspect(payload).orElseThrow()).isEqualTo(new PayloadInfo(true, true));
        assertThat(depacketizer.assemble(List.of(payload), 100).orElseThrow())
                .containsExactly(hex("0a 03 000000 32 02 aabb"));
    }

    @Test
    void joinsAnElementContinuedAcrossPacketsAndDropsTemporalDelimiters() {
        // TD, then a frame OBU with an extension byte split over two packets (Y, then Z).
        final ByteView a = view("60 02 12 00 34 08 11"); // Y=1 W=2: TD element (2 bytes), frame OBU start
        final ByteView b = view("90 22 33");              // Z=1 W=1: its rest
        assertThat(depacketizer.inspect(a).orElseThrow()).isEqualTo(new PayloadInfo(false, false));
        assertThat(depacketizer.inspect(b).orElseThrow()).isEqualTo(new PayloadInfo(false, false));
        assertThat(depacketizer.assemble(List.of(a, b), 100).orElseThrow()).containsExactly(hex("36 08 03 11 22 33"));
    }

    @Test
    void roundTripsRandomTemporalUnitsOverManyPayloadSizes() {
        final Random random = new Random(0xA71);
        for (int i = 0; i < 400; i++) {
            final int max = i % 6 == 0 ? Av1Packetizer.MIN_PAYLOAD_SIZE + random.nextInt(3) : 3 + random.nextInt(1400);
            final ByteArrayOutputStream unit = new ByteArrayOutputStream();
            final ByteArrayOutputStream expected = new ByteArrayOutputStream();
            if (random.nextBoolean()) {
                unit.writeBytes(hex("12 00")); // temporal delimiter, dropped
            }
            final int count = 1 + random.nextInt(5);
            for (int n = 0; n < count; n++) {
                final int size = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(4);
                    case 1 -> max - 3 + random.nextInt(5); // around the payload size
                    case 2 -> max > 500 && random.nextInt(20) == 0 ? 300_000 : random.nextInt(max < 20 ? 500 : 20_000);
                    default -> random.nextInt(300);
                };
                final boolean extension = random.nextInt(4) == 0;
                final byte[] obu = obu(TYPES[random.nextInt(TYPES.length)], extension, Hex.random(random, size));
                unit.writeBytes(obu);
                expected.writeBytes(obu);
            }
            final byte[] frame = unit.toByteArray();
            final List<byte[]> payloads = packetizer.packetize(frame, max);
            assertThat(payloads).allSatisfy(p -> assertThat(p.length).isBetween(2, max));
            for (byte[] payload : payloads) {
                assertThat(depacketizer.inspect(ByteView.of(payload)).isOk()).as("frame %d", i).isTrue();
            }
            assertThat(depacketizer.assemble(views(payloads), 1 << 21).orElseThrow()).as("frame %d, max %d", i, max)
                    .containsExactly(expected.toByteArray());
            assertThat(Av1AggregationHeader.of(payloads.get(0)[0]).newCodedVideoSequence())
                    .isEqualTo(Av1Obu.hasSequenceHeader(frame));
        }
    }

    @Test
    void anElementThatFillsThePayloadGoesWholeAndOneByteMoreIsContinued() {
        final byte[] frame = obu(Av1Obu.FRAME, false, new byte[97]); // 1 + 1 + 97 bytes, 98 as an element
        assertThat(packetizer.packetize(frame, 99)).hasSize(1);
        assertThat(packetizer.packetize(frame, 98)).hasSize(2);
    }

    @Test
    void addsTheSizeFieldTheLastObuOfATemporalUnitMayLack() {
        final List<byte[]> payloads = packetizer.packetize(hex("0a 01 00 30 aa bb"), 1200);
        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0)).containsExactly(hex("28 02 08 00 30 aa bb"));
        assertThat(depacketizer.assemble(views(payloads), 100).orElseThrow()).containsExactly(hex("0a 01 00 32 02 aa bb"));
    }

    @Test
    void rejectsMalformedPayloads() {
        assertThat(depacketizer.inspect(view("")).errorOrNull()).contains("empty");
        assertThat(depacketizer.inspect(view("10")).errorOrNull()).contains("no OBU element");
        assertThat(depacketizer.inspect(view("00 ff ff ff ff ff ff ff ff 01")).errorOrNull()).contains("malformed length");
        assertThat(depacketizer.inspect(view("00 ff ff ff ff 7f")).errorOrNull()).contains("malformed length");
        assertThat(depacketizer.inspect(view("00 05 30 00")).errorOrNull()).contains("of 5 bytes");
        assertThat(depacketizer.inspect(view("00 00")).errorOrNull()).contains("of 0 bytes");
        assertThat(depacketizer.inspect(view("30 01 30 01 30")).errorOrNull()).contains("W=3 but 2");
        assertThat(depacketizer.assemble(List.of(view("90 30 00")), 100).errorOrNull()).contains("Z=1 but no");
        assertThat(depacketizer.assemble(List.of(view("50 30 00"), view("10 30")), 100).errorOrNull())
                .contains("Z=0 after");
        assertThat(depacketizer.assemble(List.of(view("50 30 00")), 100).errorOrNull()).contains("last packet has Y=1");
        assertThat(depacketizer.assemble(List.of(view("10 b0 00")), 100).errorOrNull()).contains("forbidden");
        assertThat(depacketizer.assemble(List.of(view("10 34")), 100).errorOrNull()).contains("extension");
        assertThat(depacketizer.assemble(List.of(view("10 32 09 00")), 100).errorOrNull()).contains("size field");
        assertThat(depacketizer.assemble(List.of(view("10 30 00 00 00")), 3).errorOrNull()).contains("larger than 3");
        assertThatThrownBy(() -> packetizer.packetize(hex("12 00"), 1200)).hasMessageContaining("no OBU");
        assertThatThrownBy(() -> packetizer.packetize(hex("32 05 00"), 1200)).hasMessageContaining("low overhead");
    }

    @Test
    void leb128RejectsOverlongAndOverflowingValues() {
        final byte[] buf = new byte[8];
        for (long value : new long[] {0, 1, 127, 128, 16_383, 16_384, 0xFFFF_FFFFL}) {
            final int end = Leb128.write(buf, 0, value);
            assertThat(end).isEqualTo(Leb128.size(value));
            final long read = Leb128.read(buf, 0, end);
            assertThat(Leb128.value(read)).isEqualTo(value);
            assertThat(Leb128.length(read)).isEqualTo(end);
        }
        assertThat(Leb128.read(hex("80 80 80 80 80 80 80 80 00"), 0, 9)).isEqualTo(Leb128.INVALID);
        assertThat(Leb128.read(hex("80 80 80 80 80 80 80 00"), 0, 8)).isNotEqualTo(Leb128.INVALID); // 8 bytes: ok
        assertThat(Leb128.read(hex("80 80 80 80 10"), 0, 5)).isEqualTo(Leb128.INVALID); // 2^32
        assertThat(Leb128.read(hex("80"), 0, 1)).isEqualTo(Leb128.INVALID);
    }

    /** Returns an OBU with its size field. */
    static byte[] obu(int type, boolean extension, byte[] payload) {
        final byte[] obu = new byte[2 + Leb128.MAX_BYTES + payload.length];
        obu[0] = (byte) (type << 3 | Av1Obu.HAS_SIZE | (extension ? Av1Obu.HAS_EXTENSION : 0));
        int pos = 1;
        if (extension) {
            obu[pos++] = 0x28; // temporal 1, spatial 1
        }
        pos = Leb128.write(obu, pos, payload.length);
        System.arraycopy(payload, 0, obu, pos, payload.length);
        return java.util.Arrays.copyOf(obu, pos + payload.length);
    }
}
