package dev.remotemedia.rtc.rtp.video;

import static dev.remotemedia.rtc.rtp.video.Hex.hex;
import static dev.remotemedia.rtc.rtp.video.Hex.view;
import static dev.remotemedia.rtc.rtp.video.Hex.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.video.Vp9ScalabilityStructure.PictureGroupEntry;
import dev.remotemedia.rtc.rtp.video.Vp9ScalabilityStructure.Resolution;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Vp9PayloadTest {

    /** A 640x480 profile 0 key frame header: frame marker, sync code, color config, frame size. */
    static final String KEYFRAME_HEADER = "82 49 83 42 00 27 f0 1d f0";
    /** A profile 0 inter frame header: frame_type 1, show_frame 1. */
    static final String DELTA_HEADER = "86";

    private final Vp9Depacketizer depacketizer = new Vp9Depacketizer();

    @Test
    void parsesAFlexibleModeDescriptorWithThreePDiffs() {
        // I P L F B . . . | M PID 0x0123 | TID=1 U SID=0 D=0 | P_DIFF 1 N | P_DIFF 2 N | P_DIFF 4
        final byte[] bytes = hex("f8 81 23 30 03 05 08");
        final Vp9Descriptor descriptor = Vp9Descriptor.parse(ByteView.of(bytes)).orElseThrow();
        assertThat(descriptor).isEqualTo(new Vp9Descriptor(true, true, true, false, false, 0x123, true, 1, true, 0,
                                                           false, -1, List.of(1, 2, 4), null));
        assertThat(descriptor.startsPicture()).isTrue();
        assertThat(descriptor.startsKeyframe()).isFalse();
        final byte[] written = new byte[descriptor.serializedSize()];
        descriptor.serializeTo(written, 0);
        assertThat(written).containsExactly(bytes);
    }

    @Test
    void parsesANonFlexibleDescriptorWithTheScalabilityStructure() {
        // I L B V | PID 0x05 | TID 0 SID 1 D | TL0PICIDX 0x7f | SS: N_S=1 Y G | 320x180 | 640x360 |
        // N_G=2 | T=0 R=1 P_DIFF 4 | T=1 U R=1 P_DIFF 1
        final byte[] bytes = hex("aa 05 03 7f 38 0140 00b4 0280 0168 02 04 04 34 01");
        final Vp9Descriptor descriptor = Vp9Descriptor.parse(ByteView.of(bytes)).orElseThrow();
        assertThat(descriptor.pictureId()).isEqualTo(5);
        assertThat(descriptor.spatialId()).isEqualTo(1);
        assertThat(descriptor.interLayerDependency()).isTrue();
        assertThat(descriptor.tl0PicIdx()).isEqualTo(0x7f);
        assertThat(descriptor.startsPicture()).isFalse(); // B on spatial layer 1
        assertThat(descriptor.scalability()).isEqualTo(new Vp9ScalabilityStructure(
                2, List.of(new Resolution(320, 180), new Resolution(640, 360)),
                List.of(new PictureGroupEntry(0, false, List.of(4)), new PictureGroupEntry(1, true, List.of(1)))));
        final byte[] written = new byte[descriptor.serializedSize()];
        descriptor.serializeTo(written, 0);
        assertThat(written).containsExactly(bytes);
    }

    @Test
    void rejectsTruncatedDescriptorsAndAbsurdScalabilityStructures() {
        assertThat(Vp9Descriptor.parse(view("")).errorOrNull()).contains("empty");
        assertThat(Vp9Descriptor.parse(view("80")).errorOrNull()).contains("picture ID");
        assertThat(Vp9Descriptor.parse(view("80 80")).errorOrNull()).contains("15-bit picture ID");
        assertThat(Vp9Descriptor.parse(view("20")).errorOrNull()).contains("layer indices");
        assertThat(Vp9Descriptor.parse(view("20 00")).errorOrNull()).contains("TL0PICIDX");
        assertThat(Vp9Descriptor.parse(view("50 03 03 03")).errorOrNull()).contains("more than 3 P_DIFFs");
        assertThat(Vp9Descriptor.parse(view("50 03")).errorOrNull()).contains("P_DIFF 2");
        assertThat(Vp9Descriptor.parse(view("50 00")).errorOrNull()).contains("P_DIFF 0");
        assertThat(Vp9Descriptor.parse(view("02")).errorOrNull()).contains("scalability structure: missing");
        assertThat(Vp9Descriptor.parse(view("02 f0 0001 0001")).errorOrNull()).contains("resolutions of 8");
        assertThat(Vp9Descriptor.parse(view("02 08")).errorOrNull()).contains("no N_G");
        assertThat(Vp9Descriptor.parse(view("02 08 ff 0c 01 02 03")).errorOrNull()).contains("N_G 255");
        assertThat(Vp9Descriptor.parse(view("02 08 01 0c 01")).errorOrNull()).contains("R=3");
        assertThat(depacketizer.inspect(view("08")).errorOrNull()).contains("no data");
        assertThat(depacketizer.assemble(List.of(view("00 aa")), 100).errorOrNull()).contains("B=0");
        assertThat(depacketizer.assemble(List.of(view("08 aa"), view("00 bb")), 1).errorOrNull()).contains("larger");
    }

    @Test
    void keyframesCarryTheScalabilityStructureAndPZero() {
        final Vp9Packetizer packetizer = new Vp9Packetizer(100);
        final byte[] keyframe = hex(KEYFRAME_HEADER + "00".repeat(3000));
        final List<byte[]> payloads = packetizer.packetize(keyframe, 1200);
        final Vp9Descriptor first = Vp9Descriptor.parse(ByteView.of(payloads.get(0))).orElseThrow();
        assertThat(first.startsKeyframe()).isTrue();
        assertThat(first.flexible()).isFalse();
        assertThat(first.scalability().resolutions()).containsExactly(new Resolution(640, 480));
        assertThat(Vp9Descriptor.parse(ByteView.of(payloads.get(1))).orElseThrow().scalability()).isNull();
        assertThat(Vp9Descriptor.parse(ByteView.of(payloads.get(payloads.size() - 1))).orElseThrow().endOfFrame())
                .isTrue();
        assertThat(depacketizer.inspect(ByteView.of(payloads.get(0))).orElseThrow()).isEqualTo(new PayloadInfo(true, true));

        final List<byte[]> delta = packetizer.packetize(hex(DELTA_HEADER + "11 22"), 1200);
        final Vp9Descriptor next = Vp9Descriptor.parse(ByteView.of(delta.get(0))).orElseThrow();
        assertThat(next.interPicturePredicted()).isTrue();
        assertThat(next.pictureId()).isEqualTo(101);
        assertThat(next.tl0PicIdx()).isEqualTo(101);
        assertThat(depacketizer.inspect(ByteView.of(delta.get(0))).orElseThrow()).isEqualTo(new PayloadInfo(true, false));
        assertThatThrownBy(() -> packetizer.packetize(hex("00 11"), 1200)).hasMessageContaining("uncompressed header");
    }

    @Test
    void roundTripsRandomFrames() {
        final Random random = new Random(9628);
        final Vp9Packetizer packetizer = new Vp9Packetizer(0x7FFF);
        for (int i = 0; i < 300; i++) {
            final int max = i % 9 == 0 ? Vp9Packetizer.MIN_PAYLOAD_SIZE : 14 + random.nextInt(1400);
            final byte[] header = hex(i % 10 == 0 ? KEYFRAME_HEADER : DELTA_HEADER);
            final int size = switch (i % 4) {
                case 0 -> max - Vp9Packetizer.DESCRIPTOR_SIZE + random.nextInt(3) - 1;
                case 1 -> random.nextInt(max < 30 ? 500 : 30_000);
                case 2 -> i % 100 == 2 && max > 500 ? 1_000_000 : random.nextInt(2000);
                default -> random.nextInt(10);
            };
            final byte[] frame = new byte[header.length + Math.max(0, size)];
            random.nextBytes(frame);
            System.arraycopy(header, 0, frame, 0, header.length);
            final List<byte[]> payloads = packetizer.packetize(frame, max);
            assertThat(payloads).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(max));
            assertThat(depacketizer.assemble(views(payloads),
                                             1 << 21).orElseThrow()).containsExactly(frame);
        }
    }
}
