package dev.remotemedia.rtc.rtp.video;

import static dev.remotemedia.rtc.rtp.video.Hex.hex;
import static dev.remotemedia.rtc.rtp.video.Hex.view;
import static dev.remotemedia.rtc.rtp.video.Hex.views;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Vp8PayloadTest {

    private final Vp8Depacketizer depacketizer = new Vp8Depacketizer();

    @Test
    void parsesADescriptorWithA15BitPictureIdTl0PicIdxAndTidKeyIdx() {
        // X=1 N=1 S=1 PID=2 | I L T K | M=1 PictureID 0x1234 | TL0PICIDX 0xab | TID=2 Y=1 KEYIDX=5
        final byte[] bytes = hex("b2 f0 92 34 ab a5");
        final Vp8Descriptor descriptor = Vp8Descriptor.parse(ByteView.of(bytes)).orElseThrow();
        assertThat(descriptor).isEqualTo(new Vp8Descriptor(true, true, 2, 0x1234, true, 0xab, 2, true, 5));
        assertThat(descriptor.startsFrame()).isFalse();
        assertThat(descriptor.serializedSize()).isEqualTo(6);
        final byte[] written = new byte[6];
        assertThat(descriptor.serializeTo(written, 0)).isEqualTo(6);
        assertThat(written).containsExactly(bytes);
    }

    @Test
    void parsesA7BitPictureIdAndAKeyIdxWithoutTid() {
        final Vp8Descriptor descriptor = Vp8Descriptor.parse(view("90 90 7f 1f")).orElseThrow();
        assertThat(descriptor).isEqualTo(new Vp8Descriptor(false, true, 0, 0x7f, false, -1, -1, false, 31));
        assertThat(Vp8Descriptor.parse(view("10")).orElseThrow()).isEqualTo(Vp8Descriptor.of(true));
    }

    @Test
    void keyframeIsThePBitOfTheFirstPartitionWhenTheFrameStarts() {
        assertThat(depacketizer.inspect(view("90 80 81 00 10 02 00 9d 01 2a")).orElseThrow())
                .isEqualTo(new PayloadInfo(true, true));
        assertThat(depacketizer.inspect(view("90 80 81 00 11")).orElseThrow()).isEqualTo(new PayloadInfo(true, false));
        assertThat(depacketizer.inspect(view("80 80 81 00 10")).orElseThrow()).isEqualTo(new PayloadInfo(false, false));
        assertThat(depacketizer.inspect(view("91 80 81 00 10")).orElseThrow()).isEqualTo(new PayloadInfo(false, false));
        // An X bit with no extension flags still takes its byte.
        assertThat(depacketizer.assemble(List.of(view("90 00 10 aa")), 100).orElseThrow()).containsExactly(hex("10 aa"));
    }

    @Test
    void roundTripsRandomFramesAndCountsPictureIds() {
        final Random random = new Random(7741);
        final Vp8Packetizer packetizer = new Vp8Packetizer(0x7FFE);
        for (int i = 0; i < 300; i++) {
            final int max = i % 7 == 0 ? Vp8Packetizer.MIN_PAYLOAD_SIZE : 5 + random.nextInt(1400);
            final int size = switch (i % 4) {
                case 0 -> max - Vp8Packetizer.DESCRIPTOR_SIZE + random.nextInt(3) - 1;
                case 1 -> 1 + random.nextInt(max < 30 ? 500 : 50_000);
                case 2 -> i % 100 == 2 && max > 500 ? 1_000_000 : 1 + random.nextInt(2000);
                default -> 1 + random.nextInt(10);
            };
            final byte[] frame = Hex.random(random, Math.max(1, size));
            final int pictureId = packetizer.nextPictureId();
            final List<byte[]> payloads = packetizer.packetize(frame, max);
            assertThat(payloads).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(max));
            for (int k = 0; k < payloads.size(); k++) {
                final Vp8Descriptor descriptor = Vp8Descriptor.parse(ByteView.of(payloads.get(k))).orElseThrow();
                assertThat(descriptor.pictureId()).isEqualTo(pictureId);
                assertThat(descriptor.startsFrame()).isEqualTo(k == 0);
                assertThat(depacketizer.inspect(ByteView.of(payloads.get(k))).orElseThrow().keyframe())
                        .isEqualTo(k == 0 && Vp8Packetizer.isKeyframe(frame));
            }
            assertThat(depacketizer.assemble(views(payloads), 1 << 21).orElseThrow()).containsExactly(frame);
        }
        assertThat(packetizer.nextPictureId()).isEqualTo((0x7FFE + 300) & 0x7FFF);
    }

    @Test
    void rejectsTruncatedDescriptorsAndFramesThatDoNotStart() {
        assertThat(Vp8Descriptor.parse(view("")).errorOrNull()).contains("empty");
        assertThat(Vp8Descriptor.parse(view("80")).errorOrNull()).contains("no extension byte");
        assertThat(Vp8Descriptor.parse(view("80 80")).errorOrNull()).contains("PictureID");
        assertThat(Vp8Descriptor.parse(view("80 80 80")).errorOrNull()).contains("15-bit PictureID");
        assertThat(Vp8Descriptor.parse(view("80 40")).errorOrNull()).contains("TL0PICIDX");
        assertThat(Vp8Descriptor.parse(view("80 20")).errorOrNull()).contains("TID/KEYIDX");
        assertThat(depacketizer.inspect(view("10")).errorOrNull()).contains("no data");
        assertThat(depacketizer.assemble(List.of(view("00 aa")), 100).errorOrNull()).contains("expected: S=1, PID=0");
        assertThat(depacketizer.assemble(List.of(view("10 aa"), view("00 bb")), 1).errorOrNull()).contains("larger than 1");
        assertThat(depacketizer.assemble(List.of(), 100).errorOrNull()).contains("no payloads");
    }
}
