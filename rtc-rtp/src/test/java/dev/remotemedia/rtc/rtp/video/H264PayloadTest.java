package dev.remotemedia.rtc.rtp.video;

import static dev.remotemedia.rtc.rtp.video.Hex.hex;
import static dev.remotemedia.rtc.rtp.video.Hex.view;
import static dev.remotemedia.rtc.rtp.video.Hex.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class H264PayloadTest {

    private static final int MAX = 1 << 22;
    private final H264Packetizer packetizer = new H264Packetizer();
    private final H264Depacketizer depacketizer = new H264Depacketizer();

    @Test
    void spsAndPpsGoInOneStapAAndTheIdrSliceIsFragmented() {
        final byte[] sps = hex("67 42 c0 1f 8c 8d 40");
        final byte[] pps = hex("68 ce 3c 80");
        final byte[] idr = new byte[3000];
        idr[0] = 0x65;
        idr[1] = (byte) 0x88; // first_mb_in_slice = 0
        final List<byte[]> payloads = packetizer.packetizeNals(List.of(sps, pps, idr), 1200);

        assertThat(payloads).hasSize(4);
        assertThat(payloads.get(0)).containsExactly(hex("78 0007 67 42 c0 1f 8c 8d 40 0004 68 ce 3c 80"));
        assertThat(payloads.get(1)[0]).isEqualTo((byte) 0x7c); // NRI of the IDR, type 28
        assertThat(payloads.get(1)[1]).isEqualTo((byte) 0x85); // S, type 5
        assertThat(payloads.get(2)[1]).isEqualTo((byte) 0x05);
        assertThat(payloads.get(3)[1]).isEqualTo((byte) 0x45); // E, type 5
        assertThat(payloads).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(1200));

        assertThat(depacketizer.inspect(ByteView.of(payloads.get(0))).orElseThrow())
                .isEqualTo(new PayloadInfo(true, true));
        assertThat(depacketizer.inspect(ByteView.of(payloads.get(2))).orElseThrow())
                .isEqualTo(new PayloadInfo(false, false));
        final List<byte[]> nals = depacketizer.assembleNals(views(payloads), MAX).orElseThrow();
        assertThat(nals).hasSize(3);
        assertThat(nals.get(0)).containsExactly(sps);
        assertThat(nals.get(1)).containsExactly(pps);
        assertThat(nals.get(2)).containsExactly(idr);
    }

    @Test
    void parsesAHandMadeFuAStartAndEnd() {
        // FU indicator F=0 NRI=3 type 28; FU header S=1 type 5, then E=1 type 5 (RFC 6184 §5.8).
        final ByteView start = view("7c 85 88 80 21");
        final ByteView end = view("7c 45 aa bb");
        assertThat(depacketizer.inspect(start).orElseThrow()).isEqualTo(new PayloadInfo(true, true));
        assertThat(depacketizer.inspect(end).orElseThrow()).isEqualTo(new PayloadInfo(false, false));
        assertThat(depacketizer.assemble(List.of(start, end), MAX).orElseThrow())
                .containsExactly(hex("00000001 65 88 80 21 aa bb"));
    }

    @Test
    void aSliceThatIsNotTheFirstOfItsPictureDoesNotStartAFrame() {
        assertThat(depacketizer.inspect(view("41 9a 00")).orElseThrow()).isEqualTo(new PayloadInfo(true, false));
        assertThat(depacketizer.inspect(view("41 1a 00")).orElseThrow()).isEqualTo(new PayloadInfo(false, false));
    }

    @Test
    void annexBSplitsOnThreeAndFourByteStartCodesAndJoinsBack() {
        final byte[] stream = hex("00 00 00 01 67 42 00 00 01 68 ce 00 00 00 00 01 65 88 00");
        final List<byte[]> nals = H264.splitAnnexB(stream);
        assertThat(nals).hasSize(3);
        assertThat(nals.get(2)).containsExactly(hex("65 88"));
        assertThat(H264.isKeyframe(nals)).isTrue();
        assertThat(H264.joinAnnexB(nals)).containsExactly(hex("00000001 6742 00000001 68ce 00000001 6588"));
        assertThat(H264.isKeyframeAnnexB(hex("00000001 41 9a"))).isFalse();
    }

    @Test
    void roundTripsRandomAccessUnitsOverManyPayloadSizes() {
        final Random random = new Random(6184);
        for (int i = 0; i < 400; i++) {
            final int max = switch (i % 5) {
                case 0 -> H264Packetizer.MIN_PAYLOAD_SIZE;
                case 1 -> 3 + random.nextInt(20);
                default -> 100 + random.nextInt(1300);
            };
            final List<byte[]> nals = new ArrayList<>();
            final int count = 1 + random.nextInt(6);
            for (int n = 0; n < count; n++) {
                final int size = switch (random.nextInt(4)) {
                    case 0 -> 1 + random.nextInt(8);
                    case 1 -> max + random.nextInt(3) - 1; // exactly the size, one under, one over
                    case 2 -> max > 500 && random.nextInt(20) == 0 ? 200_000 : 1 + random.nextInt(max < 30 ? 500 : 5000);
                    default -> 1 + random.nextInt(300);
                };
                final byte[] nal = Hex.random(random, Math.max(1, size));
                nal[0] = (byte) (nal[0] & 0x60 | 1 + random.nextInt(23));
                nal[nal.length - 1] |= 1; // a NAL unit ends in its stop bit, never a zero byte
                nals.add(nal);
            }
            final List<byte[]> payloads = packetizer.packetize(H264.joinAnnexB(nals), max);
            assertThat(payloads).allSatisfy(p -> assertThat(p.length).isBetween(1, max));
            for (byte[] payload : payloads) {
                assertThat(depacketizer.inspect(ByteView.of(payload)).isOk()).isTrue();
            }
            final List<byte[]> back = depacketizer.assembleNals(views(payloads), MAX).orElseThrow();
            assertThat(back).hasSize(nals.size());
            for (int n = 0; n < nals.size(); n++) {
                assertThat(back.get(n)).as("NAL %d of frame %d, max %d", n, i, max).containsExactly(nals.get(n));
            }
            assertThat(depacketizer.assemble(views(payloads), MAX).orElseThrow()).containsExactly(H264.joinAnnexB(nals));
        }
    }

    @Test
    void aNalUnitExactlyThePayloadSizeGoesAloneAndOneByteMoreIsFragmented() {
        final byte[] nal = new byte[100];
        nal[0] = 0x41;
        assertThat(packetizer.packetizeNals(List.of(nal), 100)).hasSize(1);
        assertThat(packetizer.packetizeNals(List.of(nal), 99)).hasSize(2);
    }

    @Test
    void rejectsMalformedPayloads() {
        assertError(List.of(view("")), "empty");
        assertError(List.of(view("7c 05 11")), "FU-A fragment without its start");
        assertError(List.of(view("7c 85 11")), "without its end fragment");
        assertError(List.of(view("7c 85 11"), view("41 9a")), "without its end fragment");
        assertError(List.of(view("7c 85 11"), view("7c 85 11")), "before the previous");
        assertError(List.of(view("78 0005 67 42")), "STAP-A NAL unit size 5");
        assertError(List.of(view("78 0002 67 42 00")), "1 byte(s) left");
        assertError(List.of(view("78")), "STAP-A with no NAL unit");
        assertError(List.of(view("78 0000")), "size 0");
        assertError(List.of(view("7c 85")), "FU-A of 2 bytes");
        assertError(List.of(view("79 00")), "interleaved mode");
        assertError(List.of(view("60 00")), "NAL unit type 0");
        assertThat(depacketizer.inspect(view("78 0005 67 42")).isOk()).isFalse();
        assertThat(depacketizer.inspect(view("7e 00")).isOk()).isFalse();
    }

    @Test
    void refusesAFrameLargerThanTheMaximum() {
        final byte[] nal = new byte[5000];
        nal[0] = 0x41;
        final List<ByteView> payloads = views(packetizer.packetizeNals(List.of(nal), 1000));
        assertThat(depacketizer.assemble(payloads, 4999).errorOrNull()).contains("larger than 4999");
        assertThat(depacketizer.assembleNals(payloads, 4999).errorOrNull()).contains("larger than 4999");
        assertThat(depacketizer.assemble(payloads, 5004).isOk()).isTrue();
    }

    @Test
    void packetizerRefusesWhatIsNotAnAccessUnit() {
        assertThatThrownBy(() -> packetizer.packetize(hex("0102"), 1200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> packetizer.packetize(hex("00000001 41"), 2))
                .hasMessageContaining("maxPayloadSize: 2");
    }

    private void assertError(List<ByteView> payloads, String message) {
        final ParseResult<byte[]> result = depacketizer.assemble(payloads, MAX);
        assertThat(result.errorOrNull()).as(Arrays.toString(payloads.toArray())).contains(message);
    }
}
