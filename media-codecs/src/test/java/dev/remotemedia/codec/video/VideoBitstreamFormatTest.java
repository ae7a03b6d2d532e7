package dev.remotemedia.codec.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoders' output is in the format the RTP payload formats take: H.264 as an Annex B byte stream
 * of constrained baseline (RFC 6184), AV1 as low-overhead OBUs with size fields (AV1 RTP
 * specification §4 / AV1 spec §5.2), VP8 and VP9 as raw frames (RFC 7741, RFC 9628).
 */
class VideoBitstreamFormatTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    private static List<EncodedVideoFrame> encode(VideoCodecType codec) {
        final List<EncodedVideoFrame> out = new ArrayList<>();
        try (VideoEncoder encoder = VideoCodecs.encoder(
                VideoEncoderSettings.builder(codec).size(WIDTH, HEIGHT).bitrate(300_000).build())) {
            for (int n = 0; n < 6; n++) {
                out.addAll(encoder.encode(NumberedPattern.frame(n, WIDTH, HEIGHT, n * 33_333L), n == 4));
            }
        }
        assertThat(out).hasSize(6);
        return out;
    }

    @Test
    void h264IsAnnexBConstrainedBaselineWithParameterSetsBeforeEveryIdr() {
        final List<EncodedVideoFrame> frames = encode(VideoCodecType.H264);
        for (int n = 0; n < frames.size(); n++) {
            final byte[] data = frames.get(n).data();
            assertThat(data[0] == 0 && data[1] == 0 && (data[2] == 1 || data[2] == 0 && data[3] == 1))
                    .as("frame %d starts with a start code", n).isTrue();
            final List<Integer> types = new ArrayList<>();
            byte[] sps = null;
            for (int i = 0; i + 3 < data.length; i++) {
                if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                    final int type = data[i + 3] & 0x1f;
                    types.add(type);
                    if (type == 7) {
                        sps = new byte[] { data[i + 4], data[i + 5], data[i + 6] };
                    }
                }
            }
            if (frames.get(n).isKeyframe()) {
                // SPS, PPS, then the IDR slice: what a receiver needs to start here.
                assertThat(types).as("NAL unit types of keyframe %d", n).containsSubsequence(7, 8, 5);
                // profile_idc 66 with constraint_set0 and constraint_set1: constrained baseline (42e0xx
                // or 42c0xx in profile-level-id).
                assertThat(sps[0] & 0xff).isEqualTo(66);
                assertThat(sps[1] & 0x40).as("constraint_set1_flag").isEqualTo(0x40);
            } else {
                assertThat(types).as("NAL unit types of frame %d", n).contains(1).doesNotContain(5);
            }
        }
        assertThat(frames.get(0).isKeyframe()).isTrue();
        assertThat(frames.get(4).isKeyframe()).isTrue();
    }

    @Test
    void av1IsOneTemporalUnitOfObusWithSizeFieldsAndASequenceHeaderOnKeyframes() {
        final List<EncodedVideoFrame> frames = encode(VideoCodecType.AV1);
        for (int n = 0; n < frames.size(); n++) {
            final byte[] data = frames.get(n).data();
            final List<Integer> types = new ArrayList<>();
            int at = 0;
            while (at < data.length) {
                final int header = data[at] & 0xff;
                assertThat(header & 0x80).as("forbidden bit").isZero();
                assertThat(header & 0x02).as("obu_has_size_field in frame %d", n).isEqualTo(0x02);
                types.add(header >> 3 & 0x0f);
                at += (header & 0x04) != 0 ? 2 : 1; // extension header
                long size = 0;
                int shift = 0;
                int b;
                do { // leb128 (AV1 spec §4.10.5)
                    b = data[at++] & 0xff;
                    size |= (long) (b & 0x7f) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                at += (int) size;
            }
            assertThat(at).as("OBUs fill frame %d exactly", n).isEqualTo(data.length);
            assertThat(types.get(0)).as("a temporal unit starts with a temporal delimiter").isEqualTo(2);
            if (frames.get(n).isKeyframe()) {
                assertThat(types).as("OBU types of keyframe %d", n).contains(1); // OBU_SEQUENCE_HEADER
            }
            assertThat(types).as("OBU types of frame %d", n).containsAnyOf(3, 6); // frame header or frame
        }
        assertThat(frames.get(0).isKeyframe()).isTrue();
        assertThat(frames.get(4).isKeyframe()).isTrue();
    }

    @Test
    void vp8KeyframesCarryTheStartCodeAndSize() {
        final List<EncodedVideoFrame> frames = encode(VideoCodecType.VP8);
        for (EncodedVideoFrame frame : frames) {
            final byte[] d = frame.data();
            // RFC 6386 §9.1: frame tag bit 0 is 0 for a keyframe, which then has 9d 01 2a and the size.
            assertThat((d[0] & 1) == 0).isEqualTo(frame.isKeyframe());
            if (frame.isKeyframe()) {
                assertThat(new int[] { d[3] & 0xff, d[4] & 0xff, d[5] & 0xff }).containsExactly(0x9d, 0x01, 0x2a);
                assertThat((d[6] & 0xff | (d[7] & 0x3f) << 8)).isEqualTo(WIDTH);
                assertThat((d[8] & 0xff | (d[9] & 0x3f) << 8)).isEqualTo(HEIGHT);
            }
        }
    }

    @Test
    void vp9FramesAreProfileZeroAndKeyframesCarryTheSyncCode() {
        final List<EncodedVideoFrame> frames = encode(VideoCodecType.VP9);
        for (EncodedVideoFrame frame : frames) {
            final int first = frame.data()[0] & 0xff;
            // VP9 bitstream §6.2: frame_marker 2, profile 0 (low and high bits), show_existing_frame 0,
            // frame_type (0 for a keyframe), show_frame, error_resilient_mode (on: we ask for it); a
            // keyframe's header then goes on with the sync code 49 83 42.
            assertThat(first >> 6).as("frame_marker").isEqualTo(2);
            assertThat(first >> 4 & 3).as("profile bits").isZero();
            assertThat(first >> 3 & 1).as("show_existing_frame").isZero();
            assertThat((first >> 2 & 1) == 0).as("frame_type says key").isEqualTo(frame.isKeyframe());
            assertThat(first & 1).as("error_resilient_mode").isEqualTo(1);
            if (frame.isKeyframe()) {
                final byte[] d = frame.data();
                final int sync = (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | d[3] & 0xff;
                assertThat(sync).isEqualTo(0x498342);
            }
        }
    }
}
